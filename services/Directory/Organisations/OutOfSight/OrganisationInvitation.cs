using Marten.Schema;

namespace Network.Directory.Organisations.OutOfSight;

/// <summary>
/// A one-time invitation to claim a shadow profile. Only the SHA-256 hash of its token is stored: whoever reads
/// the database cannot claim anything with it. Used once, then void; void after its expiry anyway.
/// </summary>
[UseOptimisticConcurrency]
public sealed class OrganisationInvitation
{
    public Guid Id { get; set; }
    public string TokenHash { get; set; } = "";
    public Guid OrganisationId { get; set; }
    public DateTimeOffset IssuedAt { get; set; }
    public DateTimeOffset ExpiresAt { get; set; }
    public string IssuedBy { get; set; } = "";
    public DateTimeOffset? ClaimedAt { get; set; }
    public Guid? ClaimedByPerson { get; set; }
}

/// <summary>Tokens themselves are made and hashed by the platform's <c>SecretTokens</c>.</summary>
public static class InvitationTokens
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromDays(14);
}
