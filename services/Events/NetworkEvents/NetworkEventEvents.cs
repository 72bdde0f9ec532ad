namespace Network.Events.NetworkEvents;

/// <summary>
/// What can happen to an event: the events of its stream (attendance's are in Attendance/). The marker lets the
/// event's snapshot take only these (see <see cref="NetworkEventStore"/>).
/// </summary>
public interface INetworkEventEvent;

// Domain events of the event stream: small, past tense, who (the actor's subject) and when.
public sealed record EventCreated(Guid EventId, EventDetails Details, string By, DateTimeOffset At) : INetworkEventEvent;
/// <summary>Carries the event's details as published, for the integration event.</summary>
public sealed record EventPublished(Guid EventId, EventDetails Details, string By, DateTimeOffset At) : INetworkEventEvent;
/// <summary>New dates; Registrants are the subjects of the active registrations at that moment (who must be told).</summary>
public sealed record EventRescheduled(Guid EventId, DateTimeOffset Start, DateTimeOffset End,
    DateTimeOffset RegistrationOpens, DateTimeOffset RegistrationCloses, IReadOnlyList<string> Registrants, string By, DateTimeOffset At) : INetworkEventEvent;
public sealed record EventCancelled(Guid EventId, string Reason, IReadOnlyList<string> Registrants, string By, DateTimeOffset At) : INetworkEventEvent;
public sealed record EventHeld(Guid EventId, string By, DateTimeOffset At) : INetworkEventEvent;
public sealed record EventDocumented(Guid EventId, string Summary, IReadOnlyList<string> Links, string By, DateTimeOffset At) : INetworkEventEvent;
public sealed record EventCapacityChanged(Guid EventId, int Capacity, string By, DateTimeOffset At) : INetworkEventEvent;

/// <summary>A person registered: confirmed within capacity, otherwise put on the waiting list (in order of these events).</summary>
public sealed record PersonRegistered(Guid EventId, Guid RegistrationId, string PersonId, string PersonName,
    Guid? OrganisationId, RegistrationStatus Status, DateTimeOffset At) : INetworkEventEvent;
/// <param name="Was">the registration's status before (events written before it existed have none).</param>
public sealed record RegistrationCancelled(Guid EventId, Guid RegistrationId, string PersonId, string By, DateTimeOffset At,
    RegistrationStatus? Was = null) : INetworkEventEvent;
/// <summary>A waiting registration got a seat (after a cancellation or a capacity raise).</summary>
public sealed record RegistrationPromoted(Guid EventId, Guid RegistrationId, string PersonId, DateTimeOffset At) : INetworkEventEvent;
