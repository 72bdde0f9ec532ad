namespace Network.Contracts.Events;

/// <summary>
/// The Events service's answer to the Directory's PersonErased: it has forgotten the person's name (registrations,
/// their events, exports, the calendar feed), in the transaction that recorded PersonErased as handled. Only the
/// Events service may publish it (docs/security.md, Least privilege). Additive changes only.
/// </summary>
public sealed record PersonalDataErasureConfirmed(Guid PersonId, DateTimeOffset ConfirmedAt);
