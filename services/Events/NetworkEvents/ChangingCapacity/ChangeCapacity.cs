using Marten;
using Microsoft.AspNetCore.Http.HttpResults;
using Network.Events.NetworkEvents.Viewing;
using Network.Events.Registrations;
using Network.Platform.Auth;
using Network.Platform.Http;

namespace Network.Events.NetworkEvents.ChangingCapacity;

public sealed record ChangeCapacityRequest(int? Capacity);

public static class ChangeCapacity
{
    /// <summary>Lowering never removes confirmed people (the list absorbs it: nobody is promoted until they fit);
    /// raising promotes from the head of the waiting list, in order, at once.</summary>
    /// <param name="waitingHead">the head of the waiting list, in order (at least as many as a raise can promote).</param>
    public static IReadOnlyList<object> Decide(NetworkEvent current, ChangeCapacityRequest r, IReadOnlyList<Registration> waitingHead, Actor by, DateTimeOffset at)
    {
        new Validation().Capacity(r.Capacity).ThrowIfInvalid();
        EventRules.EnsureStatus(current, "changed", EventStatus.Draft, EventStatus.Published);
        var capacity = r.Capacity!.Value;
        if (capacity == current.Capacity) return [];
        return [new EventCapacityChanged(current.Id, capacity, by.Id, at), .. current.PromotionsFor(waitingHead, capacity, current.ConfirmedCount, at)];
    }

    /// <summary>PUT /events/{id}/capacity: staff only; honours If-Match.</summary>
    public static async Task<Ok<EventResponse>> Handle(Guid id, ChangeCapacityRequest request, HttpContext http, IDocumentSession session, TimeProvider clock, CancellationToken ct)
    {
        var decision = await session.DecideExclusivelyAsync(id, http.Request.ExpectedVersion(), async (e, token) =>
            Decide(e, request, await session.WaitingHeadAsync(id, (request.Capacity ?? 0) - e.ConfirmedCount, token), http.User.Actor(), clock.GetUtcNow()), ct);
        return GetEvent.Respond(decision, http);
    }
}
