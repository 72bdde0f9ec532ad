using Marten;
using Microsoft.AspNetCore.Http.HttpResults;
using Network.Events.NetworkEvents.Viewing;
using Network.Platform.Auth;
using Network.Platform.Http;

namespace Network.Events.NetworkEvents.Holding;

public static class MarkEventHeld
{
    /// <summary>Only a published event that has started can be marked as held.</summary>
    public static IReadOnlyList<object> Decide(NetworkEvent current, Actor by, DateTimeOffset at)
    {
        EventRules.EnsureStatus(current, "marked as held", EventStatus.Published);
        if (at < current.Start) throw new DomainRuleViolation($"Event '{current.Id}' has not started yet (it starts {current.Start:O}).");
        return [new EventHeld(current.Id, by.Id, at)];
    }

    /// <summary>POST /events/{id}/held: staff only; honours If-Match.</summary>
    public static async Task<Ok<EventResponse>> Handle(Guid id, HttpContext http, IDocumentSession session, TimeProvider clock, CancellationToken ct)
    {
        var decision = await session.DecideExclusivelyAsync(id, http.Request.ExpectedVersion(), e => Decide(e, http.User.Actor(), clock.GetUtcNow()), ct);
        return GetEvent.Respond(decision, http);
    }
}
