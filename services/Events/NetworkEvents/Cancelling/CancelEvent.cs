using Marten;
using Microsoft.AspNetCore.Http.HttpResults;
using Network.Events.NetworkEvents.Viewing;
using Network.Platform.Auth;
using Network.Platform.Http;

namespace Network.Events.NetworkEvents.Cancelling;

public sealed record CancelEventRequest(string? Reason);

public static class CancelEvent
{
    public static IReadOnlyList<object> Decide(NetworkEvent current, CancelEventRequest r, Actor by, DateTimeOffset at)
    {
        new Validation().Required("reason", r.Reason, 1000).ThrowIfInvalid();
        EventRules.EnsureStatus(current, "cancelled", EventStatus.Draft, EventStatus.Published);
        return [new EventCancelled(current.Id, r.Reason!.Trim(), current.Registrants, by.Id, at)];
    }

    /// <summary>POST /events/{id}/cancellation: staff only; honours If-Match.</summary>
    public static async Task<Ok<EventResponse>> Handle(Guid id, CancelEventRequest request, HttpContext http, IDocumentSession session, TimeProvider clock, CancellationToken ct)
    {
        var version = await session.DecideExclusivelyAsync(id, http.Request.ExpectedVersion(), e => Decide(e, request, http.User.Actor(), clock.GetUtcNow()), ct);
        return await GetEvent.Respond(id, version, http, session, ct);
    }
}
