namespace Network.Contracts.Events;

/// <summary>Staff checked a confirmed registrant in at the event. Version is the event stream's version after the change.</summary>
public sealed record AttendanceRecorded(Guid EventId, Guid RegistrationId, string PersonId, Guid? OrganisationId, long Version, DateTimeOffset RecordedAt);
