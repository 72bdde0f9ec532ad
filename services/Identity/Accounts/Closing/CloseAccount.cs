using Marten;
using Microsoft.AspNetCore.Identity;
using Network.Identity.Audit;
using OpenIddict.Abstractions;

namespace Network.Identity.Accounts.Closing;

/// <summary>Marten event on the account's stream; the outbox publishes it, and every service then refuses the subject's tokens.</summary>
public sealed record AccountClosed(Guid AccountId, string Subject, DateTimeOffset At);

public sealed record ClosedAccount(Guid AccountId, string Subject, DateTimeOffset ClosedAt);

/// <summary>
/// When the Directory erased a person: their account keeps no personal data (e-mail, name, password), can never sign
/// in again, and every refresh token, authorization code and stored token of theirs is revoked at once. Idempotent,
/// so a redelivered erasure finds the account closed and only the Marten part (inbox-guarded) remains to be done.
/// </summary>
public sealed class CloseAccount(UserManager<Account> accounts, IOpenIddictTokenManager tokens,
    IOpenIddictAuthorizationManager authorizations, AuditLog audit)
{
    public const string ErasedName = "(erased)";

    /// <returns>the closed account (also when it was closed before), or null when the person had no account.</returns>
    public async Task<ClosedAccount?> CloseAsync(Guid personId, DateTimeOffset at, CancellationToken ct)
    {
        var account = await accounts.FindByPersonAsync(personId, ct);
        if (account is null) return null;
        if (account.ClosedAt is null)
        {
            account.ClosedAt = at;
            account.DisplayName = ErasedName;
            // Unique and undeliverable (RFC 2606 .invalid), so the account still passes Identity's checks; shown as none.
            account.UserName = account.Email = $"closed-{account.Id:N}@closed.invalid";
            account.PasswordHash = null;
            account.LockoutEnd = DateTimeOffset.MaxValue;
            await accounts.SetAuthenticationTokenAsync(account, "[AspNetUserStore]", "AuthenticatorKey", null);
            await accounts.UpdateSecurityStampAsync(account); // sign-in cookies die with the old stamp
            (await accounts.UpdateAsync(account)).ThrowIfFailed();
        }
        var subject = account.Id.ToString();
        await tokens.RevokeBySubjectAsync(subject, ct);
        await authorizations.RevokeBySubjectAsync(subject, ct);
        return new ClosedAccount(account.Id, subject, account.ClosedAt!.Value);
    }

    public void Record(IDocumentSession session, ClosedAccount closed)
    {
        session.Events.Append(closed.AccountId, new AccountClosed(closed.AccountId, closed.Subject, closed.ClosedAt));
        audit.Add(session, AuditKind.AccountClosed, closed.Subject, "system", "The person was erased in the Directory.");
    }
}
