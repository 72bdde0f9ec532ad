using Marten.Schema;
using Network.Platform.Auth;

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

public static class InvitationTokens
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromDays(14);

    public static string NewToken() => SecretTokens.New();

    public static string Hash(string token) => SecretTokens.Hash(token);
}
