using Marten;
using Microsoft.AspNetCore.Http.HttpResults;
using Network.Events.NetworkEvents;
using Network.Platform.Auth;

namespace Network.Events.Registrations.Viewing;

public static class MyRegistrations
{
    /// <summary>GET /registrations/mine: the caller's own registrations (cancelled ones included), by event start.</summary>
    public static async Task<Ok<IReadOnlyList<RegistrationResponse>>> Handle(HttpContext http, IQuerySession session, CancellationToken ct)
    {
        var me = http.User.Actor().Id;
        var events = await session.Query<NetworkEvent>().Where(e => e.Registrations.Any(r => r.PersonId == me)).ToListAsync(ct);
        IReadOnlyList<RegistrationResponse> mine = [.. events.OrderBy(e => e.Start)
            .SelectMany(e => e.Registrations.Where(r => r.PersonId == me).Select(r => RegistrationResponse.From(e, r)))];
        return TypedResults.Ok(mine);
    }
}
