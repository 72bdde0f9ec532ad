using Network.Platform.Text;
using System.Text.Json.Serialization;
using Network.Events.Attendance;
using Network.Events.Registrations;
using Network.Platform.Aggregates;

namespace Network.Events.NetworkEvents;

/// <summary>
/// An event (conference, training, ...) and its seat ledger: how many are confirmed, waiting and attended, which is all a
/// seat decision needs, so the snapshot stays the same small size however many register. The registrations themselves are
/// documents of their own (<see cref="Registration"/>). The stream version is the ETag.
/// </summary>
public sealed record NetworkEvent : IAggregate<NetworkEvent>
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
    public IReadOnlyList<string> Themes { get; init; } = [];
    public int Capacity { get; init; }
    public DateTimeOffset RegistrationOpens { get; init; }
    public DateTimeOffset RegistrationCloses { get; init; }
    public string? AccessibilityNotes { get; init; }
    public Guid? LocalNetworkId { get; init; }
    public EventStatus Status { get; init; }

    /// <summary>
    /// Published at some point: what makes the event public. It stays public when later held, documented or cancelled
    /// (then shown as cancelled); a draft cancelled before anybody saw it (e.g. the one an advisory session became)
    /// stays with staff.
    /// </summary>
    public bool WasPublished { get; init; }
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
        Capacity, RegistrationOpens, RegistrationCloses, AccessibilityNotes, LocalNetworkId) { Themes = Themes };

    /// <summary>
    /// The one fold of an event: the state after <paramref name="event"/> (null before the stream's first). Marten's
    /// snapshot, the answer to a write (the state before plus what it decided) and the specifications' Given all use it.
    /// </summary>
    public static NetworkEvent? When(NetworkEvent? state, object @event) => (state, @event) switch
    {
        (_, EventCreated e) => new NetworkEvent
        {
            Id = e.EventId, Kind = e.Details.Kind, Title = e.Details.Title, Description = e.Details.Description,
            Start = e.Details.Start, End = e.Details.End, MunicipalityAgs = e.Details.MunicipalityAgs, Venue = e.Details.Venue,
            OnlineLink = e.Details.OnlineLink, OrganiserId = e.Details.OrganiserId, Languages = e.Details.Languages, Themes = e.Details.Themes,
            Capacity = e.Details.Capacity, RegistrationOpens = e.Details.RegistrationOpens, RegistrationCloses = e.Details.RegistrationCloses,
            AccessibilityNotes = e.Details.AccessibilityNotes, LocalNetworkId = e.Details.LocalNetworkId, Status = EventStatus.Draft,
        },
        (null, _) => null,
        (_, EventPublished) => state with { Status = EventStatus.Published, WasPublished = true },
        (_, EventRescheduled e) => state with
        {
            Start = e.Start, End = e.End, RegistrationOpens = e.RegistrationOpens, RegistrationCloses = e.RegistrationCloses,
        },
        (_, EventCancelled e) => state with { Status = EventStatus.Cancelled, CancellationReason = e.Reason },
        (_, EventHeld) => state with { Status = EventStatus.Held },
        (_, EventDocumented e) => state with { Status = EventStatus.Documented, Summary = e.Summary, Links = e.Links },
        (_, EventCapacityChanged e) => state with { Capacity = e.Capacity },
        (_, PersonRegistered { Status: RegistrationStatus.Confirmed }) => state with { ConfirmedCount = state.ConfirmedCount + 1 },
        (_, PersonRegistered) => state with { WaitingCount = state.WaitingCount + 1 },
        (_, RegistrationCancelled { Was: RegistrationStatus.Confirmed }) => state with { ConfirmedCount = state.ConfirmedCount - 1 },
        (_, RegistrationCancelled { Was: RegistrationStatus.Waitlisted }) => state with { WaitingCount = state.WaitingCount - 1 },
        (_, RegistrationPromoted) => state with { ConfirmedCount = state.ConfirmedCount + 1, WaitingCount = state.WaitingCount - 1 },
        (_, AttendanceRecorded) => state with { AttendedCount = state.AttendedCount + 1 },
        (_, AttendanceWithdrawn) => state with { AttendedCount = state.AttendedCount - 1 },
        _ => state,
    };

    /// <summary>Promotions that fill the free seats from <paramref name="waitingHead"/> (the head of the waiting list, in order).</summary>
    public IReadOnlyList<object> PromotionsFor(IReadOnlyList<Registration> waitingHead, int capacity,
        int confirmedAfter, DateTimeOffset at) =>
        [.. waitingHead.Take(Math.Max(0, capacity - confirmedAfter))
            .Select(r => (object)new RegistrationPromoted(Id, r.Id, r.PersonId, at))];
}
