namespace Network.Partners.Catalogue;

// The payloads of the public events (the CloudEvent's data), one record per shape, named after the first event type
// that uses it and versioned with it: additive changes only; a breaking change is a new record and a new type (.v2).
// Ids are those of the public API; municipalities by their 8-digit official key (AGS); themes by the Directory's keys.

/// <param name="Name">Null when the organisation's profile is not public (then only its id is shared).</param>
/// <param name="IsOutOfSight">An actor staff recorded that is not on the platform yet.</param>
public sealed record OrganisationRegisteredV1(Guid OrganisationId, string? Name, string Kind, string MunicipalityAgs, IReadOnlyList<string> Themes,
    bool IsOutOfSight);

/// <param name="Name">Null when the organisation's profile is not public.</param>
public sealed record OrganisationProfileUpdatedV1(Guid OrganisationId, string? Name, string? Kind, IReadOnlyList<string> Themes);

/// <summary>A change of an organisation's state that the type names (verified, rejected, archived).</summary>
public sealed record OrganisationStatusV1(Guid OrganisationId);

public sealed record LocalNetworkCreatedV1(Guid NetworkId, string Name, string MunicipalityAgs, Guid CoordinatorOrganisationId, string Stage);

public sealed record LocalNetworkMembershipV1(Guid NetworkId, Guid OrganisationId);

public sealed record LocalNetworkStageChangedV1(Guid NetworkId, string PreviousStage, string Stage, DateOnly On);

/// <summary>Delete what you keep about this person: nothing else is said about them.</summary>
public sealed record PersonErasedV1(Guid PersonId);

public sealed record EventPublishedV1(Guid EventId, string Kind, string? TitleDe, string? TitleEn, DateTimeOffset Start, DateTimeOffset End,
    Guid OrganiserId, string? MunicipalityAgs);

public sealed record EventRescheduledV1(Guid EventId, DateTimeOffset Start, DateTimeOffset End);

public sealed record EventCancelledV1(Guid EventId, string Reason);

/// <summary>The thread's title and text stay in the Forum (a board may be for members only); read it from the link if you may.</summary>
public sealed record ThreadPromotedV1(Guid ThreadId, Guid BoardId, IReadOnlyList<string> Themes, string? MunicipalityAgs, Guid? LocalNetworkId);

public sealed record KnowledgeItemPublishedV1(Guid ItemId, string Type, string? TitleDe, string? TitleEn, IReadOnlyList<Guid> Organisations,
    IReadOnlyList<string> Themes, IReadOnlyList<int> Sdgs, string? MunicipalityAgs, int Revision);

public sealed record KnowledgeItemArchivedV1(Guid ItemId);
