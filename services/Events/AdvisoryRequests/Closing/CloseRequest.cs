using Marten;
using Microsoft.AspNetCore.Http.HttpResults;
using Network.Events.AdvisoryRequests.Viewing;
using Network.Platform.Auth;
using Network.Platform.EventStore;
using Network.Platform.Http;

namespace Network.Events.AdvisoryRequests.Closing;

/// <summary>The outcome: what the session achieved and what follows.</summary>
public sealed record CloseRequestRequest(string? Summary);

public static class CloseRequest
{
    /// <summary>A scheduled request is closed with a summary of its outcome.</summary>
    public static IReadOnlyList<object> Decide(AdvisoryRequest current, CloseRequestRequest request, Actor by, DateTimeOffset at)
    {
        new Validation().Required("summary", request.Summary, AdvisoryRules.MaxTextLength).ThrowIfInvalid();
        return current.Status == AdvisoryRequestStatus.Scheduled
            ? [new AdvisoryRequestClosed(current.Id, request.Summary!.Trim(), by.Id, at)]
            : throw new DomainRuleViolation(
                $"Advisory request '{current.Id}' is {current.Status}; only a scheduled request can be closed with an outcome.");
    }

    /// <summary>POST /advisory-requests/{id}/closure: staff only; honours If-Match.</summary>
    public static async Task<Ok<AdvisoryRequest>> Handle(
        Guid id, CloseRequestRequest request, HttpContext http, IDocumentSession session, TimeProvider clock, CancellationToken ct)
    {
        var version = await session.DecideAsync<AdvisoryRequest>(
            id, http.Request.ExpectedVersion(), current => Decide(current, request, http.User.Actor(), clock.GetUtcNow()), ct);
        return await GetAdvisoryRequest.Respond(id, version, http, session, ct);
    }
}
