using Marten;
using Microsoft.AspNetCore.Http.HttpResults;
using Network.Directory.Organisations.Viewing;
using Network.Platform.Auth;
using Network.Platform.EventStore;
using Network.Platform.Http;

namespace Network.Directory.Organisations.Verifying;

public static class ResubmitOrganisation
{
    /// <summary>A rejected organisation goes back to pending (usually after its profile was corrected).</summary>
    public static IReadOnlyList<object> Decide(Organisation current, Actor by, DateTimeOffset at)
    {
        OrganisationRules.EnsureNotArchived(current);
        return current.Verification == VerificationState.Rejected
            ? [new OrganisationResubmitted(current.Id, by.Id, at)]
            : throw new DomainRuleViolation(
                $"Organisation '{current.Id}' is {current.Verification.ToString().ToLowerInvariant()}; only a rejected organisation can be resubmitted.");
    }

    /// <summary>POST /organisations/{id}/resubmission: a member acting for the organisation, or staff; honours If-Match.</summary>
    public static async Task<Ok<OrganisationResponse>> Handle(
        Guid id, HttpContext http, IDocumentSession session, TimeProvider clock, CancellationToken ct)
    {
        http.User.EnsureMayActFor(id);
        var version = await session.DecideAsync<Organisation>(
            id, http.Request.ExpectedVersion(), current => Decide(current, http.User.Actor(), clock.GetUtcNow()), ct);
        return await GetOrganisation.Respond(id, version, http, session, ct);
    }
}
