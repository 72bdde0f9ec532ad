using Marten;
using Microsoft.AspNetCore.Http.HttpResults;
using Network.Events.AdvisoryRequests.Viewing;
using Network.Platform.Auth;
using Network.Platform.EventStore;
using Network.Platform.Http;

namespace Network.Events.AdvisoryRequests.Triaging;

public sealed record DeclineRequestRequest(string? Reason);

public static class DeclineRequest
{
    /// <summary>A request can be declined (with a reason the requester reads) until a session is scheduled.</summary>
    public static IReadOnlyList<object> Decide(AdvisoryRequest current, DeclineRequestRequest request, Actor by, DateTimeOffset at)
    {
        new Validation().Required("reason", request.Reason, AdvisoryRules.MaxReasonLength).ThrowIfInvalid();
        return current.Status is AdvisoryRequestStatus.Received or AdvisoryRequestStatus.Accepted
            ? [new AdvisoryRequestDeclined(current.Id, request.Reason!.Trim(), by.Id, at)]
            : throw new DomainRuleViolation(
                $"Advisory request '{current.Id}' is {current.Status}; only a received or accepted request can be declined.");
    }

    /// <summary>POST /advisory-requests/{id}/decline: staff only; honours If-Match.</summary>
    public static async Task<Ok<AdvisoryRequest>> Handle(
        Guid id, DeclineRequestRequest request, HttpContext http, IDocumentSession session, TimeProvider clock, CancellationToken ct)
    {
        var version = await session.DecideAsync<AdvisoryRequest>(
            id, http.Request.ExpectedVersion(), current => Decide(current, request, http.User.Actor(), clock.GetUtcNow()), ct);
        return await GetAdvisoryRequest.Respond(id, version, http, session, ct);
    }
}
