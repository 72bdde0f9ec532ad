namespace Network.Contracts.Identity;

// Integration events the Identity service (the OpenID Connect provider) publishes. Every service consumes them
// through the platform: tokens of a subject named here are refused from then on, even before they expire.
// Additive changes only: a breaking change is a new type.

/// <summary>A person's account was closed (their personal data was erased in the Directory).</summary>
/// <param name="Subject">The <c>sub</c> claim of the account's tokens.</param>
public sealed record AccountClosed(string Subject, DateTimeOffset ClosedAt);

/// <summary>Staff revoked a partner system's client: its client-credentials tokens stop working.</summary>
/// <param name="ClientId">The client id, also the <c>sub</c> claim of its tokens.</param>
public sealed record PartnerClientRevoked(string ClientId, DateTimeOffset RevokedAt);
