namespace Network.Contracts.Identity;

/// <summary>
/// The Identity service's answer to the Directory's PersonErased: it has closed the account and forgotten the person's
/// name and e-mail, in the transaction that recorded PersonErased as handled. Only the Identity service may publish it
/// (docs/security.md, Least privilege). Additive changes only.
/// </summary>
public sealed record PersonalDataErasureConfirmed(Guid PersonId, DateTimeOffset ConfirmedAt);
