using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;
using Network.Identity.Accounts.Viewing;
using Network.Identity.Audit;
using Network.Platform.Http;

namespace Network.Identity.Accounts.Activating;

/// <param name="Account">The account id from the invitation link.</param>
/// <param name="Token">The token from the invitation link.</param>
public sealed record ActivateAccountRequest(Guid? Account, string? Token, string? Password);

public static class ActivateAccount
{
    public const int MaxTokenLength = 2048;

    /// <summary>
    /// Sets the first password from an invitation link: the token must verify (right account, not expired, not used: setting
    /// the password changes the security stamp it binds), the password must meet the rules. Then the account is active.
    /// </summary>
    public static async Task<Account> ActivateAsync(ActivateAccountRequest request, UserManager<Account> accounts, AuditLog audit,
        TimeProvider clock, CancellationToken ct)
    {
        var v = new Validation().Required("token", request.Token, MaxTokenLength);
        if (request.Account is null || request.Account == Guid.Empty) v.Add("account", "'account' is required (it is in the invitation link).");
        if (string.IsNullOrEmpty(request.Password)) v.Add("password", "'password' is required.");
        v.ThrowIfInvalid();

        var account = await accounts.FindByIdAsync(request.Account!.Value.ToString());
        if (account is null || account.ClosedAt is not null || account.ActivatedAt is not null
            || !await accounts.VerifyUserTokenAsync(account, AccountTokens.Invitation, AccountTokens.ActivatePurpose, AccountTokens.FromLink(request.Token!)))
            throw AccountTokens.Invalid("invitation");

        (await accounts.AddPasswordAsync(account, request.Password!)).ThrowIfFailed();
        account.EmailConfirmed = true;
        account.ActivatedAt = clock.GetUtcNow();
        (await accounts.UpdateAsync(account)).ThrowIfFailed();
        await audit.RecordAsync(AuditKind.AccountActivated, account.Id.ToString(), account.Id.ToString(), ct: ct);
        return account;
    }

    /// <summary>POST /invitations/activation: anyone holding the link.</summary>
    public static async Task<Ok<AccountResponse>> Handle(ActivateAccountRequest request, UserManager<Account> accounts, AuditLog audit,
        TimeProvider clock, CancellationToken ct) =>
        TypedResults.Ok(await AccountResponse.FromAsync(await ActivateAsync(request, accounts, audit, clock, ct), accounts, clock));
}
