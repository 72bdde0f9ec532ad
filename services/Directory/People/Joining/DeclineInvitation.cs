using Marten;
using Microsoft.AspNetCore.Http.HttpResults;
using Network.Platform.Auth;
using Network.Platform.Http;

namespace Network.Directory.People.Joining;

public static class DeclineInvitation
{
    public static InvitationToOrganisationDeclined Decide(Person person, Guid organisationId, Actor by, DateTimeOffset at) =>
        person.InvitationTo(organisationId) is null
            ? throw new ResourceNotFound("Invitation", $"{person.Id} to {organisationId}")
            : new InvitationToOrganisationDeclined(person.Id, organisationId, by.Id, at);

    /// <summary>
    /// DELETE /people/{id}/invitations/{organisationId}: the person declines; staff or an owner of the organisation
    /// withdraw the invitation. 404 when there is no open invitation.
    /// </summary>
    public static async Task<NoContent> Handle(
        Guid id, Guid organisationId, HttpContext http, IDocumentSession session, TimeProvider clock, CancellationToken ct)
    {
        var caller = await MemberManagement.CallerAsync(http.User, session, ct);
        if (caller?.Id != id) await MemberManagement.EnsureMayManageAsync(http.User, organisationId, session, ct);
        var stream = await session.Events.FetchForWriting<Person>(id, ct);
        if (stream.Aggregate is null) throw new ResourceNotFound("Person", id);
        stream.AppendOne(Decide(stream.Aggregate, organisationId, http.User.Actor(), clock.GetUtcNow()));
        await session.SaveChangesAsync(ct);
        return TypedResults.NoContent();
    }
}
