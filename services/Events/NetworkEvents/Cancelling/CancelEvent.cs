using Marten;
using Microsoft.AspNetCore.Http.HttpResults;
using Network.Events.NetworkEvents.Viewing;
using Network.Events.Registrations;
using Network.Platform.Auth;
using Network.Platform.Http;

namespace Network.Events.NetworkEvents.Cancelling;

public sealed record CancelEventRequest(string? Reason);

public static class CancelEvent
{
    /// <param name="registrants">the subjects of everybody confirmed or waiting (who must be told).</param>
    public static IReadOnlyList<object> Decide(NetworkEvent current, CancelEventRequest r, IReadOnlyList<string> registrants, Actor by, DateTimeOffset at)
    {
        new Validation().Required("reason", r.Reason, 1000).ThrowIfInvalid();
        EventRules.EnsureStatus(current, "cancelled", EventStatus.Draft, EventStatus.Published);
        return [new EventCancelled(current.Id, r.Reason!.Trim(), registrants, by.Id, at)];
    }

    /// <summary>POST /events/{id}/cancellation: staff only; honours If-Match.</summary>
    public static async Task<Ok<EventResponse>> Handle(Guid id, CancelEventRequest request, HttpContext http, IDocumentSession session, TimeProvider clock, CancellationToken ct)
    {
        var decision = await session.DecideExclusivelyAsync(id, http.Request.ExpectedVersion(), async (e, token) =>
            Decide(e, request, await session.RegistrantsAsync(id, token), http.User.Actor(), clock.GetUtcNow()), ct);
        return GetEvent.Respond(decision, http);
    }
}
