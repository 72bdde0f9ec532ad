using System.Text.Json.Serialization;

namespace Network.Events.NetworkEvents;

public enum EventKind { Conference, RegionalEvent, Training, Webinar, NetworkingMeeting, AdvisorySession }

public enum EventStatus { Draft, Published, Held, Documented, Cancelled }

public enum RegistrationStatus { Confirmed, Waitlisted, Cancelled }

/// <summary>A text in German and English; either may be missing.</summary>
public sealed record LocalizedText(string? De, string? En);

/// <summary>One person's registration, kept in the event's stream so the seat decision sees the whole event.</summary>
public sealed record Registration(
    Guid RegistrationId,
    string PersonId,
    string PersonName,
    Guid? OrganisationId,
    RegistrationStatus Status,
    DateTimeOffset RegisteredAt,
    bool Attended);

/// <summary>The details staff set when creating an event (start and end carry their offset, Europe/Berlin).</summary>
public sealed record EventDetails(
    EventKind Kind,
    LocalizedText Title,
    LocalizedText Description,
    DateTimeOffset Start,
    DateTimeOffset End,
    string? MunicipalityAgs,
    string? Venue,
    string? OnlineLink,
    Guid OrganiserId,
    IReadOnlyList<string> Languages,
    int Capacity,
    DateTimeOffset RegistrationOpens,
    DateTimeOffset RegistrationCloses,
    string? AccessibilityNotes,
    Guid? LocalNetworkId);

// Domain events of the event stream: small, past tense, who (the actor's subject) and when.
public sealed record EventCreated(Guid EventId, EventDetails Details, string By, DateTimeOffset At);
/// <summary>Carries the event's details as published, for the integration event.</summary>
public sealed record EventPublished(Guid EventId, EventDetails Details, string By, DateTimeOffset At);
/// <summary>New dates; Registrants are the subjects of the active registrations at that moment (who must be told).</summary>
public sealed record EventRescheduled(Guid EventId, DateTimeOffset Start, DateTimeOffset End,
    DateTimeOffset RegistrationOpens, DateTimeOffset RegistrationCloses, IReadOnlyList<string> Registrants, string By, DateTimeOffset At);
public sealed record EventCancelled(Guid EventId, string Reason, IReadOnlyList<string> Registrants, string By, DateTimeOffset At);
public sealed record EventHeld(Guid EventId, string By, DateTimeOffset At);
public sealed record EventDocumented(Guid EventId, string Summary, IReadOnlyList<string> Links, string By, DateTimeOffset At);
public sealed record EventCapacityChanged(Guid EventId, int Capacity, string By, DateTimeOffset At);

/// <summary>A person registered: confirmed within capacity, otherwise put on the waiting list (in order of these events).</summary>
public sealed record PersonRegistered(Guid EventId, Guid RegistrationId, string PersonId, string PersonName,
    Guid? OrganisationId, RegistrationStatus Status, DateTimeOffset At);
public sealed record RegistrationCancelled(Guid EventId, Guid RegistrationId, string PersonId, string By, DateTimeOffset At);
/// <summary>A waiting registration got a seat (after a cancellation or a capacity raise).</summary>
public sealed record RegistrationPromoted(Guid EventId, Guid RegistrationId, string PersonId, DateTimeOffset At);

/// <summary>An event (conference, training, ...) with its registrations; the stream version is the ETag.</summary>
public sealed record NetworkEvent
{
    public Guid Id { get; init; }
    public EventKind Kind { get; init; }
    public LocalizedText Title { get; init; } = new(null, null);
    public LocalizedText Description { get; init; } = new(null, null);
    public DateTimeOffset Start { get; init; }
    public DateTimeOffset End { get; init; }
    public string? MunicipalityAgs { get; init; }
    public string? Venue { get; init; }
    public string? OnlineLink { get; init; }
    public Guid OrganiserId { get; init; }
    public IReadOnlyList<string> Languages { get; init; } = [];
    public int Capacity { get; init; }
    public DateTimeOffset RegistrationOpens { get; init; }
    public DateTimeOffset RegistrationCloses { get; init; }
    public string? AccessibilityNotes { get; init; }
    public Guid? LocalNetworkId { get; init; }
    public EventStatus Status { get; init; }
    public string? CancellationReason { get; init; }
    public string? Summary { get; init; }
    public IReadOnlyList<string> Links { get; init; } = [];
    public IReadOnlyList<Registration> Registrations { get; init; } = [];
    public long Version { get; set; }

    /// <summary>When the event last changed: Marten's <c>mt_last_modified</c> of the snapshot, filled on load (see Program.cs).</summary>
    public DateTimeOffset LastModified { get; set; }

    // Derived views below are [JsonIgnore]: the snapshot is read and rewritten whole by every registration, and storing
    // them doubled it (bench/results/events-latest.md).
    [JsonIgnore]
    public IEnumerable<Registration> Confirmed => Registrations.Where(r => r.Status == RegistrationStatus.Confirmed);

    /// <summary>The waiting list in order of registration (the order of the PersonRegistered events).</summary>
    [JsonIgnore]
    public IEnumerable<Registration> WaitingList => Registrations.Where(r => r.Status == RegistrationStatus.Waitlisted);

    /// <summary>Subjects of everybody confirmed or waiting.</summary>
    [JsonIgnore]
    public IReadOnlyList<string> Registrants => [.. Registrations.Where(r => r.Status != RegistrationStatus.Cancelled).Select(r => r.PersonId)];

    [JsonIgnore]
    public int FreeSeats => Math.Max(0, Capacity - Confirmed.Count());

    [JsonIgnore]
    public EventDetails Details => new(Kind, Title, Description, Start, End, MunicipalityAgs, Venue, OnlineLink, OrganiserId, Languages,
        Capacity, RegistrationOpens, RegistrationCloses, AccessibilityNotes, LocalNetworkId);

    public static NetworkEvent Create(EventCreated e) => new()
    {
        Id = e.EventId, Kind = e.Details.Kind, Title = e.Details.Title, Description = e.Details.Description,
        Start = e.Details.Start, End = e.Details.End, MunicipalityAgs = e.Details.MunicipalityAgs, Venue = e.Details.Venue,
        OnlineLink = e.Details.OnlineLink, OrganiserId = e.Details.OrganiserId, Languages = e.Details.Languages,
        Capacity = e.Details.Capacity, RegistrationOpens = e.Details.RegistrationOpens, RegistrationCloses = e.Details.RegistrationCloses,
        AccessibilityNotes = e.Details.AccessibilityNotes, LocalNetworkId = e.Details.LocalNetworkId, Status = EventStatus.Draft,
    };

    public NetworkEvent Apply(EventPublished _) => this with { Status = EventStatus.Published };
    public NetworkEvent Apply(EventRescheduled e) => this with
    {
        Start = e.Start, End = e.End, RegistrationOpens = e.RegistrationOpens, RegistrationCloses = e.RegistrationCloses,
    };
    public NetworkEvent Apply(EventCancelled e) => this with { Status = EventStatus.Cancelled, CancellationReason = e.Reason };
    public NetworkEvent Apply(EventHeld _) => this with { Status = EventStatus.Held };
    public NetworkEvent Apply(EventDocumented e) => this with { Status = EventStatus.Documented, Summary = e.Summary, Links = e.Links };
    public NetworkEvent Apply(EventCapacityChanged e) => this with { Capacity = e.Capacity };
    public NetworkEvent Apply(PersonRegistered e) => this with
    {
        Registrations = [.. Registrations, new Registration(e.RegistrationId, e.PersonId, e.PersonName, e.OrganisationId, e.Status, e.At, false)],
    };
    public NetworkEvent Apply(RegistrationCancelled e) => WithStatus(e.RegistrationId, RegistrationStatus.Cancelled);
    public NetworkEvent Apply(RegistrationPromoted e) => WithStatus(e.RegistrationId, RegistrationStatus.Confirmed);
    public NetworkEvent Apply(Network.Events.Attendance.AttendanceRecorded e) => this with
    {
        Registrations = [.. Registrations.Select(r => r.RegistrationId == e.RegistrationId ? r with { Attended = true } : r)],
    };
    public NetworkEvent Apply(Network.Events.Attendance.AttendanceWithdrawn e) => this with
    {
        Registrations = [.. Registrations.Select(r => r.RegistrationId == e.RegistrationId ? r with { Attended = false } : r)],
    };

    NetworkEvent WithStatus(Guid registrationId, RegistrationStatus status) => this with
    {
        Registrations = [.. Registrations.Select(r => r.RegistrationId == registrationId ? r with { Status = status } : r)],
    };

    /// <summary>Promotions that fill the free seats from the head of the waiting list, in order.</summary>
    public IReadOnlyList<object> PromotionsFor(int capacity, int confirmedAfter, DateTimeOffset at) =>
        [.. WaitingList.Take(Math.Max(0, capacity - confirmedAfter))
            .Select(r => (object)new RegistrationPromoted(Id, r.RegistrationId, r.PersonId, at))];
}
