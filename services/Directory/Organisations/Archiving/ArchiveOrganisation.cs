using Marten;
using Microsoft.AspNetCore.Http.HttpResults;
using Network.Directory.Organisations.Viewing;
using Network.Platform.Auth;
using Network.Platform.EventStore;
using Network.Platform.Http;

namespace Network.Directory.Organisations.Archiving;

public static class ArchiveOrganisation
{
    /// <summary>
    /// Archived, never deleted: the organisation leaves every public list and the Forum, its history stays, and it
    /// changes no more. Its name is free again in its municipality.
    /// </summary>
    public static IReadOnlyList<object> Decide(Organisation current, Actor by, DateTimeOffset at)
    {
        OrganisationRules.EnsureNotArchived(current);
        return [new OrganisationArchived(current.Id, by.Id, at)];
    }

    /// <summary>POST /organisations/{id}/archive: staff, or an owner of the organisation; honours If-Match.</summary>
    public static async Task<Ok<OrganisationResponse>> Handle(
        Guid id, HttpContext http, IDocumentSession session, TimeProvider clock, CancellationToken ct)
    {
        if (await session.LoadAsync<Organisation>(id, ct) is null) throw new ResourceNotFound("Organisation", id);
        await OrganisationRules.EnsureStaffOrOwnerAsync(http.User, id, session, "archive it", ct);
        var version = await session.DecideAsync<Organisation>(
            id, http.Request.ExpectedVersion(), current => Decide(current, http.User.Actor(), clock.GetUtcNow()), ct);
        return await GetOrganisation.Respond(id, version, http, session, ct);
    }
}
