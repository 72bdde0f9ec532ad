namespace Network.Contracts.Directory;

// Integration events the Directory publishes about people acting for organisations. They carry no more personal
// data than others need: ids, role and the display name (which the person chose to show); never e-mail addresses
// or sign-in subjects. Additive changes only. Version is the person stream's version after the change, so
// consumers can ignore anything older than what they already applied.

/// <summary>Staff or the person themself recorded a person (the e-mail address stays in the Directory).</summary>
public sealed record PersonRecorded(
    Guid PersonId,
    string DisplayName,
    long Version,
    DateTimeOffset RecordedAt);

/// <param name="Role">How the person acts for the organisation: <c>Owner</c> or <c>Member</c>.</param>
public sealed record PersonJoinedOrganisation(
    Guid OrganisationId,
    Guid PersonId,
    string Role,
    string DisplayName,
    long Version,
    DateTimeOffset JoinedAt);

public sealed record PersonLeftOrganisation(
    Guid OrganisationId,
    Guid PersonId,
    long Version,
    DateTimeOffset LeftAt);

/// <summary>The person corrected the name others see.</summary>
public sealed record PersonDisplayNameChanged(
    Guid PersonId,
    string DisplayName,
    long Version,
    DateTimeOffset ChangedAt);

/// <param name="Purpose">One of <c>directory-contact</c>, <c>forum-participation</c>, <c>event-communication</c>.</param>
public sealed record PersonConsentGiven(
    Guid PersonId,
    string Purpose,
    long Version,
    DateTimeOffset GivenAt);

/// <param name="Purpose">One of <c>directory-contact</c>, <c>forum-participation</c>, <c>event-communication</c>.</param>
public sealed record PersonConsentWithdrawn(
    Guid PersonId,
    string Purpose,
    long Version,
    DateTimeOffset WithdrawnAt);

/// <summary>The person's personal data was erased: forget their name and everything else kept about them.</summary>
public sealed record PersonErased(
    Guid PersonId,
    long Version,
    DateTimeOffset ErasedAt);
