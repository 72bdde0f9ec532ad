namespace Network.Contracts.Directory;

// Integration events the Directory publishes about organisations. Additive changes only: a breaking change
// is a new type. Version is the organisation stream's version after the change, so consumers can ignore
// anything older than what they already applied.
//
// Profile fields (added later, optional so older messages still read): Themes are keys of the Directory's theme
// vocabulary (kebab-case), Countries ISO 3166-1 alpha-2 (upper case), Languages ISO 639-1 (lower case), Sdgs 1..17,
// Visibility one of Public, Members, Staff (null in messages from before it existed: treat as Public). Contact
// e-mail and postal address are not published (personal data stays in the Directory).

/// <param name="Kind">One of the Directory's organisation kinds, e.g. <c>MigrantOrganisation</c>.</param>
/// <param name="MunicipalityAgs">The municipality's 8-digit official key (Amtlicher Gemeindeschlüssel).</param>
/// <param name="IsShadow">An out-of-sight actor staff recorded; nobody acts for it until <see cref="OrganisationClaimed"/>.</param>
public sealed record OrganisationRegistered(
    Guid OrganisationId,
    string Name,
    string Kind,
    string MunicipalityAgs,
    string ShortDescription,
    long Version,
    DateTimeOffset RegisteredAt,
    string? FederalState = null,
    IReadOnlyList<string>? Themes = null,
    IReadOnlyList<string>? Countries = null,
    IReadOnlyList<string>? Languages = null,
    IReadOnlyList<int>? Sdgs = null,
    string? Visibility = null,
    string? DescriptionDe = null,
    string? DescriptionEn = null,
    string? Website = null,
    bool IsShadow = false);

/// <summary>The profile as it is after the change (every field, not only the changed ones).</summary>
public sealed record OrganisationProfileUpdated(
    Guid OrganisationId,
    string Name,
    string ShortDescription,
    long Version,
    DateTimeOffset UpdatedAt,
    string? Kind = null,
    IReadOnlyList<string>? Themes = null,
    IReadOnlyList<string>? Countries = null,
    IReadOnlyList<string>? Languages = null,
    IReadOnlyList<int>? Sdgs = null,
    string? Visibility = null,
    string? DescriptionDe = null,
    string? DescriptionEn = null,
    string? Website = null);

public sealed record OrganisationVerified(
    Guid OrganisationId,
    long Version,
    DateTimeOffset VerifiedAt);

/// <summary>Staff rejected the registration; it is not verified (any more) until resubmitted and verified.</summary>
public sealed record OrganisationRejected(
    Guid OrganisationId,
    string Reason,
    long Version,
    DateTimeOffset RejectedAt);

/// <summary>A rejected organisation asked to be verified again: it is pending.</summary>
public sealed record OrganisationResubmitted(
    Guid OrganisationId,
    long Version,
    DateTimeOffset ResubmittedAt);

/// <summary>Archived, for good: it leaves every list; its history stays in the Directory.</summary>
public sealed record OrganisationArchived(
    Guid OrganisationId,
    long Version,
    DateTimeOffset ArchivedAt);

/// <summary>An out-of-sight actor was claimed: somebody acts for it now (the person is published by PersonJoinedOrganisation).</summary>
public sealed record OrganisationClaimed(
    Guid OrganisationId,
    long Version,
    DateTimeOffset ClaimedAt);
