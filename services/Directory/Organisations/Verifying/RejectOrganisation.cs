using Marten;
using Microsoft.AspNetCore.Http.HttpResults;
using Network.Directory.Organisations.Viewing;
using Network.Platform.Auth;
using Network.Platform.EventStore;
using Network.Platform.Http;

namespace Network.Directory.Organisations.Verifying;

/// <summary>Why staff reject a registration; the organisation's members read it and may resubmit.</summary>
public sealed record RejectOrganisationRequest(string? Reason);

public static class RejectOrganisation
{
    public const int MaxReasonLength = 2000;

    /// <summary>Only a pending organisation can be rejected, and only with a reason.</summary>
    public static IReadOnlyList<object> Decide(Organisation current, RejectOrganisationRequest request, Actor by, DateTimeOffset at)
    {
        new Validation().Required("reason", request.Reason, MaxReasonLength).ThrowIfInvalid();
        OrganisationRules.EnsureNotArchived(current);
        return current.Verification switch
        {
            VerificationState.Verified => throw new DomainRuleViolation(
                $"Organisation '{current.Id}' is verified; archive it instead of rejecting it."),
            VerificationState.Rejected => throw new DomainRuleViolation($"Organisation '{current.Id}' is already rejected."),
            _ => [new OrganisationRejected(current.Id, request.Reason!.Trim(), by.Id, at)],
        };
    }

    /// <summary>POST /organisations/{id}/rejection {reason}: staff only; honours If-Match.</summary>
    public static async Task<Ok<OrganisationResponse>> Handle(
        Guid id, RejectOrganisationRequest request, HttpContext http, IDocumentSession session, TimeProvider clock, CancellationToken ct)
    {
        var version = await session.DecideAsync<Organisation>(
            id, http.Request.ExpectedVersion(), current => Decide(current, request, http.User.Actor(), clock.GetUtcNow()), ct);
        return await GetOrganisation.Respond(id, version, http, session, ct);
    }
}
