using System.Security.Cryptography;
using System.Text;
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

public static class InvitationTokens
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromDays(14);

    /// <summary>256 random bits, URL-safe.</summary>
    public static string NewToken() => Base64UrlEncode(RandomNumberGenerator.GetBytes(32));

    public static string Hash(string token) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(token.Trim())));

    static string Base64UrlEncode(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
