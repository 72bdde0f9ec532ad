namespace Network.Contracts.Directory;

// Integration events the Directory publishes about organisations. Additive changes only: a breaking change
// is a new type. Version is the organisation stream's version after the change, so consumers can ignore
// anything older than what they already applied.

/// <param name="Kind">One of the Directory's organisation kinds, e.g. <c>MigrantOrganisation</c>.</param>
/// <param name="MunicipalityAgs">The municipality's 8-digit official key (Amtlicher Gemeindeschlüssel).</param>
public sealed record OrganisationRegistered(
    Guid OrganisationId,
    string Name,
    string Kind,
    string MunicipalityAgs,
    string ShortDescription,
    long Version,
    DateTimeOffset RegisteredAt);

public sealed record OrganisationProfileUpdated(
    Guid OrganisationId,
    string Name,
    string ShortDescription,
    long Version,
    DateTimeOffset UpdatedAt);

public sealed record OrganisationVerified(
    Guid OrganisationId,
    long Version,
    DateTimeOffset VerifiedAt);
