using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;
using Network.Identity.Audit;
using Network.Identity.SignIn;
using Network.Platform.Http;
using Network.Platform.Mail;

namespace Network.Identity.Accounts.ResettingPassword;

public sealed record RequestPasswordResetRequest(string? Email);

/// <param name="Account">The account id from the reset link.</param>
/// <param name="Token">The token from the reset link.</param>
public sealed record ResetPasswordRequest(Guid? Account, string? Token, string? Password);

public static class ResetPassword
{
    /// <summary>
    /// POST /password-resets: anyone. Always 202, whether or not the address has an account (so the answer tells
    /// nobody who has one); an active account gets a one-time link by mail.
    /// </summary>
    public static async Task<Accepted> Request(RequestPasswordResetRequest request, UserManager<Account> accounts, IMailSender mail,
        AuditLog audit, IOptions<ProviderOptions> provider, CancellationToken ct)
    {
        new Validation().Required("email", request.Email, 320).ThrowIfInvalid();
        var account = await accounts.FindByEmailAsync(request.Email!.Trim());
        if (account is { IsActive: true })
        {
            var token = await accounts.GeneratePasswordResetTokenAsync(account);
            var link = provider.Value.PublicUrl($"account/reset-password?account={account.Id}&token={Uri.EscapeDataString(token)}");
            await mail.SendAsync(AccountMails.PasswordReset(account, link, provider.Value.PasswordResetLifetime), ct);
            await audit.RecordAsync(AuditKind.PasswordResetRequested, account.Id.ToString(), "anonymous", ct: ct);
        }
        return TypedResults.Accepted((string?)null);
    }

    /// <summary>Sets a new password from a reset link; the account's lockout ends (the person proved they read its mail).</summary>
    public static async Task CompleteAsync(ResetPasswordRequest request, UserManager<Account> accounts, AuditLog audit, CancellationToken ct)
    {
        var v = new Validation().Required("token", request.Token, Activating.ActivateAccount.MaxTokenLength);
        if (request.Account is null || request.Account == Guid.Empty) v.Add("account", "'account' is required (it is in the reset link).");
        if (string.IsNullOrEmpty(request.Password)) v.Add("password", "'password' is required.");
        v.ThrowIfInvalid();

        var account = await accounts.FindByIdAsync(request.Account!.Value.ToString());
        if (account is not { IsActive: true }) throw AccountTokens.Invalid("password reset");
        var result = await accounts.ResetPasswordAsync(account, AccountTokens.FromLink(request.Token!), request.Password!);
        if (result.Errors.Any(e => e.Code == "InvalidToken")) throw AccountTokens.Invalid("password reset");
        result.ThrowIfFailed();
        await accounts.ResetAccessFailedCountAsync(account);
        await accounts.SetLockoutEndDateAsync(account, null);
        await audit.RecordAsync(AuditKind.PasswordReset, account.Id.ToString(), account.Id.ToString(), ct: ct);
    }

    /// <summary>POST /password-resets/completion: anyone holding the link.</summary>
    public static async Task<NoContent> Complete(ResetPasswordRequest request, UserManager<Account> accounts, AuditLog audit, CancellationToken ct)
    {
        await CompleteAsync(request, accounts, audit, ct);
        return TypedResults.NoContent();
    }
}
