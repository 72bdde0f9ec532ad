namespace Network.Contracts.Events;

// Integration events the Events service publishes. Additive changes only. Version is the event stream's version
// after the change. Personal data is minimal: a person is named by their token subject only, never by name.

/// <param name="Themes">Keys of the Directory's theme vocabulary (null in messages from before events had themes).</param>
public sealed record EventPublished(Guid EventId, string Kind, string? TitleDe, string? TitleEn, DateTimeOffset Start, DateTimeOffset End,
    Guid OrganiserId, string? MunicipalityAgs, int Capacity, long Version, DateTimeOffset PublishedAt, IReadOnlyList<string>? Themes = null);

/// <summary>New dates; registrations are kept. RegisteredPersonIds are the subjects of every active registration, to be told.</summary>
public sealed record EventRescheduled(Guid EventId, DateTimeOffset Start, DateTimeOffset End, IReadOnlyList<string> RegisteredPersonIds,
    long Version, DateTimeOffset RescheduledAt);

public sealed record EventCancelled(Guid EventId, string Reason, IReadOnlyList<string> RegisteredPersonIds, long Version, DateTimeOffset CancelledAt);

public sealed record EventHeld(Guid EventId, long Version, DateTimeOffset HeldAt);

/// <summary>A held event's summary and links, e.g. for the Knowledge service.</summary>
public sealed record EventDocumented(Guid EventId, string Summary, IReadOnlyList<string> Links, long Version, DateTimeOffset DocumentedAt);

public sealed record RegistrationConfirmed(Guid EventId, Guid RegistrationId, string PersonId, Guid? OrganisationId, long Version, DateTimeOffset ConfirmedAt);

public sealed record RegistrationWaitlisted(Guid EventId, Guid RegistrationId, string PersonId, Guid? OrganisationId, long Version, DateTimeOffset WaitlistedAt);

/// <summary>A waiting registration got a seat.</summary>
public sealed record RegistrationPromoted(Guid EventId, Guid RegistrationId, string PersonId, long Version, DateTimeOffset PromotedAt);

public sealed record RegistrationCancelled(Guid EventId, Guid RegistrationId, string PersonId, long Version, DateTimeOffset CancelledAt);
