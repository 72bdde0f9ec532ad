using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;
using Network.Platform.Http;

namespace Network.Identity.Accounts;

/// <summary>
/// The one-time links of invitations and password resets: ASP.NET Core Identity's data-protection tokens, each kind
/// with its own lifetime. A token binds the account's security stamp, which changes when the password is set, so a
/// link works once; it expires after <c>Identity:InvitationLifetime</c> or <c>Identity:PasswordResetLifetime</c>.
/// </summary>
public static class AccountTokens
{
    public const string Invitation = "Invitation";
    public const string PasswordReset = "PasswordReset";
    public const string ActivatePurpose = "activate-account";

    public static IdentityBuilder AddAccountTokens(this IdentityBuilder identity, TimeSpan invitationLifetime, TimeSpan resetLifetime)
    {
        identity.Services.Configure<InvitationTokenOptions>(o => o.TokenLifespan = invitationLifetime);
        identity.Services.Configure<PasswordResetTokenOptions>(o => o.TokenLifespan = resetLifetime);
        identity.AddTokenProvider<InvitationTokenProvider>(Invitation);
        identity.AddTokenProvider<PasswordResetTokenProvider>(PasswordReset);
        identity.Services.Configure<IdentityOptions>(o => o.Tokens.PasswordResetTokenProvider = PasswordReset);
        return identity;
    }

    /// <summary>
    /// The token as sent, or as it stands in the link (URL-encoded, as a script copies it from the mail): the tokens are
    /// Base64 and contain no '%', so decoding is unambiguous.
    /// </summary>
    public static string FromLink(string token) => Uri.UnescapeDataString(token.Trim());

    /// <summary>A link's token that does not verify: a 400 naming the field, with what to do.</summary>
    public static RequestValidationException Invalid(string what) => new(new Dictionary<string, string[]>
    {
        ["token"] = [$"This {what} link is invalid, has expired or was used already; ask for a new one."],
    });
}

public sealed class InvitationTokenOptions : DataProtectionTokenProviderOptions
{
    public InvitationTokenOptions() => Name = AccountTokens.Invitation;
}

public sealed class PasswordResetTokenOptions : DataProtectionTokenProviderOptions
{
    public PasswordResetTokenOptions() => Name = AccountTokens.PasswordReset;
}

public sealed class InvitationTokenProvider(IDataProtectionProvider protection, IOptions<InvitationTokenOptions> options,
    Microsoft.Extensions.Logging.ILogger<DataProtectorTokenProvider<Account>> logger)
    : DataProtectorTokenProvider<Account>(protection, options, logger);

public sealed class PasswordResetTokenProvider(IDataProtectionProvider protection, IOptions<PasswordResetTokenOptions> options,
    Microsoft.Extensions.Logging.ILogger<DataProtectorTokenProvider<Account>> logger)
    : DataProtectorTokenProvider<Account>(protection, options, logger);
