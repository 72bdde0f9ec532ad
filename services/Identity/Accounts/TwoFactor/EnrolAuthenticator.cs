using System.Globalization;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;
using Network.Identity.Audit;
using Network.Platform.Http;

namespace Network.Identity.Accounts.TwoFactor;

/// <summary>E-mail and password, because staff who must use a second factor cannot get a token before they have one.</summary>
public sealed record StartEnrolmentRequest(string? Email, string? Password);

public sealed record ConfirmEnrolmentRequest(string? Email, string? Password, string? Code);

/// <summary>The shared secret for an authenticator app (RFC 6238 TOTP, 6 digits, 30 s), as text and as an otpauth:// URI for a QR code.</summary>
public sealed record AuthenticatorEnrolment(string SharedKey, string OtpAuthUri);

/// <summary>
/// A second factor with an authenticator app (ASP.NET Core Identity's TOTP provider): start, then confirm with a first code;
/// from then on every sign-in needs a current code. Required for staff in production configuration. Both steps check the
/// password with lockout, so they cannot be used to guess it; an account that has an authenticator cannot enrol another.
/// </summary>
public static class EnrolAuthenticator
{
    public const string Issuer = "Network";

    /// <summary>POST /authenticator</summary>
    public static async Task<Ok<AuthenticatorEnrolment>> Start(StartEnrolmentRequest request, HttpContext http,
        UserManager<Account> accounts, SignInManager<Account> signIn, CancellationToken ct)
    {
        var account = await CheckedAccountAsync(request.Email, request.Password, accounts, signIn);
        await accounts.ResetAuthenticatorKeyAsync(account);
        var key = (await accounts.GetAuthenticatorKeyAsync(account))!;
        var label = $"{Issuer}:{Uri.EscapeDataString(account.Email!)}";
        http.Response.Headers.CacheControl = "no-store";
        return TypedResults.Ok(new AuthenticatorEnrolment(key,
            string.Create(CultureInfo.InvariantCulture, $"otpauth://totp/{label}?secret={key}&issuer={Issuer}&digits=6&period=30")));
    }

    /// <summary>POST /authenticator/confirmation</summary>
    public static async Task<NoContent> Confirm(ConfirmEnrolmentRequest request, UserManager<Account> accounts,
        SignInManager<Account> signIn, AuditLog audit, CancellationToken ct)
    {
        new Validation().Required("code", request.Code, 16).ThrowIfInvalid();
        var account = await CheckedAccountAsync(request.Email, request.Password, accounts, signIn);
        if (await accounts.GetAuthenticatorKeyAsync(account) is null)
            throw new DomainRuleViolation("Start the enrolment first: POST /authenticator.", title: "No enrolment started");
        var code = request.Code!.Replace(" ", "", StringComparison.Ordinal);
        if (!await accounts.VerifyTwoFactorTokenAsync(account, TokenOptions.DefaultAuthenticatorProvider, code))
        {
            await accounts.AccessFailedAsync(account);
            throw new RequestValidationException(new Dictionary<string, string[]>
            {
                ["code"] = ["The code does not match; check the app's clock and enter the current code."],
            });
        }
        (await accounts.SetTwoFactorEnabledAsync(account, true)).ThrowIfFailed();
        await audit.RecordAsync(AuditKind.AuthenticatorEnabled, account.Id.ToString(), account.Id.ToString(), ct: ct);
        return TypedResults.NoContent();
    }

    static async Task<Account> CheckedAccountAsync(string? email, string? password, UserManager<Account> accounts, SignInManager<Account> signIn)
    {
        var v = new Validation().Required("email", email, 320);
        if (string.IsNullOrEmpty(password)) v.Add("password", "'password' is required.");
        v.ThrowIfInvalid();
        var account = await accounts.FindByEmailAsync(email!.Trim());
        if (account is not { IsActive: true })
            throw new DomainRuleViolation("The e-mail address or the password is wrong.", StatusCodes.Status400BadRequest, "Sign-in refused");
        var result = await signIn.CheckPasswordSignInAsync(account, password!, lockoutOnFailure: true);
        if (result.IsLockedOut)
            throw new DomainRuleViolation("Too many failed sign-ins: the account is locked for a while.", StatusCodes.Status429TooManyRequests, "Locked out")
            {
                RetryAfter = (await accounts.GetLockoutEndDateAsync(account) ?? DateTimeOffset.UtcNow) - DateTimeOffset.UtcNow,
            };
        if (!result.Succeeded)
            throw new DomainRuleViolation("The e-mail address or the password is wrong.", StatusCodes.Status400BadRequest, "Sign-in refused");
        if (await accounts.GetTwoFactorEnabledAsync(account))
            throw new DomainRuleViolation("This account has an authenticator already.", title: "Authenticator enrolled");
        return account;
    }
}
