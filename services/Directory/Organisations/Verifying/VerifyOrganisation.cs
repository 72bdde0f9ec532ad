using Marten;
using Microsoft.AspNetCore.Http.HttpResults;
using Network.Directory.Organisations.Viewing;
using Network.Platform.Auth;
using Network.Platform.EventStore;
using Network.Platform.Http;

namespace Network.Directory.Organisations.Verifying;

public static class VerifyOrganisation
{
    /// <summary>Only a pending organisation that somebody acts for can be verified (a shadow must be claimed first).</summary>
    public static IReadOnlyList<object> Decide(Organisation current, Actor by, DateTimeOffset at)
    {
        OrganisationRules.EnsureNotArchived(current);
        return current switch
        {
            { Verification: VerificationState.Verified } => throw new DomainRuleViolation($"Organisation '{current.Id}' is already verified."),
            { Verification: VerificationState.Rejected } => throw new DomainRuleViolation(
                $"Organisation '{current.Id}' was rejected; it must be resubmitted before it can be verified."),
            { IsShadow: true } => throw new DomainRuleViolation(
                $"Organisation '{current.Id}' is an out-of-sight profile nobody acts for yet; it can be verified once claimed."),
            _ => [new OrganisationVerified(current.Id, by.Id, at)],
        };
    }

    /// <summary>POST /organisations/{id}/verification: staff only; honours If-Match.</summary>
    public static async Task<Ok<OrganisationResponse>> Handle(
        Guid id, HttpContext http, IDocumentSession session, TimeProvider clock, CancellationToken ct)
    {
        var version = await session.DecideAsync<Organisation>(
            id, http.Request.ExpectedVersion(), current => Decide(current, http.User.Actor(), clock.GetUtcNow()), ct);
        return await GetOrganisation.Respond(id, version, http, session, ct);
    }
}
