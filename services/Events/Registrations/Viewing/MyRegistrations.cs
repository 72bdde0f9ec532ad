using Marten;
using Microsoft.AspNetCore.Http.HttpResults;
using Network.Events.NetworkEvents;
using Network.Platform.Auth;

namespace Network.Events.Registrations.Viewing;

public static class MyRegistrations
{
    /// <summary>
    /// GET /registrations/mine: the caller's own registrations (cancelled ones included), by event start. A person's own
    /// list is short; it is read by the index on the person, with the events in one more query.
    /// </summary>
    public static async Task<Ok<IReadOnlyList<RegistrationResponse>>> Handle(HttpContext http, IQuerySession session, CancellationToken ct)
    {
        var me = http.User.Actor().Id;
        var registrations = await session.Query<Registration>().Where(r => r.PersonId == me).ToListAsync(ct);
        var eventIds = registrations.Select(r => r.EventId).Distinct().ToArray();
        var events = (await session.LoadManyAsync<NetworkEvent>(ct, eventIds)).ToDictionary(e => e.Id);
        var mine = new List<RegistrationResponse>(registrations.Count);
        foreach (var r in registrations.Where(r => events.ContainsKey(r.EventId)).OrderBy(r => events[r.EventId].Start).ThenBy(r => r.Ticket))
            mine.Add(RegistrationResponse.From(events[r.EventId], r, await session.PositionOnWaitingListAsync(r, ct)));
        return TypedResults.Ok<IReadOnlyList<RegistrationResponse>>(mine);
    }
}
