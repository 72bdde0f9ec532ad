using Marten;
using Marten.Schema;

namespace Network.Identity.Partners;

/// <summary>
/// A partner system staff let in: it signs in with OAuth 2 client credentials (OpenIddict keeps the client and only
/// a hash of its secret) and reads what its scopes, one per service, allow. This document is the record staff list
/// and that outlives the client when it is revoked.
/// </summary>
[UseOptimisticConcurrency]
public sealed class PartnerClient
{
    public Guid Id { get; set; }
    public string ClientId { get; set; } = "";
    public string Name { get; set; } = "";
    public List<string> Scopes { get; set; } = [];
    /// <summary>Where the service writes to the partner's people: a subscription that was disabled (null for partners let in before
    /// contacts were asked for; staff set one with PUT /partners/{id}/contact).</summary>
    public string? ContactEmail { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public string CreatedBy { get; set; } = "";
    public DateTimeOffset? RevokedAt { get; set; }
    public string? RevokedBy { get; set; }

    public bool IsActive => RevokedAt is null;
}

/// <summary>Marten event on the partner's stream; the outbox publishes it, and every service refuses the client's tokens.</summary>
public sealed record PartnerClientRevoked(Guid PartnerId, string ClientId, string By, DateTimeOffset At);

public sealed class PartnerClients(IQuerySession session)
{
    public Task<PartnerClient?> FindActiveAsync(string clientId, CancellationToken ct) =>
        session.Query<PartnerClient>().FirstOrDefaultAsync(p => p.ClientId == clientId && p.RevokedAt == null, ct);
}
