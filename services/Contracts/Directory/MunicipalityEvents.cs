namespace Network.Contracts.Directory;

// Integration events the Directory publishes about municipalities and their North-South partnerships.
// Additive changes only: a breaking change is a new type.

/// <param name="Ags">The municipality's 8-digit official key (Amtlicher Gemeindeschlüssel).</param>
/// <param name="IsPilot">One of the five pilot cities loaded at start-up.</param>
public sealed record MunicipalityAdded(
    string Ags,
    string Name,
    string FederalState,
    bool IsPilot,
    DateTimeOffset AddedAt);

/// <param name="PartnerCountry">ISO 3166-1 alpha-2, upper case.</param>
public sealed record PartnershipRecorded(
    Guid PartnershipId,
    string MunicipalityAgs,
    string PartnerName,
    string PartnerCountry,
    DateOnly Since,
    long Version,
    DateTimeOffset RecordedAt);

public sealed record PartnershipEnded(
    Guid PartnershipId,
    DateOnly EndedOn,
    long Version,
    DateTimeOffset EndedAt);
