using Marten;
using Microsoft.AspNetCore.Http.HttpResults;
using Network.Directory.Organisations;
using Network.Platform.Auth;
using Network.Platform.Http;

namespace Network.Directory.People.Leaving;

public static class LeaveOrganisation
{
    /// <param name="ownersOfOrganisation">how many owners the organisation has now (the person included, if they are one).</param>
    public static PersonLeftOrganisation Decide(Person person, Organisation organisation, int ownersOfOrganisation, Actor by, DateTimeOffset at)
    {
        var organisationId = organisation.Id;
        var membership = person.MembershipIn(organisationId)
            ?? throw new ResourceNotFound("Membership", $"{person.Id} in {organisationId}");
        if (organisation.IsArchived)
            throw new DomainRuleViolation(
                $"Organisation '{organisationId}' is archived: its members stay as they were when it was archived.", title: "Archived");
        if (membership.Role == MembershipRole.Owner && ownersOfOrganisation <= 1)
            throw new DomainRuleViolation(
                $"Person '{person.Id}' is the last owner of organisation '{organisationId}'; make someone else an owner first.",
                title: "Last owner");
        return new PersonLeftOrganisation(person.Id, organisationId, by.Id, at);
    }

    /// <summary>
    /// DELETE /organisations/{organisationId}/members/{personId}: staff, an owner of the organisation, or the
    /// person themself (leaving). The organisation's last owner cannot leave, and nobody leaves an archived one.
    /// </summary>
    public static async Task<NoContent> Handle(
        Guid organisationId, Guid personId, HttpContext http, IDocumentSession session, TimeProvider clock, CancellationToken ct)
    {
        var caller = await MemberManagement.CallerAsync(http.User, session, ct);
        var organisation = caller?.Id == personId
            ? await session.LoadAsync<Organisation>(organisationId, ct) ?? throw new ResourceNotFound("Organisation", organisationId)
            : await MemberManagement.EnsureMayManageAsync(http.User, organisationId, session, ct);

        var stream = await session.Events.FetchForWriting<Person>(personId, ct);
        if (stream.Aggregate is null) throw new ResourceNotFound("Person", personId);
        // Decided on the roster as read for the update, so the owner count and the concurrency check agree.
        await MembershipRoster.ChangeAsync(session, organisationId, roster =>
        {
            stream.AppendOne(Decide(stream.Aggregate, organisation, roster.Owners, http.User.Actor(), clock.GetUtcNow()));
            roster.Remove(personId);
        }, ct);
        await session.SaveChangesAsync(ct);
        return TypedResults.NoContent();
    }
}
