using Marten;
using Network.Directory.Organisations;
using Network.Platform.Auth;
using Network.Platform.Http;

namespace Network.Directory.People.Joining;

/// <summary>
/// An owner invited the person to act for their organisation: nothing changes for the organisation until the person
/// accepts (<see cref="AcceptInvitation"/>). Private to the Directory: other services learn of the membership only
/// when it is accepted (PersonJoinedOrganisation). Carries ids only.
/// </summary>
public sealed record InvitedToOrganisation(Guid PersonId, Guid OrganisationId, MembershipRole Role, string By, DateTimeOffset At) : IPersonEvent;

/// <summary>An invitation that will not be accepted: the person declined it, or an owner or staff withdrew it (By says who).</summary>
public sealed record InvitationToOrganisationDeclined(Guid PersonId, Guid OrganisationId, string By, DateTimeOffset At) : IPersonEvent;

/// <summary>An open invitation of the person to act for an organisation, as the person (and staff) see it.</summary>
public sealed record MembershipInvitation(Guid OrganisationId, MembershipRole Role, string InvitedBy, DateTimeOffset InvitedAt);

public static class InviteToOrganisation
{
    /// <summary>The rules of joining (not erased, organisation not archived, not a member yet) and one open invitation per organisation.</summary>
    public static InvitedToOrganisation Decide(Person person, Organisation organisation, MembershipRole role, Actor by, DateTimeOffset at)
    {
        JoinOrganisation.EnsureMayJoin(person, organisation);
        if (person.InvitationTo(organisation.Id) is not null)
            throw new DomainRuleViolation(
                $"Person '{person.Id}' is already invited to act for organisation '{organisation.Id}'; they accept or decline it themselves.",
                title: "Already invited");
        return new InvitedToOrganisation(person.Id, organisation.Id, role, by.Id, at);
    }

    /// <summary>Appends the invitation in the caller's session (the caller checked that the actor owns the organisation, and saves).</summary>
    public static async Task<InvitedToOrganisation> InviteAsync(
        IDocumentSession session, Guid personId, Organisation organisation, MembershipRole role, Actor by, DateTimeOffset at, CancellationToken ct)
    {
        var stream = await session.Events.FetchForWriting<Person>(personId, ct);
        if (stream.Aggregate is null) throw new ResourceNotFound("Person", personId);
        var invited = Decide(stream.Aggregate, organisation, role, by, at);
        stream.AppendOne(invited);
        return invited;
    }
}
