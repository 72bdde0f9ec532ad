using Network.Directory.Organisations;
using Network.Directory.People;
using Network.Directory.People.Erasing;
using Network.Directory.People.Joining;
using Network.Platform.Auth;
using Network.Platform.Http;
using Xunit;
using static Network.Tests.Specification;
using OrganisationState = Network.Directory.Organisations.Organisation;

namespace Network.Tests.Directory;

/// <summary>Joining by invitation, and the erasure's confirmations: given these events, when this command, then these events (or this error).</summary>
public class MembershipInvitationSpecifications
{
    static readonly Guid Id = Guid.Parse("0190b000-0000-7000-8000-0000000000a1");
    static readonly Guid OrganisationId = Guid.Parse("0190a000-0000-7000-8000-0000000000a1");
    static readonly Actor Owner = new("owner-subject", "Olu Owner");
    static readonly Actor Herself = new(Id.ToString(), "Amara O.");
    static readonly DateTimeOffset Now = new(2026, 12, 2, 10, 0, 0, TimeSpan.FromHours(1));

    static readonly PersonRecorded Recorded = new(Id, Id.ToString(), "Amara O.", "amara@example.org", "staff-1", Now.AddDays(-10));
    static readonly InvitedToOrganisation Invited = new(Id, OrganisationId, MembershipRole.Owner, Owner.Id, Now.AddDays(-1));

    static readonly OrganisationState Kiel = Given<OrganisationState>(new OrganisationRegistered(
        OrganisationId, "Kieler Eine-Welt-Gruppe", OrganisationKind.OneWorldGroup, "01002000", "Fair trade from Kiel.", "staff-1", Now.AddDays(-30)));

    [Fact]
    public void An_owners_addition_is_an_invitation_that_changes_no_membership()
    {
        var invited = InviteToOrganisation.Decide(Given<Person>(Recorded), Kiel, MembershipRole.Member, Owner, Now);

        Assert.Equal(new InvitedToOrganisation(Id, OrganisationId, MembershipRole.Member, Owner.Id, Now), invited);
        var after = Given<Person>(Recorded, invited);
        Assert.Empty(after.Memberships);
        Assert.Equal(new MembershipInvitation(OrganisationId, MembershipRole.Member, Owner.Id, Now), Assert.Single(after.Invitations));
    }

    [Fact]
    public void Accepting_makes_the_person_act_for_the_organisation_in_the_role_offered_and_closes_the_invitation()
    {
        var joined = AcceptInvitation.Decide(Given<Person>(Recorded, Invited), Kiel, Herself, Now);

        Assert.Equal(new PersonJoinedOrganisation(Id, OrganisationId, MembershipRole.Owner, "Amara O.", Herself.Id, Now), joined);
        var after = Given<Person>(Recorded, Invited, joined);
        Assert.Equal(MembershipRole.Owner, Assert.Single(after.Memberships).Role);
        Assert.Empty(after.Invitations);
    }

    [Fact]
    public void Without_an_open_invitation_there_is_nothing_to_accept_or_decline()
    {
        var declined = new InvitationToOrganisationDeclined(Id, OrganisationId, Herself.Id, Now.AddHours(-1));

        Assert.Throws<ResourceNotFound>(() => AcceptInvitation.Decide(Given<Person>(Recorded), Kiel, Herself, Now));
        Assert.Throws<ResourceNotFound>(() => AcceptInvitation.Decide(Given<Person>(Recorded, Invited, declined), Kiel, Herself, Now));
        Assert.Throws<ResourceNotFound>(() => DeclineInvitation.Decide(Given<Person>(Recorded), OrganisationId, Herself, Now));
        Assert.Equal(declined with { At = Now }, DeclineInvitation.Decide(Given<Person>(Recorded, Invited), OrganisationId, Herself, Now));
    }

    [Fact]
    public void A_second_invitation_a_member_and_an_archived_organisation_are_refused()
    {
        var again = Assert.Throws<DomainRuleViolation>(() => InviteToOrganisation.Decide(Given<Person>(Recorded, Invited), Kiel, MembershipRole.Member, Owner, Now));
        Assert.Equal("Already invited", again.Title);

        var member = Given<Person>(Recorded, new PersonJoinedOrganisation(Id, OrganisationId, MembershipRole.Member, "Amara O.", "staff-1", Now.AddDays(-2)));
        Assert.Equal("Already a member", Assert.Throws<DomainRuleViolation>(() =>
            InviteToOrganisation.Decide(member, Kiel, MembershipRole.Member, Owner, Now)).Title);

        var archived = Given<OrganisationState>(new OrganisationRegistered(
            OrganisationId, "Kieler Eine-Welt-Gruppe", OrganisationKind.OneWorldGroup, "01002000", "Fair trade from Kiel.", "staff-1", Now.AddDays(-30)),
            new OrganisationArchived(OrganisationId, "staff-1", Now.AddHours(-2)));
        Assert.Equal("Archived", Assert.Throws<DomainRuleViolation>(() => AcceptInvitation.Decide(Given<Person>(Recorded, Invited), archived, Herself, Now)).Title);
    }

    [Fact]
    public void An_erasure_closes_every_open_invitation()
    {
        var erased = Given<Person>(Recorded, Invited, new PersonalDataErased(Id, "staff-1", Now));

        Assert.Empty(erased.Invitations);
        Assert.Throws<ResourceNotFound>(() => AcceptInvitation.Decide(erased, Kiel, Herself, Now));
    }

    [Fact]
    public void Each_service_confirms_an_erasure_once_and_nothing_is_confirmed_before_the_erasure()
    {
        var erasure = new PersonalDataErased(Id, "staff-1", Now.AddMinutes(-1));
        var confirmedAt = Now.AddSeconds(-5);

        Assert.Empty(ErasureConfirmations.Decide(Given<Person>(Recorded), "events", confirmedAt, Now));
        var confirmed = Assert.Single(ErasureConfirmations.Decide(Given<Person>(Recorded, erasure), "events", confirmedAt, Now));
        Assert.Equal(new ErasureConfirmed(Id, "events", confirmedAt, Now), confirmed);
        Assert.Empty(ErasureConfirmations.Decide(Given<Person>(Recorded, erasure, confirmed), "events", confirmedAt, Now));
        Assert.Equal(["events"], Given<Person>(Recorded, erasure, confirmed).ErasureConfirmedBy);
    }
}
