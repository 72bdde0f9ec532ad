using Marten;
using Microsoft.AspNetCore.Http.HttpResults;
using Network.Events.NetworkEvents.Viewing;
using Network.Events.Registrations;
using Network.Platform.Auth;
using Network.Platform.Http;

namespace Network.Events.NetworkEvents.Rescheduling;

public sealed record RescheduleEventRequest(DateTimeOffset? Start, DateTimeOffset? End, DateTimeOffset? RegistrationOpens = null, DateTimeOffset? RegistrationCloses = null);

public static class RescheduleEvent
{
    /// <summary>Keeps every registration; registrants learn of it from the EventRescheduled integration event.
    /// A window not given is kept, except that it closes by the new end at the latest.</summary>
    /// <param name="registrants">the subjects of everybody confirmed or waiting (who must be told).</param>
    public static IReadOnlyList<object> Decide(NetworkEvent current, RescheduleEventRequest r, IReadOnlyList<string> registrants, Actor by, DateTimeOffset at)
    {
        var opens = r.RegistrationOpens ?? current.RegistrationOpens;
        var closes = r.RegistrationCloses ?? (r.End is { } end && end < current.RegistrationCloses ? end : current.RegistrationCloses);
        new Validation().Schedule(r.Start, r.End, opens, closes).ThrowIfInvalid();
        EventRules.EnsureStatus(current, "rescheduled", EventStatus.Draft, EventStatus.Published);
        if (r.Start == current.Start && r.End == current.End && opens == current.RegistrationOpens && closes == current.RegistrationCloses)
            return [];
        return [new EventRescheduled(current.Id, r.Start!.Value, r.End!.Value, opens, closes, registrants, by.Id, at)];
    }

    /// <summary>PUT /events/{id}/schedule: staff only; honours If-Match.</summary>
    public static async Task<Ok<EventResponse>> Handle(Guid id, RescheduleEventRequest request, HttpContext http, IDocumentSession session, TimeProvider clock, CancellationToken ct)
    {
        var decision = await session.DecideExclusivelyAsync(id, http.Request.ExpectedVersion(), async (e, token) =>
            Decide(e, request, await session.RegistrantsAsync(id, token), http.User.Actor(), clock.GetUtcNow()), ct);
        return GetEvent.Respond(decision, http);
    }
}
