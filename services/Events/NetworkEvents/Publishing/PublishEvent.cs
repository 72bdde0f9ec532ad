using Marten;
using Microsoft.AspNetCore.Http.HttpResults;
using Network.Events.NetworkEvents.Viewing;
using Network.Platform.Auth;
using Network.Platform.Http;

namespace Network.Events.NetworkEvents.Publishing;

public static class PublishEvent
{
    public static IReadOnlyList<object> Decide(NetworkEvent current, Actor by, DateTimeOffset at)
    {
        EventRules.EnsureStatus(current, "published", EventStatus.Draft);
        return [new EventPublished(current.Id, current.Details, by.Id, at)];
    }

    /// <summary>POST /events/{id}/publication: staff only; honours If-Match.</summary>
    public static async Task<Ok<EventResponse>> Handle(Guid id, HttpContext http, IDocumentSession session, TimeProvider clock, CancellationToken ct)
    {
        var decision = await session.DecideExclusivelyAsync(id, http.Request.ExpectedVersion(), e => Decide(e, http.User.Actor(), clock.GetUtcNow()), ct);
        return GetEvent.Respond(decision, http);
    }
}
