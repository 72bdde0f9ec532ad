using System.Text.Json.Serialization;

namespace Network.Events.NetworkEvents;

public enum EventKind { Conference, RegionalEvent, Training, Webinar, NetworkingMeeting, AdvisorySession }

public enum EventStatus { Draft, Published, Held, Documented, Cancelled }

public enum RegistrationStatus { Confirmed, Waitlisted, Cancelled }

/// <summary>A text in German and English; either may be missing.</summary>
public sealed record LocalizedText(string? De, string? En);

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
/// <param name="Was">the registration's status before (events written before it existed have none).</param>
public sealed record RegistrationCancelled(Guid EventId, Guid RegistrationId, string PersonId, string By, DateTimeOffset At,
    RegistrationStatus? Was = null);
/// <summary>A waiting registration got a seat (after a cancellation or a capacity raise).</summary>
public sealed record RegistrationPromoted(Guid EventId, Guid RegistrationId, string PersonId, DateTimeOffset At);

/// <summary>
/// An event (conference, training, ...) and its seat ledger: how many are confirmed, waiting and attended, which is all a
/// seat decision needs, so the snapshot stays the same small size however many register. The registrations themselves are
/// documents of their own (<see cref="Network.Events.Registrations.Registration"/>). The stream version is the ETag.
/// </summary>
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
    public int ConfirmedCount { get; init; }
    public int WaitingCount { get; init; }
    public int AttendedCount { get; init; }
    public long Version { get; set; }

    /// <summary>When the event last changed: Marten's <c>mt_last_modified</c> of the snapshot, filled on load (see Program.cs).</summary>
    public DateTimeOffset LastModified { get; set; }

    [JsonIgnore]
    public int FreeSeats => Math.Max(0, Capacity - ConfirmedCount);

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
    public NetworkEvent Apply(PersonRegistered e) => e.Status == RegistrationStatus.Confirmed
        ? this with { ConfirmedCount = ConfirmedCount + 1 }
        : this with { WaitingCount = WaitingCount + 1 };
    public NetworkEvent Apply(RegistrationCancelled e) => e.Was switch
    {
        RegistrationStatus.Confirmed => this with { ConfirmedCount = ConfirmedCount - 1 },
        RegistrationStatus.Waitlisted => this with { WaitingCount = WaitingCount - 1 },
        _ => this,
    };
    public NetworkEvent Apply(RegistrationPromoted _) => this with { ConfirmedCount = ConfirmedCount + 1, WaitingCount = WaitingCount - 1 };
    public NetworkEvent Apply(Network.Events.Attendance.AttendanceRecorded _) => this with { AttendedCount = AttendedCount + 1 };
    public NetworkEvent Apply(Network.Events.Attendance.AttendanceWithdrawn _) => this with { AttendedCount = AttendedCount - 1 };

    /// <summary>Folds events onto a state (null before the first), as Marten does when it keeps the snapshot.</summary>
    public static NetworkEvent? Fold(NetworkEvent? state, object e) => e switch
    {
        EventCreated c => Create(c),
        EventPublished p => state?.Apply(p),
        EventRescheduled r => state?.Apply(r),
        EventCancelled c => state?.Apply(c),
        EventHeld h => state?.Apply(h),
        EventDocumented d => state?.Apply(d),
        EventCapacityChanged c => state?.Apply(c),
        PersonRegistered r => state?.Apply(r),
        RegistrationCancelled c => state?.Apply(c),
        RegistrationPromoted p => state?.Apply(p),
        Network.Events.Attendance.AttendanceRecorded a => state?.Apply(a),
        Network.Events.Attendance.AttendanceWithdrawn w => state?.Apply(w),
        _ => state,
    };

    /// <summary>Promotions that fill the free seats from <paramref name="waitingHead"/> (the head of the waiting list, in order).</summary>
    public IReadOnlyList<object> PromotionsFor(IReadOnlyList<Network.Events.Registrations.Registration> waitingHead, int capacity,
        int confirmedAfter, DateTimeOffset at) =>
        [.. waitingHead.Take(Math.Max(0, capacity - confirmedAfter))
            .Select(r => (object)new RegistrationPromoted(Id, r.Id, r.PersonId, at))];
}
