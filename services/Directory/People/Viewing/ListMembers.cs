using Marten;
using Microsoft.AspNetCore.Http.HttpResults;
using Network.Directory.Organisations;
using Network.Platform.Auth;
using Network.Platform.Http;

namespace Network.Directory.People.Viewing;

public static class ListMembers
{
    /// <summary>
    /// GET /organisations/{organisationId}/members: staff and the organisation's own members see who acts for it
    /// (names and roles; the e-mail address of those who consent to <c>directory-contact</c>; never consents).
    /// </summary>
    public static async Task<Ok<IReadOnlyList<MemberResponse>>> Handle(
        Guid organisationId, HttpContext http, IQuerySession session, CancellationToken ct)
    {
        await EnsureMaySeeMembersAsync(organisationId, http, session, ct);

        var roster = await session.LoadAsync<MembershipRoster>(organisationId, ct);
        if (roster is null || roster.Entries.Count == 0) return TypedResults.Ok<IReadOnlyList<MemberResponse>>([]);
        var people = await session.LoadManyAsync<Person>(ct, roster.Entries.Select(e => e.PersonId).ToArray());
        IReadOnlyList<MemberResponse> members = people
            .Select(p => (Person: p, Membership: p.MembershipIn(organisationId)))
            .Where(x => x.Membership is not null)
            .Select(x => MemberResponse.Of(x.Person, x.Membership!))
            .OrderBy(m => m.Role).ThenBy(m => m.DisplayName, StringComparer.CurrentCultureIgnoreCase).ThenBy(m => m.PersonId)
            .ToList();
        return TypedResults.Ok(members);
    }

    /// <summary>
    /// GET /organisations/{organisationId}/members/{personId}: one member, for the same callers as the list (the
    /// <c>Location</c> of an added member); 404 when the person does not act for the organisation.
    /// </summary>
    public static async Task<Ok<MemberResponse>> HandleOne(
        Guid organisationId, Guid personId, HttpContext http, IQuerySession session, CancellationToken ct)
    {
        await EnsureMaySeeMembersAsync(organisationId, http, session, ct);
        var person = await session.LoadAsync<Person>(personId, ct);
        var membership = person?.MembershipIn(organisationId) ?? throw new ResourceNotFound("Member", personId);
        return TypedResults.Ok(MemberResponse.Of(person!, membership));
    }

    static async Task EnsureMaySeeMembersAsync(Guid organisationId, HttpContext http, IQuerySession session, CancellationToken ct)
    {
        if (await session.LoadAsync<Organisation>(organisationId, ct) is null)
            throw new ResourceNotFound("Organisation", organisationId);
        if (!http.User.IsStaff())
        {
            var caller = await MemberManagement.CallerAsync(http.User, session, ct);
            if (caller?.MembershipIn(organisationId) is null)
                throw new Forbidden("Only staff and the organisation's own members may see who acts for it.");
        }
    }
}
