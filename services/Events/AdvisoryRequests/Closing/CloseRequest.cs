using Marten;
using Microsoft.AspNetCore.Http.HttpResults;
using Network.Events.AdvisoryRequests.Viewing;
using Network.Events.NetworkEvents;
using Network.Events.NetworkEvents.Cancelling;
using Network.Platform.Auth;
using Network.Platform.EventStore;
using Network.Platform.Http;

namespace Network.Events.AdvisoryRequests.Closing;

/// <summary>The outcome: what the session achieved and what follows.</summary>
public sealed record CloseRequestRequest(string? Summary);

/// <summary>What closing appends: to the request's stream, and to the stream of the event its session became (if any).</summary>
public sealed record CloseDecision(IReadOnlyList<object> RequestEvents, IReadOnlyList<object> SessionEventEvents);

public static class CloseRequest
{
    /// <summary>
    /// A scheduled request is closed with a summary of its outcome once its session has taken place: after the session's
    /// end, or the end of the event it became (which staff may have rescheduled through the events API). An event still in
    /// draft then can no longer be of use, so the same decision cancels it through the events' own <see cref="CancelEvent"/>.
    /// </summary>
    /// <param name="sessionEvent">the event the session became (<see cref="ScheduledSession.EventId"/>), null when it became none.</param>
    public static CloseDecision Decide(
        AdvisoryRequest current, NetworkEvent? sessionEvent, CloseRequestRequest request, Actor by, DateTimeOffset at)
    {
        new Validation().Required("summary", request.Summary, AdvisoryRules.MaxTextLength).ThrowIfInvalid();
        if (current.Status != AdvisoryRequestStatus.Scheduled)
            throw new DomainRuleViolation(
                $"Advisory request '{current.Id}' is {current.Status}; only a scheduled request can be closed with an outcome.");
        if (sessionEvent is not null && sessionEvent.Id != current.Session?.EventId)
            throw new ArgumentException($"Event '{sessionEvent.Id}' is not the one the session of request '{current.Id}' became.", nameof(sessionEvent));

        var ends = sessionEvent?.End ?? current.Session!.End;
        if (at < ends)
            throw new DomainRuleViolation(
                $"The session of advisory request '{current.Id}' has not taken place yet (it ends {ends:O}); its outcome is recorded afterwards.");

        // A draft takes no registrations, so there is nobody to tell of its cancellation.
        var sessionEventEvents = sessionEvent?.Status == EventStatus.Draft
            ? CancelEvent.Decide(sessionEvent, new CancelEventRequest(
                $"Never published: the session took place and advisory request '{current.Id}' was closed."), [], by, at)
            : [];
        return new CloseDecision([new AdvisoryRequestClosed(current.Id, request.Summary!.Trim(), by.Id, at)], sessionEventEvents);
    }

    /// <summary>POST /advisory-requests/{id}/closure: staff only; honours If-Match. The request and its draft's cancellation commit together.</summary>
    public static async Task<Ok<AdvisoryRequest>> Handle(
        Guid id, CloseRequestRequest request, HttpContext http, IDocumentSession session, TimeProvider clock, CancellationToken ct)
    {
        var known = await session.LoadAsync<AdvisoryRequest>(id, ct) ?? throw new ResourceNotFound("Advisory request", id);
        CloseDecision decide(AdvisoryRequest current, NetworkEvent? sessionEvent) =>
            Decide(current, sessionEvent, request, http.User.Actor(), clock.GetUtcNow());
        var version = known.Session?.EventId is { } eventId
            ? await CloseWithEventAsync(session, id, eventId, http.Request.ExpectedVersion(), decide, ct)
            : await session.DecideAsync<AdvisoryRequest>(id, http.Request.ExpectedVersion(), current => decide(current, null).RequestEvents, ct);
        return await GetAdvisoryRequest.Respond(id, version, http, session, ct);
    }

    /// <summary>The event's stream is written under its row lock, as every write of an event is (see <see cref="ExclusiveWriting"/>).</summary>
    static async Task<long> CloseWithEventAsync(IDocumentSession session, Guid id, Guid eventId, long? expectedVersion,
        Func<AdvisoryRequest, NetworkEvent?, CloseDecision> decide, CancellationToken ct)
    {
        using var turn = await StreamTurns.WaitAsync(eventId, ct);
        var sessionEvent = await session.Events.FetchForExclusiveWriting<NetworkEvent>(eventId, ct);
        return await session.DecideAsync<AdvisoryRequest>(id, expectedVersion, current =>
        {
            var decision = decide(current, sessionEvent.Aggregate);
            sessionEvent.AppendMany(decision.SessionEventEvents);
            return decision.RequestEvents;
        }, ct);
    }
}
