using Marten;
using Microsoft.AspNetCore.Http.HttpResults;
using Network.Directory.Organisations;
using Network.Directory.People.Viewing;
using Network.Platform.Auth;
using Network.Platform.Http;

namespace Network.Directory.People.Joining;

public static class AcceptInvitation
{
    /// <summary>Only an open invitation (404 otherwise) becomes a membership, in the role it offered, if joining is still allowed.</summary>
    public static PersonJoinedOrganisation Decide(Person person, Organisation organisation, Actor by, DateTimeOffset at)
    {
        var invitation = person.InvitationTo(organisation.Id)
            ?? throw new ResourceNotFound("Invitation", $"{person.Id} to {organisation.Id}");
        return JoinOrganisation.Decide(person, organisation, invitation.Role, by, at);
    }

    /// <summary>
    /// POST /people/{id}/invitations/{organisationId}/acceptance: the person themself only (not staff, not the owner who
    /// invited): they start acting for the organisation, which the Forum and Identity then learn.
    /// </summary>
    public static async Task<Ok<MemberResponse>> Handle(
        Guid id, Guid organisationId, HttpContext http, IDocumentSession session, TimeProvider clock, CancellationToken ct)
    {
        await JoinOrganisation.EnsureIsThemselfAsync(http, id, session, "accept an invitation", ct);
        var organisation = await session.LoadAsync<Organisation>(organisationId, ct) ?? throw new ResourceNotFound("Organisation", organisationId);
        var stream = await session.Events.FetchForWriting<Person>(id, ct);
        if (stream.Aggregate is null) throw new ResourceNotFound("Person", id);
        var joined = Decide(stream.Aggregate, organisation, http.User.Actor(), clock.GetUtcNow());
        stream.AppendOne(joined);
        await MembershipRoster.ChangeAsync(session, organisationId, roster => roster.Add(id, joined.Role), ct);
        await session.SaveChangesAsync(ct);

        var person = (await session.LoadAsync<Person>(id, ct))!;
        return TypedResults.Ok(MemberResponse.Of(person, person.MembershipIn(organisationId)!));
    }
}
