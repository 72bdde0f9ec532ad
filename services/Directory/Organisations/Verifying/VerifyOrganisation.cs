using Marten;
using Microsoft.AspNetCore.Http.HttpResults;
using Network.Directory.Organisations.Viewing;
using Network.Platform.Auth;
using Network.Platform.EventStore;
using Network.Platform.Http;

namespace Network.Directory.Organisations.Verifying;

public static class VerifyOrganisation
{
    public static IReadOnlyList<object> Decide(Organisation current, Actor by, DateTimeOffset at) =>
        current.Verification == VerificationState.Verified
            ? throw new DomainRuleViolation($"Organisation '{current.Id}' is already verified.")
            : [new OrganisationVerified(current.Id, by.Id, at)];

    /// <summary>POST /organisations/{id}/verification: staff only; honours If-Match.</summary>
    public static async Task<Ok<OrganisationResponse>> Handle(
        Guid id, HttpContext http, IDocumentSession session, TimeProvider clock, CancellationToken ct)
    {
        var version = await session.DecideAsync<Organisation>(
            id, http.Request.ExpectedVersion(), current => Decide(current, http.User.Actor(), clock.GetUtcNow()), ct);
        return await GetOrganisation.Respond(id, version, http, session, ct);
    }
}
