namespace Network.Contracts.Forum;

/// <summary>
/// The Forum's answer to the Directory's PersonErased: it has forgotten the person's name (its member list and every
/// read model), in the transaction that recorded PersonErased as handled. Each service that keeps personal data
/// confirms with a contract of its own namespace, so the broker lets only that service publish it (docs/security.md,
/// Least privilege). Additive changes only.
/// </summary>
public sealed record PersonalDataErasureConfirmed(Guid PersonId, DateTimeOffset ConfirmedAt);
