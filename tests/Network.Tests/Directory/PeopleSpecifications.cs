using Network.Directory.Organisations;
using Network.Directory.People;
using Network.Directory.People.Consenting;
using Network.Directory.People.Erasing;
using Network.Directory.People.Joining;
using Network.Directory.People.Leaving;
using Network.Directory.People.Recording;
using Network.Platform.Auth;
using Network.Platform.Http;
using Xunit;
using static Network.Tests.Specification;
using OrganisationState = Network.Directory.Organisations.Organisation;

namespace Network.Tests.Directory;

/// <summary>People: given these events, when this command, then these events (or this rule violation).</summary>
public class PeopleSpecifications
{
    static readonly Guid Id = Guid.Parse("0190b000-0000-7000-8000-000000000001");
    static readonly Guid Organisation = Guid.Parse("0190a000-0000-7000-8000-000000000001");
    static readonly Guid OtherOrganisation = Guid.Parse("0190a000-0000-7000-8000-000000000002");
    static readonly Actor Staff = new("staff-1", "Sam Staff");
    static readonly Actor Herself = new("amara-subject", "Amara");
    static readonly DateTimeOffset Now = new(2026, 11, 26, 10, 0, 0, TimeSpan.FromHours(1));

    static readonly PersonRecorded Recorded = new(Id, "amara-subject", "Amara O.", "amara@example.org", "amara-subject", Now.AddDays(-10));

    static readonly OrganisationRegistered KielRegistered = new(
        Organisation, "Kieler Eine-Welt-Gruppe", OrganisationKind.OneWorldGroup, "01002000", "Fair trade from Kiel.", "staff-1", Now.AddDays(-30));

    static readonly OrganisationState Kiel = Given<OrganisationState>(KielRegistered);

    static readonly OrganisationState Bonn = Given<OrganisationState>(new OrganisationRegistered(
        OtherOrganisation, "Afrika Forum Bonn", OrganisationKind.MigrantOrganisation, "05314000", "Development work.", "staff-1", Now.AddDays(-30)));

    static PersonJoinedOrganisation Joined(Guid organisation, MembershipRole role) =>
        new(Id, organisation, role, "Amara O.", "staff-1", Now.AddDays(-5));

    [Fact]
    public void A_person_recording_themselves_is_linked_to_their_subject_with_a_trimmed_name_and_email()
    {
        var recorded = RecordPerson.Decide(Id, "amara-subject", new("  Amara O. ", " amara@example.org "), Herself, Now);

        Assert.Equal(new PersonRecorded(Id, "amara-subject", "Amara O.", "amara@example.org", "amara-subject", Now), recorded);
        var person = Given<Person>(recorded);
        Assert.Empty(person.Memberships);
        Assert.Empty(person.Consents);
    }

    [Fact]
    public void An_email_is_optional_and_blank_means_none()
    {
        Assert.Null(RecordPerson.Decide(Id, null, new("Kofi", "   "), Staff, Now).Email);
        Assert.Null(RecordPerson.Decide(Id, null, new("Kofi", null), Staff, Now).Email);
    }

    [Theory]
    [InlineData("", null, "displayName")]
    [InlineData("   ", null, "displayName")]
    [InlineData("Kofi", "not-an-address", "email")]
    [InlineData("Kofi", "two@@example.org", "email")]
    [InlineData("Kofi", "with space@example.org", "email")]
    public void Recording_with_a_bad_field_names_that_field(string name, string? email, string field)
    {
        var error = Assert.Throws<RequestValidationException>(() => RecordPerson.Decide(Id, null, new(name, email), Staff, Now));
        Assert.Equal([field], error.Errors.Keys);
    }

    [Fact]
    public void Over_long_names_and_emails_are_rejected_together()
    {
        var error = Assert.Throws<RequestValidationException>(() => RecordPerson.Decide(Id, null,
            new(new string('n', RecordPerson.MaxDisplayNameLength + 1), new string('e', 250) + "@example.org"), Staff, Now));
        Assert.Equal(["displayName", "email"], error.Errors.Keys.Order());
    }

    [Fact]
    public void Joining_an_organisation_records_the_role_and_the_name_the_forum_shows()
    {
        var joined = JoinOrganisation.Decide(Given<Person>(Recorded), Kiel, MembershipRole.Owner, Staff, Now);

        Assert.Equal(new PersonJoinedOrganisation(Id, Organisation, MembershipRole.Owner, "Amara O.", "staff-1", Now), joined);
        Assert.Equal([new Membership(Organisation, MembershipRole.Owner, Now)], Given<Person>(Recorded, joined).Memberships);
    }

    [Fact]
    public void A_person_acts_for_several_organisations_but_joins_each_only_once()
    {
        var person = Given<Person>(Recorded, Joined(Organisation, MembershipRole.Member));

        var second = JoinOrganisation.Decide(person, Bonn, MembershipRole.Owner, Staff, Now);
        Assert.Equal(2, Person.When(person, second)!.Memberships.Count);

        var duplicate = Assert.Throws<DomainRuleViolation>(() => JoinOrganisation.Decide(person, Kiel, MembershipRole.Owner, Staff, Now));
        Assert.Equal(409, duplicate.Status);
    }

    [Fact]
    public void A_member_leaves_even_when_they_are_not_an_owner_of_an_organisation_with_none()
    {
        var left = LeaveOrganisation.Decide(Given<Person>(Recorded, Joined(Organisation, MembershipRole.Member)), Kiel, 0, Herself, Now);

        Assert.Equal(new PersonLeftOrganisation(Id, Organisation, "amara-subject", Now), left);
    }

    [Fact]
    public void The_last_owner_cannot_leave_but_one_of_two_owners_can()
    {
        var owner = Given<Person>(Recorded, Joined(Organisation, MembershipRole.Owner));

        var violation = Assert.Throws<DomainRuleViolation>(() => LeaveOrganisation.Decide(owner, Kiel, 1, Herself, Now));
        Assert.Equal(409, violation.Status);
        Assert.Contains("last owner", violation.Message);

        var left = LeaveOrganisation.Decide(owner, Kiel, 2, Herself, Now);
        Assert.Empty(Person.When(owner, left)!.Memberships);
    }

    [Fact]
    public void Leaving_an_organisation_one_does_not_act_for_is_not_found()
    {
        var violation = Assert.Throws<ResourceNotFound>(() => LeaveOrganisation.Decide(Given<Person>(Recorded), Kiel, 1, Staff, Now));
        Assert.Equal(404, violation.Status);
    }

    [Fact]
    public void Nobody_joins_or_leaves_an_archived_organisation()
    {
        var archived = Given<OrganisationState>(KielRegistered, new OrganisationArchived(Organisation, "staff-1", Now.AddDays(-1)));

        var join = Assert.Throws<DomainRuleViolation>(() =>
            JoinOrganisation.Decide(Given<Person>(Recorded), archived, MembershipRole.Member, Staff, Now));
        Assert.Equal(409, join.Status);
        Assert.Equal($"Organisation '{Organisation}' is archived and takes no new members.", join.Message);

        // Not even one of two owners, nor by staff: the archive keeps the members it had.
        var owner = Given<Person>(Recorded, Joined(Organisation, MembershipRole.Owner));
        var leave = Assert.Throws<DomainRuleViolation>(() => LeaveOrganisation.Decide(owner, archived, 2, Staff, Now));
        Assert.Equal(409, leave.Status);
        Assert.Equal($"Organisation '{Organisation}' is archived: its members stay as they were when it was archived.", leave.Message);
    }

    [Fact]
    public void A_consent_records_purpose_wording_and_time_and_a_withdrawal_keeps_its_history()
    {
        var given = Assert.IsType<ConsentGiven>(Assert.Single(
            GiveConsent.Decide(Given<Person>(Recorded), new(ConsentPurposes.ForumParticipation, "2025-01"), Herself, Now)));
        Assert.Equal(new ConsentGiven(Id, "forum-participation", "2025-01", "amara-subject", Now), given);

        var withdrawn = Assert.IsType<ConsentWithdrawn>(Assert.Single(
            WithdrawConsent.Decide(Given<Person>(Recorded, given), ConsentPurposes.ForumParticipation, Herself, Now.AddDays(1))));
        var person = Given<Person>(Recorded, given, withdrawn);

        var consent = Assert.Single(person.Consents);
        Assert.Equal(("forum-participation", "2025-01", Now, (DateTimeOffset?)Now.AddDays(1)),
            (consent.Purpose, consent.WordingVersion, consent.GivenAt, consent.WithdrawnAt));
        Assert.Null(person.ActiveConsent(ConsentPurposes.ForumParticipation));
    }

    [Fact]
    public void Consenting_to_a_newer_wording_renews_the_consent_and_the_same_wording_twice_is_a_conflict()
    {
        var first = new ConsentGiven(Id, ConsentPurposes.DirectoryContact, "2025-01", "amara-subject", Now.AddDays(-1));
        var person = Given<Person>(Recorded, first);

        Assert.Equal(409, Assert.Throws<DomainRuleViolation>(() =>
            GiveConsent.Decide(person, new(ConsentPurposes.DirectoryContact, "2025-01"), Herself, Now)).Status);

        var renewed = (ConsentGiven)GiveConsent.Decide(person, new(ConsentPurposes.DirectoryContact, "2026-02"), Herself, Now).Single();
        var after = Person.When(person, renewed)!;
        Assert.Equal(["2025-01", "2026-02"], after.Consents.Select(c => c.WordingVersion));
        Assert.Equal("2026-02", after.ActiveConsent(ConsentPurposes.DirectoryContact)!.WordingVersion);
        Assert.Equal(Now, after.Consents[0].RenewedAt);
    }

    [Fact]
    public void Consenting_to_an_older_wording_than_the_one_in_force_is_refused()
    {
        var person = Given<Person>(Recorded, new ConsentGiven(Id, ConsentPurposes.DirectoryContact, "2025-03", "amara-subject", Now.AddDays(-1)));

        var violation = Assert.Throws<DomainRuleViolation>(() =>
            GiveConsent.Decide(person, new(ConsentPurposes.DirectoryContact, "2024-01"), Herself, Now));

        Assert.Equal(409, violation.Status);
        Assert.Equal($"Person '{Id}' consents to 'directory-contact' in wording 2025-03; only a newer wording renews a consent, " +
                     "not the older wording 2024-01.", violation.Message);
    }

    [Theory]
    [InlineData("2025-03", "2024-12")]
    [InlineData("2025-03", "2025-02")]
    [InlineData("1.10", "1.9")]
    [InlineData("v10", "v9")]
    [InlineData("demo-2", "demo-1")]
    public void Wording_versions_are_ordered_by_their_numbers_not_their_characters(string newer, string older)
    {
        var consentedToNewer = Given<Person>(Recorded, new ConsentGiven(Id, ConsentPurposes.EventCommunication, newer, "amara-subject", Now.AddDays(-1)));
        Assert.Equal(409, Assert.Throws<DomainRuleViolation>(() =>
            GiveConsent.Decide(consentedToNewer, new(ConsentPurposes.EventCommunication, older), Herself, Now)).Status);

        var consentedToOlder = Given<Person>(Recorded, new ConsentGiven(Id, ConsentPurposes.EventCommunication, older, "amara-subject", Now.AddDays(-1)));
        var renewed = Assert.IsType<ConsentGiven>(Assert.Single(
            GiveConsent.Decide(consentedToOlder, new(ConsentPurposes.EventCommunication, newer), Herself, Now)));
        Assert.Equal(newer, renewed.WordingVersion);
    }

    [Theory]
    [InlineData("marketing", "2025-01", "purpose")]
    [InlineData(null, "2025-01", "purpose")]
    [InlineData("forum-participation", "", "wordingVersion")]
    [InlineData("forum-participation", "version one", "wordingVersion")]
    [InlineData("forum-participation", "123456789012345678901", "wordingVersion")]
    public void A_consent_needs_a_known_purpose_and_a_wording_version(string? purpose, string wording, string field)
    {
        var error = Assert.Throws<RequestValidationException>(() => GiveConsent.Decide(Given<Person>(Recorded), new(purpose, wording), Herself, Now));
        Assert.Equal([field], error.Errors.Keys);
    }

    [Fact]
    public void Withdrawing_a_consent_never_given_is_a_conflict_and_an_unknown_purpose_a_bad_request()
    {
        Assert.Equal(409, Assert.Throws<DomainRuleViolation>(() =>
            WithdrawConsent.Decide(Given<Person>(Recorded), ConsentPurposes.EventCommunication, Herself, Now)).Status);
        Assert.Throws<RequestValidationException>(() => WithdrawConsent.Decide(Given<Person>(Recorded), "marketing", Herself, Now));
    }

    [Fact]
    public void Correcting_details_records_the_change_and_the_same_details_record_nothing()
    {
        var events = CorrectPersonDetails.Decide(Given<Person>(Recorded), new("Amara Okafor", null), Herself, Now);
        var corrected = Assert.IsType<PersonDetailsCorrected>(Assert.Single(events));
        var person = Given<Person>(Recorded, corrected);
        Assert.Equal(("Amara Okafor", (string?)null), (person.DisplayName, person.Email));

        Assert.Empty(CorrectPersonDetails.Decide(Given<Person>(Recorded), new("Amara O.", "amara@example.org"), Herself, Now));
    }

    [Fact]
    public void Erasure_ends_every_membership_and_active_consent_even_the_last_ownership_and_forgets_the_person()
    {
        var person = Given<Person>(Recorded,
            Joined(Organisation, MembershipRole.Owner),
            Joined(OtherOrganisation, MembershipRole.Member),
            new ConsentGiven(Id, ConsentPurposes.ForumParticipation, "2025-01", "amara-subject", Now.AddDays(-3)));

        var events = ErasePerson.Decide(person, Staff, Now);

        Assert.Equal(
            [typeof(PersonLeftOrganisation), typeof(PersonLeftOrganisation), typeof(ConsentWithdrawn), typeof(PersonalDataErased)],
            events.Select(e => e.GetType()));
        var erased = Given<Person>([Recorded, Joined(Organisation, MembershipRole.Owner), Joined(OtherOrganisation, MembershipRole.Member),
            new ConsentGiven(Id, ConsentPurposes.ForumParticipation, "2025-01", "amara-subject", Now.AddDays(-3)), .. events]);
        Assert.Equal((Person.ErasedName, (string?)null, (string?)null), (erased.DisplayName, erased.Email, erased.Subject));
        Assert.Empty(erased.Memberships);
        Assert.Null(erased.ActiveConsent(ConsentPurposes.ForumParticipation));
        Assert.Single(erased.Consents); // the history of what was consented to stays
    }

    [Fact]
    public void An_erased_person_is_erased_once_and_can_no_longer_join_consent_or_change()
    {
        var erased = Given<Person>(Recorded, new PersonalDataErased(Id, "staff-1", Now));

        Assert.Empty(ErasePerson.Decide(erased, Staff, Now));
        Assert.Equal(409, Assert.Throws<DomainRuleViolation>(() => JoinOrganisation.Decide(erased, Kiel, MembershipRole.Member, Staff, Now)).Status);
        Assert.Equal(409, Assert.Throws<DomainRuleViolation>(() =>
            GiveConsent.Decide(erased, new(ConsentPurposes.DirectoryContact, "2025-01"), Staff, Now)).Status);
        Assert.Equal(409, Assert.Throws<DomainRuleViolation>(() => CorrectPersonDetails.Decide(erased, new("Back", null), Staff, Now)).Status);
    }
}
