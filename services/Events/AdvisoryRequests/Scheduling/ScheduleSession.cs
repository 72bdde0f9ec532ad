using Network.Platform.Text;
using Marten;
using Microsoft.AspNetCore.Http.HttpResults;
using Network.Events.AdvisoryRequests.Viewing;
using Network.Events.NetworkEvents;
using Network.Events.NetworkEvents.Creating;
using Network.Events.Organisations;
using Network.Platform.Auth;
using Network.Platform.EventStore;
using Network.Platform.Http;

namespace Network.Events.AdvisoryRequests.Scheduling;

/// <summary>
/// The session: start and end with their offset (Europe/Berlin local time as the client means it), and a venue in a
/// municipality or an online link (or both). With an organiser (given here, or else the organisation that asked) the
/// session becomes a draft event of kind AdvisorySession (advice) or Training, with this capacity (default 20).
/// </summary>
public sealed record ScheduleSessionRequest(
    DateTimeOffset? Start, DateTimeOffset? End, string? Venue = null, string? MunicipalityAgs = null, string? OnlineLink = null,
    Guid? OrganiserId = null, int? Capacity = null);

/// <summary>What scheduling appends: to the request's stream, and the first events of the new event's stream (if any).</summary>
public sealed record ScheduleDecision(IReadOnlyList<object> RequestEvents, IReadOnlyList<object> NewEventStream);

public static class ScheduleSession
{
    public const int DefaultCapacity = 20;

    /// <summary>Whose organisation organises the session's event: the one staff name, else the one that asked.</summary>
    public static Guid? OrganiserOf(AdvisoryRequest current, ScheduleSessionRequest request) => request.OrganiserId ?? current.OrganisationId;

    /// <summary>
    /// An accepted request with an adviser is scheduled; a scheduled one may be rescheduled while it is not an event yet
    /// (once it is, the event is rescheduled, which tells its registrants). With an organiser, the event is created by the
    /// events' own <see cref="CreateEvent"/> decision (unknown organiser: 409).
    /// </summary>
    public static ScheduleDecision Decide(
        AdvisoryRequest current, ScheduleSessionRequest request, KnownOrganisation? organiser, Guid newEventId, Actor by, DateTimeOffset at)
    {
        var validation = new Validation()
            .MaxLength("venue", request.Venue, AdvisoryRules.MaxNameLength)
            .MaxLength("onlineLink", request.OnlineLink, 2000);
        if (request.Start is null) validation.Add("start", "'start' is required (with its offset, e.g. 2026-12-03T10:00:00+01:00).");
        else if (request.Start < at) validation.Add("start", "'start' must lie in the future.");
        if (request.End is null) validation.Add("end", "'end' is required (with its offset).");
        else if (request.Start is not null && request.End <= request.Start) validation.Add("end", "'end' must be after 'start'.");
        validation.Moment("start", request.Start).Moment("end", request.End);
        var hasVenue = !string.IsNullOrWhiteSpace(request.Venue);
        var hasLink = !string.IsNullOrWhiteSpace(request.OnlineLink);
        if (!hasVenue && !hasLink) validation.Add("venue", "Give a 'venue' (with 'municipalityAgs') or an 'onlineLink'.");
        if (hasVenue && !MunicipalityKeys.IsValid(request.MunicipalityAgs))
            validation.Add("municipalityAgs", MunicipalityKeys.Explanation("municipalityAgs"));
        if (hasLink && !AdvisoryRules.IsWebLink(request.OnlineLink))
            validation.Add("onlineLink", "'onlineLink' must be an absolute http(s) address.");
        if (request.OrganiserId == Guid.Empty) validation.Add("organiserId", "'organiserId' must be an organisation's id (or left out).");
        if (request.Capacity is { } capacity) validation.Range("capacity", capacity, 0, EventRules.MaxCapacity);
        validation.ThrowIfInvalid();

        if (current.Status is not (AdvisoryRequestStatus.Accepted or AdvisoryRequestStatus.Scheduled))
            throw new DomainRuleViolation(
                $"Advisory request '{current.Id}' is {current.Status}; only an accepted (or already scheduled) request can be scheduled.");
        if (current.Adviser is null)
            throw new DomainRuleViolation($"Advisory request '{current.Id}' has no adviser yet; assign one before scheduling.");
        if (current.Session?.EventId is { } existing)
            throw new DomainRuleViolation(
                $"Advisory request '{current.Id}' is event '{existing}' now; reschedule the event (PUT /events/{existing}/schedule).");

        var venue = hasVenue ? request.Venue!.Trim() : null;
        var ags = hasVenue ? request.MunicipalityAgs : null;
        var link = hasLink ? request.OnlineLink!.Trim() : null;
        IReadOnlyList<object> newEvent = [];
        if (OrganiserOf(current, request) is { } organiserId)
        {
            var details = CreateEvent.Validate(new CreateEventRequest(
                current.Kind == AdvisoryKind.Training ? EventKind.Training : EventKind.AdvisorySession,
                new LocalizedText(current.Topic, current.Topic), null, request.Start, request.End, ags, venue, link, organiserId,
                ["de"], request.Capacity ?? DefaultCapacity, at, request.Start));
            newEvent = CreateEvent.Decide(newEventId, details, organiser, by, at);
        }

        var session = new ScheduledSession(request.Start!.Value, request.End!.Value, venue, ags, link, newEvent.Count > 0 ? newEventId : null);
        return session == current.Session
            ? new ScheduleDecision([], [])
            : new ScheduleDecision([new AdvisorySessionScheduled(current.Id, session, by.Id, at)], newEvent);
    }

    /// <summary>POST /advisory-requests/{id}/session: staff only; honours If-Match. The request and its new event commit together.</summary>
    public static async Task<Ok<AdvisoryRequest>> Handle(
        Guid id, ScheduleSessionRequest request, HttpContext http, IDocumentSession session, TimeProvider clock, CancellationToken ct)
    {
        var known = await session.LoadAsync<AdvisoryRequest>(id, ct) ?? throw new ResourceNotFound("Advisory request", id);
        var organiser = OrganiserOf(known, request) is { } organiserId ? await session.LoadAsync<KnownOrganisation>(organiserId, ct) : null;
        var eventId = Guid.CreateVersion7();
        var version = await session.DecideAsync<AdvisoryRequest>(id, http.Request.ExpectedVersion(), current =>
        {
            var decision = Decide(current, request, organiser, eventId, http.User.Actor(), clock.GetUtcNow());
            if (decision.NewEventStream.Count > 0)
                session.Events.StartStream<NetworkEvent>(eventId, decision.NewEventStream.ToArray());
            return decision.RequestEvents;
        }, ct);
        return await GetAdvisoryRequest.Respond(id, version, http, session, ct);
    }
}
