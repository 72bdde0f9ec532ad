using Marten;
using Microsoft.AspNetCore.Http.HttpResults;
using Network.Directory.LocalNetworks.Viewing;
using Network.Directory.Organisations;
using Network.Platform.Auth;
using Network.Platform.EventStore;
using Network.Platform.Http;

namespace Network.Directory.LocalNetworks.Joining;

public sealed record AddLocalNetworkMemberRequest(Guid? OrganisationId);

public static class AddLocalNetworkMember
{
    public static void Validate(AddLocalNetworkMemberRequest request)
    {
        if (request.OrganisationId is null || request.OrganisationId == Guid.Empty)
            new Validation().Add("organisationId", "'organisationId' is required: the organisation that joins.").ThrowIfInvalid();
    }

    /// <param name="organisation">the joining organisation, null when unknown (404).</param>
    public static IReadOnlyList<object> Decide(
        LocalNetwork current, AddLocalNetworkMemberRequest request, Organisation? organisation, Actor by, DateTimeOffset at)
    {
        Validate(request);
        if (organisation is null) throw new ResourceNotFound("Organisation", request.OrganisationId!.Value);
        if (organisation.IsArchived)
            throw new DomainRuleViolation($"Organisation '{organisation.Name}' is archived and cannot join a network.");
        if (current.MemberOrganisationIds.Contains(organisation.Id))
            throw new DomainRuleViolation($"Organisation '{organisation.Name}' is already a member of '{current.Name}'.", title: "Already a member");
        return [new LocalNetworkMemberJoined(current.Id, organisation.Id, by.Id, at)];
    }

    /// <summary>
    /// POST /local-networks/{id}/members {organisationId}: staff or the coordinator add an organisation, or a member
    /// joins with their own organisation. Honours If-Match.
    /// </summary>
    public static async Task<Ok<LocalNetworkResponse>> Handle(
        Guid id, AddLocalNetworkMemberRequest request, HttpContext http, IDocumentSession session, TimeProvider clock, CancellationToken ct)
    {
        Validate(request);
        var organisationId = request.OrganisationId!.Value;
        // Not filtered by what the caller sees: a coordinator may add an actor that is not verified (yet), which is what
        // the actor inventory is about; the network then lists it only to those who may see it.
        var organisation = await session.LoadAsync<Organisation>(organisationId, ct);

        var version = await session.DecideAsync<LocalNetwork>(id, http.Request.ExpectedVersion(), current =>
        {
            if (!http.User.MayManage(current) && !http.User.MayActFor(organisationId))
                throw new Forbidden("Only staff, the coordinating organisation or the joining organisation itself may add it to a network.");
            return Decide(current, request, organisation, http.User.Actor(), clock.GetUtcNow());
        }, ct);
        return TypedResults.Ok(await LocalNetworkResponse.RespondAsync(id, version, http, session, ct));
    }
}
