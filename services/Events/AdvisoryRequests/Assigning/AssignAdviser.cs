using Marten;
using Microsoft.AspNetCore.Http.HttpResults;
using Network.Events.AdvisoryRequests.Viewing;
using Network.Platform.Auth;
using Network.Platform.EventStore;
using Network.Platform.Http;

namespace Network.Events.AdvisoryRequests.Assigning;

/// <summary>The adviser: a name, and the staff subject when they have an account.</summary>
public sealed record AssignAdviserRequest(string? Name, string? Subject = null);

public static class AssignAdviser
{
    /// <summary>An accepted or scheduled request gets (or changes) its adviser; assigning the same one again records nothing.</summary>
    public static IReadOnlyList<object> Decide(AdvisoryRequest current, AssignAdviserRequest request, Actor by, DateTimeOffset at)
    {
        new Validation()
            .Required("name", request.Name, AdvisoryRules.MaxNameLength)
            .MaxLength("subject", request.Subject, AdvisoryRules.MaxNameLength)
            .ThrowIfInvalid();
        if (current.Status is not (AdvisoryRequestStatus.Accepted or AdvisoryRequestStatus.Scheduled))
            throw new DomainRuleViolation(
                $"Advisory request '{current.Id}' is {current.Status}; an adviser is assigned once it is accepted and until it is closed.");
        var adviser = new Adviser(request.Name!.Trim(), string.IsNullOrWhiteSpace(request.Subject) ? null : request.Subject.Trim());
        return adviser == current.Adviser ? [] : [new AdviserAssigned(current.Id, adviser, by.Id, at)];
    }

    /// <summary>POST /advisory-requests/{id}/adviser: staff only; honours If-Match.</summary>
    public static async Task<Ok<AdvisoryRequest>> Handle(
        Guid id, AssignAdviserRequest request, HttpContext http, IDocumentSession session, TimeProvider clock, CancellationToken ct)
    {
        var version = await session.DecideAsync<AdvisoryRequest>(
            id, http.Request.ExpectedVersion(), current => Decide(current, request, http.User.Actor(), clock.GetUtcNow()), ct);
        return await GetAdvisoryRequest.Respond(id, version, http, session, ct);
    }
}
