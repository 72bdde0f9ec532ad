using Marten;
using Network.Events.NetworkEvents;
using Network.Events.Registrations;
using Network.Platform.Auth;
using Network.Platform.Http;

namespace Network.Events.Attendance;

/// <summary>Staff checked a confirmed registrant in (domain event of the event's stream).</summary>
public sealed record AttendanceRecorded(Guid EventId, Guid RegistrationId, string PersonId, Guid? OrganisationId, string By, DateTimeOffset At) : INetworkEventEvent;

public sealed record RecordAttendanceRequest(Guid? RegistrationId);

public sealed record AttendanceResponse(Guid EventId, Guid RegistrationId, bool Attended, long Version);

public static class RecordAttendance
{
    /// <summary>Check-in is open from this long before the start until the event is marked held (and afterwards, to catch up).</summary>
    public static readonly TimeSpan CheckInOpensBeforeStart = TimeSpan.FromHours(1);

    /// <summary>Only confirmed registrations of a held or ongoing (published and started) event; twice is a 409.</summary>
    public static IReadOnlyList<object> Decide(NetworkEvent current, Registration? registration, Guid registrationId, Actor by, DateTimeOffset at)
    {
        var ongoing = current.Status == EventStatus.Published && at >= current.Start - CheckInOpensBeforeStart;
        if (current.Status != EventStatus.Held && !ongoing)
            throw new DomainRuleViolation(
                $"Event '{current.Id}' is {current.Status}{(current.Status == EventStatus.Published ? " and has not started yet" : "")}; attendance is recorded only for an ongoing or held event.");
        if (registration is null) throw new ResourceNotFound("Registration", registrationId);
        if (registration.Status != RegistrationStatus.Confirmed)
            throw new DomainRuleViolation($"Registration '{registrationId}' is {registration.Status}; only confirmed registrations are checked in.");
        if (registration.Attended)
            throw new DomainRuleViolation($"Registration '{registrationId}' is already checked in.");
        return [new AttendanceRecorded(current.Id, registrationId, registration.PersonId, registration.OrganisationId, by.Id, at)];
    }

    /// <summary>POST /events/{id}/attendance: staff only; written under the event's row lock; honours If-Match.</summary>
    public static async Task<IResult> Handle(Guid id, RecordAttendanceRequest? request, HttpContext http, IDocumentSession session, TimeProvider clock, CancellationToken ct)
    {
        var v = new Validation();
        if (request?.RegistrationId is null || request.RegistrationId == Guid.Empty) v.Add("registrationId", "'registrationId' is required.");
        v.ThrowIfInvalid();
        var registrationId = request!.RegistrationId!.Value;
        var version = (await session.DecideExclusivelyAsync(id, http.Request.ExpectedVersion(), async (e, token) =>
            Decide(e, await session.OfEventAsync(id, registrationId, token), registrationId, http.User.Actor(), clock.GetUtcNow()), ct)).Version;
        http.Response.SetETag(version);
        return Results.Ok(new AttendanceResponse(id, registrationId, true, version));
    }
}
