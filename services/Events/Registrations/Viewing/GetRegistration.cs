using Marten;
using Microsoft.AspNetCore.Http.HttpResults;
using Network.Events.NetworkEvents;
using Network.Platform.Auth;
using Network.Platform.Http;

namespace Network.Events.Registrations.Viewing;

public static class GetRegistration
{
    /// <summary>GET /events/{id}/registrations/{registrationId}: the registered person or staff (403 for anybody else).</summary>
    public static async Task<Ok<RegistrationResponse>> Handle(Guid id, Guid registrationId, HttpContext http, IQuerySession session, CancellationToken ct)
    {
        var e = await session.LoadAsync<NetworkEvent>(id, ct) ?? throw new ResourceNotFound("Event", id);
        var registration = await session.OfEventAsync(id, registrationId, ct) ?? throw new ResourceNotFound("Registration", registrationId);
        if (!http.User.IsStaff() && registration.PersonId != http.User.Actor().Id)
            throw new Forbidden("You may see only your own registrations.");
        return TypedResults.Ok(RegistrationResponse.From(e, registration, await session.PositionOnWaitingListAsync(registration, ct)));
    }
}
