namespace Network.Directory.Organisations;

/// <summary>An event of an organisation's stream: small, past tense, carrying who (the actor's subject) and when.</summary>
public interface IOrganisationEvent;

public sealed record OrganisationRegistered(
    Guid OrganisationId, string Name, OrganisationKind Kind, string MunicipalityAgs, string ShortDescription,
    string By, DateTimeOffset At, OrganisationDetails? Details = null) : IOrganisationEvent;

/// <summary>Staff recorded an actor that is out of sight: a shadow profile nobody acts for yet.</summary>
public sealed record OutOfSightOrganisationRecorded(
    Guid OrganisationId, string Name, OrganisationKind Kind, string MunicipalityAgs, string ShortDescription,
    OrganisationDetails Details, string By, DateTimeOffset At) : IOrganisationEvent;

/// <summary>The profile became this (name, teaser, details and kind as they are after the change).</summary>
public sealed record OrganisationProfileUpdated(
    Guid OrganisationId, string Name, string ShortDescription, string By, DateTimeOffset At,
    OrganisationDetails? Details = null, OrganisationKind? Kind = null) : IOrganisationEvent;

public sealed record OrganisationVerified(Guid OrganisationId, string By, DateTimeOffset At) : IOrganisationEvent;

public sealed record OrganisationRejected(Guid OrganisationId, string Reason, string By, DateTimeOffset At) : IOrganisationEvent;

public sealed record OrganisationResubmitted(Guid OrganisationId, string By, DateTimeOffset At) : IOrganisationEvent;

public sealed record OrganisationArchived(Guid OrganisationId, string By, DateTimeOffset At) : IOrganisationEvent;

/// <summary>An invitation to claim a shadow profile was issued (the token itself is never stored, not even here).</summary>
public sealed record OrganisationInvitationIssued(Guid OrganisationId, Guid InvitationId, DateTimeOffset ExpiresAt, string By, DateTimeOffset At) : IOrganisationEvent;

/// <summary>The invited person claimed the shadow profile and became its owner.</summary>
public sealed record OrganisationClaimed(Guid OrganisationId, Guid InvitationId, Guid PersonId, string By, DateTimeOffset At) : IOrganisationEvent;
