using Marten;
using Microsoft.AspNetCore.Http;

namespace Network.Identity.Audit;

/// <summary>What happened to sign-in: the kinds staff can filter the audit by.</summary>
public enum AuditKind
{
    SignInSucceeded,
    SignInFailed,
    LockedOut,
    TokenRefused,
    AccountInvited,
    AccountActivated,
    PasswordResetRequested,
    PasswordReset,
    AuthenticatorEnabled,
    RolesChanged,
    AccountClosed,
    PartnerClientCreated,
    PartnerClientRevoked,
    PartnerContactChanged,
    PartnerNotified,
}

/// <summary>
/// One line of the sign-in audit: what happened, to whom (<see cref="Subject"/>: an account id or a client id), who
/// did it (<see cref="Actor"/>: the account itself, a staff member, or <c>system</c>), when, from which address and
/// through which client. Never a password, token or one-time code.
/// </summary>
public sealed record AuditEntry(
    Guid Id,
    DateTimeOffset At,
    AuditKind Kind,
    string? Subject,
    string Actor,
    string? ClientAddress,
    string? ClientId,
    string? Detail);

/// <summary>Writes audit entries with the caller's address; in the transaction of the change they describe when there is one.</summary>
public sealed class AuditLog(IDocumentStore store, IHttpContextAccessor http, TimeProvider clock)
{
    public AuditEntry Entry(AuditKind kind, string? subject, string actor, string? detail = null, string? clientId = null) =>
        new(Guid.CreateVersion7(), clock.GetUtcNow(), kind, subject, actor,
            http.HttpContext?.Connection.RemoteIpAddress?.ToString(), clientId, detail);

    public void Add(IDocumentSession session, AuditKind kind, string? subject, string actor, string? detail = null, string? clientId = null) =>
        session.Insert(Entry(kind, subject, actor, detail, clientId));

    public async Task RecordAsync(AuditKind kind, string? subject, string actor, string? detail = null, string? clientId = null,
        CancellationToken ct = default)
    {
        await using var session = store.LightweightSession();
        Add(session, kind, subject, actor, detail, clientId);
        await session.SaveChangesAsync(ct);
    }
}
