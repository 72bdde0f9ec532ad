using Marten;
using Microsoft.AspNetCore.Http.HttpResults;
using Network.Events.AdvisoryRequests.Viewing;
using Network.Platform.Auth;
using Network.Platform.EventStore;
using Network.Platform.Http;

namespace Network.Events.AdvisoryRequests.Triaging;

public static class AcceptRequest
{
    /// <summary>Only a request that was just received can be accepted.</summary>
    public static IReadOnlyList<object> Decide(AdvisoryRequest current, Actor by, DateTimeOffset at) =>
        current.Status == AdvisoryRequestStatus.Received
            ? [new AdvisoryRequestAccepted(current.Id, by.Id, at)]
            : throw new DomainRuleViolation($"Advisory request '{current.Id}' is {current.Status}; only a received request can be accepted.");

    /// <summary>POST /advisory-requests/{id}/acceptance: staff only; honours If-Match.</summary>
    public static async Task<Ok<AdvisoryRequest>> Handle(
        Guid id, HttpContext http, IDocumentSession session, TimeProvider clock, CancellationToken ct)
    {
        var version = await session.DecideAsync<AdvisoryRequest>(
            id, http.Request.ExpectedVersion(), current => Decide(current, http.User.Actor(), clock.GetUtcNow()), ct);
        return await GetAdvisoryRequest.Respond(id, version, http, session, ct);
    }
}
