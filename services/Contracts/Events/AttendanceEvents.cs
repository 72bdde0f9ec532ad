namespace Network.Contracts.Events;

/// <summary>Staff checked a confirmed registrant in at the event. Version is the event stream's version after the change.</summary>
public sealed record AttendanceRecorded(Guid EventId, Guid RegistrationId, string PersonId, Guid? OrganisationId, long Version, DateTimeOffset RecordedAt);

/// <summary>Staff took back a check-in made by mistake: the person counts as not attended again.</summary>
public sealed record AttendanceWithdrawn(Guid EventId, Guid RegistrationId, string PersonId, long Version, DateTimeOffset WithdrawnAt);
