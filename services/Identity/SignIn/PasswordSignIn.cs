using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;
using Network.Identity.Accounts;
using Network.Identity.Audit;
using Network.Platform.Auth;

namespace Network.Identity.SignIn;

/// <summary>How one attempt to sign in with e-mail, password and (when enrolled) a one-time code ended.</summary>
public abstract record SignInOutcome
{
    public sealed record Succeeded(Account Account) : SignInOutcome;

    /// <summary>Wrong e-mail, password or code, or an account that cannot sign in: one answer for all, so none is revealed.</summary>
    public sealed record Failed : SignInOutcome;

    public sealed record LockedOut(DateTimeOffset Until) : SignInOutcome;

    /// <summary>The password was right; the account has an authenticator and no one-time code came with it.</summary>
    public sealed record OneTimeCodeRequired : SignInOutcome;

    /// <summary>The password was right, but staff must enrol a second factor before they sign in.</summary>
    public sealed record SecondFactorEnrolmentRequired : SignInOutcome;
}

/// <summary>
/// The one password check of the provider (token endpoint and sign-in page): ASP.NET Core Identity's lockout
/// (<see cref="ProviderOptions.MaxFailedSignIns"/> failures in a row lock the account for
/// <see cref="ProviderOptions.LockoutDuration"/>; a wrong one-time code counts as a failure), its TOTP authenticator,
/// and an audit entry for every attempt.
/// </summary>
public sealed class PasswordSignIn(
    UserManager<Account> accounts, SignInManager<Account> signIn, IOptions<ProviderOptions> options, AuditLog audit, TimeProvider clock)
{
    public async Task<SignInOutcome> CheckAsync(string email, string password, string? oneTimeCode, string? clientId, CancellationToken ct)
    {
        var account = await accounts.FindByEmailAsync(email.Trim());
        if (account is null || !account.IsActive)
        {
            // Spend the time a real check takes, so the answer's timing does not tell whether the address has an account.
            accounts.PasswordHasher.VerifyHashedPassword(new Account(), DummyHash.Value, password);
            await audit.RecordAsync(AuditKind.SignInFailed, account?.Id.ToString(), "anonymous",
                account is null ? "No account has this e-mail address." : "The account is not active.", clientId, ct);
            return new SignInOutcome.Failed();
        }

        var subject = account.Id.ToString();
        var result = await signIn.CheckPasswordSignInAsync(account, password, lockoutOnFailure: true);
        if (result.IsLockedOut) return await LockedOutAsync(account, clientId, ct);
        if (!result.Succeeded)
        {
            await audit.RecordAsync(AuditKind.SignInFailed, subject, subject, "Wrong password.", clientId, ct);
            return new SignInOutcome.Failed();
        }

        if (await accounts.GetTwoFactorEnabledAsync(account))
        {
            if (string.IsNullOrWhiteSpace(oneTimeCode)) return new SignInOutcome.OneTimeCodeRequired();
            var code = oneTimeCode.Replace(" ", "", StringComparison.Ordinal);
            if (!await accounts.VerifyTwoFactorTokenAsync(account, TokenOptions.DefaultAuthenticatorProvider, code))
            {
                await accounts.AccessFailedAsync(account);
                if (await accounts.IsLockedOutAsync(account)) return await LockedOutAsync(account, clientId, ct);
                await audit.RecordAsync(AuditKind.SignInFailed, subject, subject, "Wrong one-time code.", clientId, ct);
                return new SignInOutcome.Failed();
            }
            await accounts.ResetAccessFailedCountAsync(account);
        }
        else if (StaffMustUseSecondFactor && await accounts.IsInRoleAsync(account, Roles.Staff))
        {
            await audit.RecordAsync(AuditKind.SignInFailed, subject, subject, "Staff must enrol a second factor first.", clientId, ct);
            return new SignInOutcome.SecondFactorEnrolmentRequired();
        }

        await audit.RecordAsync(AuditKind.SignInSucceeded, subject, subject, null, clientId, ct);
        return new SignInOutcome.Succeeded(account);
    }

    /// <summary>Whether the staff rule applies (on unless configured off; off by default in Development and Testing).</summary>
    public bool StaffMustUseSecondFactor => options.Value.RequireStaffTwoFactor ?? true;

    async Task<SignInOutcome> LockedOutAsync(Account account, string? clientId, CancellationToken ct)
    {
        var until = await accounts.GetLockoutEndDateAsync(account) ?? clock.GetUtcNow() + options.Value.LockoutDuration;
        await audit.RecordAsync(AuditKind.LockedOut, account.Id.ToString(), account.Id.ToString(), $"Locked until {until:u}.", clientId, ct);
        return new SignInOutcome.LockedOut(until);
    }

    static readonly Lazy<string> DummyHash = new(() => new PasswordHasher<Account>().HashPassword(new Account(), Guid.NewGuid().ToString()));
}
