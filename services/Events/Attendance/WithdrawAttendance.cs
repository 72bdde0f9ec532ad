using Marten;
using Network.Events.NetworkEvents;
using Network.Events.Registrations;
using Network.Platform.Auth;
using Network.Platform.Http;

namespace Network.Events.Attendance;

/// <summary>Staff took back a check-in made by mistake (domain event of the event's stream).</summary>
public sealed record AttendanceWithdrawn(Guid EventId, Guid RegistrationId, string PersonId, string By, DateTimeOffset At) : INetworkEventEvent;

public static class WithdrawAttendance
{
    /// <summary>
    /// Only a check-in that was made, and only while check-ins can still be made (ongoing or held): once the event is
    /// documented its attendance is final. Withdrawing what is not checked in is a 409.
    /// </summary>
    public static IReadOnlyList<object> Decide(NetworkEvent current, Registration? registration, Guid registrationId, Actor by, DateTimeOffset at)
    {
        if (current.Status is not (EventStatus.Published or EventStatus.Held))
            throw new DomainRuleViolation($"Event '{current.Id}' is {current.Status}; its attendance can no longer be changed.");
        if (registration is null) throw new ResourceNotFound("Registration", registrationId);
        if (!registration.Attended)
            throw new DomainRuleViolation($"Registration '{registrationId}' is not checked in.");
        return [new AttendanceWithdrawn(current.Id, registrationId, registration.PersonId, by.Id, at)];
    }

    /// <summary>DELETE /events/{id}/attendance/{registrationId}: staff only; written under the event's row lock; honours If-Match.</summary>
    public static async Task<IResult> Handle(Guid id, Guid registrationId, HttpContext http, IDocumentSession session, TimeProvider clock, CancellationToken ct)
    {
        var version = (await session.DecideExclusivelyAsync(id, http.Request.ExpectedVersion(), async (e, token) =>
            Decide(e, await session.OfEventAsync(id, registrationId, token), registrationId, http.User.Actor(), clock.GetUtcNow()), ct)).Version;
        http.Response.SetETag(version);
        return Results.Ok(new AttendanceResponse(id, registrationId, false, version));
    }
}
