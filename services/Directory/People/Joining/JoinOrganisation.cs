using Marten;
using Microsoft.AspNetCore.Http.HttpResults;
using Network.Directory.Organisations;
using Network.Directory.People.Viewing;
using Network.Platform.Aggregates;
using Network.Platform.Auth;
using Network.Platform.Http;

namespace Network.Directory.People.Joining;

public sealed record AddMemberRequest(Guid? PersonId, MembershipRole? Role);

/// <summary>An owner's invitation as the owner gets it back: the person accepts or declines it themselves.</summary>
public sealed record MembershipInvitationResponse(Guid PersonId, Guid OrganisationId, MembershipRole Role, DateTimeOffset InvitedAt);

public static class JoinOrganisation
{
    public static PersonJoinedOrganisation Decide(Person person, Organisation organisation, MembershipRole role, Actor by, DateTimeOffset at)
    {
        EnsureMayJoin(person, organisation);
        return new PersonJoinedOrganisation(person.Id, organisation.Id, role, person.DisplayName, by.Id, at);
    }

    /// <summary>Whether the person may start acting for the organisation (directly, by invitation or by accepting one).</summary>
    public static void EnsureMayJoin(Person person, Organisation organisation)
    {
        if (person.IsErased)
            throw new DomainRuleViolation($"Person '{person.Id}' was erased and can no longer act for an organisation.");
        if (organisation.IsArchived)
            throw new DomainRuleViolation($"Organisation '{organisation.Id}' is archived and takes no new members.", title: "Archived");
        if (person.MembershipIn(organisation.Id) is { } existing)
            throw new DomainRuleViolation(
                $"Person '{person.Id}' already acts for organisation '{organisation.Id}' as {existing.Role.ToString().ToLowerInvariant()}.",
                title: "Already a member");
    }

    /// <summary>Only the person themself (403 for everyone else, staff included): their consent is theirs to give.</summary>
    public static async Task EnsureIsThemselfAsync(HttpContext http, Guid personId, IQuerySession session, string what, CancellationToken ct)
    {
        var caller = await MemberManagement.CallerAsync(http.User, session, ct);
        if (caller?.Id != personId) throw new Forbidden($"Only the person themself may {what}.");
    }

    /// <summary>
    /// Makes a person act for an organisation inside the caller's session: appends to the person's stream and
    /// updates the organisation's roster, but does not save (the caller saves its own changes with it, in one
    /// transaction). The caller has loaded the organisation and checked that the actor may do this.
    /// </summary>
    /// <exception cref="ResourceNotFound">the person does not exist.</exception>
    /// <exception cref="DomainRuleViolation">the person already acts for the organisation, or was erased, or the organisation is archived (409).</exception>
    public static async Task AddMembershipAsync(
        IDocumentSession session, Guid personId, Organisation organisation, MembershipRole role, Actor by, DateTimeOffset at, CancellationToken ct)
    {
        // A use case may add several memberships of one person in one session (or start the person in it): then the
        // stream is already in the session's unit of work, and the decision must see the events pending there.
        if (session.PendingChanges.Streams().FirstOrDefault(s => s.Id == personId) is { } pending)
        {
            var saved = await session.LoadAsync<Person>(personId, ct);
            var person = Aggregate.Fold(saved, pending.Events.Select(e => e.Data)) ?? throw new ResourceNotFound("Person", personId);
            session.Events.Append(personId, Decide(person, organisation, role, by, at));
        }
        else
        {
            var stream = await session.Events.FetchForWriting<Person>(personId, ct);
            if (stream.Aggregate is null) throw new ResourceNotFound("Person", personId);
            stream.AppendOne(Decide(stream.Aggregate, organisation, role, by, at));
        }
        await MembershipRoster.ChangeAsync(session, organisation.Id, roster => roster.Add(personId, role), ct);
    }

    /// <summary>
    /// POST /organisations/{organisationId}/members: staff add a person as owner or member at once (201); an owner of
    /// the organisation invites them (202 with the invitation), and the person accepts or declines it themselves
    /// (POST /people/{id}/invitations/{organisationId}/acceptance, DELETE /people/{id}/invitations/{organisationId}).
    /// </summary>
    public static async Task<Results<Created<MemberResponse>, Accepted<MembershipInvitationResponse>>> Handle(
        Guid organisationId, AddMemberRequest request, HttpContext http, IDocumentSession session, TimeProvider clock, CancellationToken ct)
    {
        var validation = new Validation().Defined("role", request.Role);
        if (request.PersonId is null || request.PersonId == Guid.Empty) validation.Add("personId", "'personId' is required.");
        validation.ThrowIfInvalid();
        var organisation = await MemberManagement.EnsureMayManageAsync(http.User, organisationId, session, ct);

        var at = clock.GetUtcNow();
        if (!http.User.IsStaff())
        {
            var invited = await InviteToOrganisation.InviteAsync(session, request.PersonId!.Value, organisation, request.Role!.Value, http.User.Actor(), at, ct);
            await session.SaveChangesAsync(ct);
            return TypedResults.Accepted(
                $"/people/{invited.PersonId}/invitations/{organisationId}",
                new MembershipInvitationResponse(invited.PersonId, organisationId, invited.Role, invited.At));
        }
        await AddMembershipAsync(session, request.PersonId!.Value, organisation, request.Role!.Value, http.User.Actor(), at, ct);
        await session.SaveChangesAsync(ct);

        var person = (await session.LoadAsync<Person>(request.PersonId!.Value, ct))!;
        return TypedResults.Created(
            $"/organisations/{organisationId}/members/{request.PersonId}", MemberResponse.Of(person, person.MembershipIn(organisationId)!));
    }
}
