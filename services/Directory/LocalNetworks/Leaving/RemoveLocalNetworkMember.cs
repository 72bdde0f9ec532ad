using Marten;
using Microsoft.AspNetCore.Http.HttpResults;
using Network.Directory.LocalNetworks.Viewing;
using Network.Platform.Auth;
using Network.Platform.EventStore;
using Network.Platform.Http;

namespace Network.Directory.LocalNetworks.Leaving;

public static class RemoveLocalNetworkMember
{
    public static IReadOnlyList<object> Decide(LocalNetwork current, Guid organisationId, Actor by, DateTimeOffset at)
    {
        if (!current.MemberOrganisationIds.Contains(organisationId))
            throw new ResourceNotFound("Member organisation", organisationId);
        if (current.CoordinatorOrganisationId == organisationId)
            throw new DomainRuleViolation("The coordinating organisation cannot leave the network it coordinates.");
        return [new LocalNetworkMemberLeft(current.Id, organisationId, by.Id, at)];
    }

    /// <summary>
    /// DELETE /local-networks/{id}/members/{organisationId}: staff or the coordinator remove an organisation, or a
    /// member leaves with their own organisation. Honours If-Match; answers the network as it is now.
    /// </summary>
    public static async Task<Ok<LocalNetworkResponse>> Handle(
        Guid id, Guid organisationId, HttpContext http, IDocumentSession session, TimeProvider clock, CancellationToken ct)
    {
        var version = await session.DecideAsync<LocalNetwork>(id, http.Request.ExpectedVersion(), current =>
        {
            if (!http.User.MayManage(current) && !http.User.MayActFor(organisationId))
                throw new Forbidden("Only staff, the coordinating organisation or the leaving organisation itself may remove it from a network.");
            return Decide(current, organisationId, http.User.Actor(), clock.GetUtcNow());
        }, ct);
        return TypedResults.Ok(await LocalNetworkResponse.RespondAsync(id, version, http, session, ct));
    }
}
