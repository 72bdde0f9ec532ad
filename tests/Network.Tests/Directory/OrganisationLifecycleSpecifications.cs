using Network.Directory.Organisations;
using Network.Directory.Organisations.Archiving;
using Network.Directory.Organisations.History;
using Network.Directory.Organisations.OutOfSight;
using Network.Directory.Organisations.Registering;
using Network.Directory.Organisations.Verifying;
using Network.Platform.Auth;
using Network.Platform.Http;
using Xunit;
using static Network.Tests.Specification;

namespace Network.Tests.Directory;

/// <summary>Verification, rejection, resubmission, archive, out-of-sight profiles and their claim, history.</summary>
public class OrganisationLifecycleSpecifications
{
    static readonly Guid Id = Guid.Parse("0190a000-0000-7000-8000-000000000003");
    static readonly Actor Staff = new("staff-1", "Sam Staff");
    static readonly Actor Claimant = new("person-7", "Amara");
    static readonly DateTimeOffset Now = new(2026, 11, 26, 10, 0, 0, TimeSpan.Zero);

    static readonly OrganisationRegistered Registered = new(
        Id, "Afrika Forum Bonn", OrganisationKind.MigrantOrganisation, "05314000", "Development work", "member-1", Now.AddDays(-3),
        OrganisationDetails.Empty);

    static readonly OutOfSightOrganisationRecorded Recorded = new(
        Id, "Vietnam-Verein Leipzig", OrganisationKind.MigrantOrganisation, "14713000", "Heard of at a networking workshop",
        OrganisationDetails.Empty, "staff-1", Now.AddDays(-3));

    static readonly OrganisationRejected Rejection = new(Id, "No link to development work found.", "staff-1", Now);

    [Fact]
    public void Rejecting_a_pending_organisation_records_the_reason()
    {
        var events = RejectOrganisation.Decide(Given<Organisation>(Registered), new("  No link to development work found. "), Staff, Now);

        Assert.Equal(Rejection, Assert.Single(events));
        var rejected = Given<Organisation>(Registered, Rejection);
        Assert.Equal((VerificationState.Rejected, "No link to development work found."), (rejected.Verification, rejected.RejectionReason));
        Assert.False(rejected.IsPublic);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("   ")]
    public void Rejecting_without_a_reason_is_refused(string? reason)
    {
        var error = Assert.Throws<RequestValidationException>(() => RejectOrganisation.Decide(Given<Organisation>(Registered), new(reason), Staff, Now));
        Assert.Equal(["reason"], error.Errors.Keys);
    }

    [Fact]
    public void A_verified_organisation_cannot_be_rejected_nor_a_rejected_one_verified()
    {
        var verified = Given<Organisation>(Registered, new OrganisationVerified(Id, "staff-1", Now));
        Assert.Equal(409, Assert.Throws<DomainRuleViolation>(() => RejectOrganisation.Decide(verified, new("late"), Staff, Now)).Status);

        var rejected = Given<Organisation>(Registered, Rejection);
        Assert.Equal(409, Assert.Throws<DomainRuleViolation>(() => VerifyOrganisation.Decide(rejected, Staff, Now)).Status);
    }

    [Fact]
    public void A_rejected_organisation_resubmits_to_pending_and_can_then_be_verified()
    {
        var events = ResubmitOrganisation.Decide(Given<Organisation>(Registered, Rejection), new Actor("member-1", "Mia"), Now);

        var resubmitted = Given<Organisation>(Registered, Rejection, Assert.IsType<OrganisationResubmitted>(Assert.Single(events)));
        Assert.Equal(VerificationState.Pending, resubmitted.Verification);
        Assert.Single(VerifyOrganisation.Decide(resubmitted, Staff, Now));
    }

    [Fact]
    public void Only_a_rejected_organisation_can_be_resubmitted()
    {
        Assert.Equal(409, Assert.Throws<DomainRuleViolation>(() => ResubmitOrganisation.Decide(Given<Organisation>(Registered), Staff, Now)).Status);
    }

    [Fact]
    public void Archiving_takes_an_organisation_out_of_public_sight_for_good()
    {
        var verified = Given<Organisation>(Registered, new OrganisationVerified(Id, "staff-1", Now));
        Assert.True(verified.IsPublic);

        var archived = Given<Organisation>(Registered, new OrganisationVerified(Id, "staff-1", Now),
            Assert.Single(ArchiveOrganisation.Decide(verified, Staff, Now)));

        Assert.True(archived.IsArchived);
        Assert.False(archived.IsPublic);
        Assert.Equal(409, Assert.Throws<DomainRuleViolation>(() => ArchiveOrganisation.Decide(archived, Staff, Now)).Status);
        Assert.Equal(409, Assert.Throws<DomainRuleViolation>(() => RejectOrganisation.Decide(archived, new("x"), Staff, Now)).Status);
    }

    [Theory]
    [InlineData(Visibility.Public, true)]
    [InlineData(Visibility.Members, false)]
    [InlineData(Visibility.Staff, false)]
    public void Only_a_verified_organisation_meant_to_be_public_is_public(Visibility visibility, bool isPublic)
    {
        var registered = Registered with { Details = OrganisationDetails.Empty with { Visibility = visibility } };
        Assert.Equal(isPublic, Given<Organisation>(registered, new OrganisationVerified(Id, "staff-1", Now)).IsPublic);
        Assert.False(Given<Organisation>(registered).IsPublic);
    }

    [Fact]
    public void Staff_record_an_out_of_sight_actor_as_a_shadow_that_cannot_be_verified_before_it_is_claimed()
    {
        var recorded = RecordOutOfSightOrganisation.Decide(Id,
            new RegisterOrganisationRequest("Vietnam-Verein Leipzig", OrganisationKind.MigrantOrganisation, "14713000", "Heard of"), Staff, Now);

        var shadow = Given<Organisation>(recorded);
        Assert.True(shadow.IsShadow);
        Assert.Equal(VerificationState.Pending, shadow.Verification);
        Assert.Equal(409, Assert.Throws<DomainRuleViolation>(() => VerifyOrganisation.Decide(shadow, Staff, Now)).Status);
    }

    [Fact]
    public void An_invitation_is_issued_for_a_shadow_only_and_expires_after_fourteen_days()
    {
        var invitationId = Guid.NewGuid();
        var issued = Assert.IsType<OrganisationInvitationIssued>(Assert.Single(InviteToClaim.Decide(Given<Organisation>(Recorded), invitationId, Staff, Now)));
        Assert.Equal(Now.AddDays(14), issued.ExpiresAt);

        Assert.Equal(409, Assert.Throws<DomainRuleViolation>(() => InviteToClaim.Decide(Given<Organisation>(Registered), invitationId, Staff, Now)).Status);
    }

    static OrganisationInvitation Invitation(DateTimeOffset? claimedAt = null) => new()
    {
        Id = Guid.Parse("0190a000-0000-7000-8000-00000000000a"), OrganisationId = Id, IssuedAt = Now.AddDays(-1),
        ExpiresAt = Now.AddDays(13), ClaimedAt = claimedAt,
    };

    [Fact]
    public void Claiming_with_a_valid_invitation_ends_the_shadow()
    {
        var personId = Guid.NewGuid();
        var events = ClaimOrganisation.Decide(Given<Organisation>(Recorded), Invitation(), personId, Claimant, Now);

        Assert.Equal(new OrganisationClaimed(Id, Invitation().Id, personId, "person-7", Now), Assert.Single(events));
        Assert.False(Given<Organisation>(Recorded, events[0]).IsShadow);
    }

    [Fact]
    public void A_used_invitation_an_expired_one_or_an_already_claimed_profile_is_refused()
    {
        var used = Assert.Throws<DomainRuleViolation>(() =>
            ClaimOrganisation.Decide(Given<Organisation>(Recorded), Invitation(claimedAt: Now.AddHours(-1)), Guid.NewGuid(), Claimant, Now));
        Assert.Equal(409, used.Status);

        var expired = Assert.Throws<DomainRuleViolation>(() =>
            ClaimOrganisation.Decide(Given<Organisation>(Recorded), Invitation(), Guid.NewGuid(), Claimant, Now.AddDays(13)));
        Assert.Equal(410, expired.Status);

        var claimed = Given<Organisation>(Recorded, new OrganisationClaimed(Id, Guid.NewGuid(), Guid.NewGuid(), "someone", Now));
        Assert.Equal(409, Assert.Throws<DomainRuleViolation>(() =>
            ClaimOrganisation.Decide(claimed, Invitation(), Guid.NewGuid(), Claimant, Now)).Status);
    }

    [Fact]
    public void Secret_tokens_are_random_and_only_their_hash_is_kept()
    {
        var first = SecretTokens.New();
        Assert.NotEqual(first, SecretTokens.New());
        Assert.True(first.Length >= 43);
        Assert.Equal(64, SecretTokens.Hash(first).Length);
        Assert.DoesNotContain(first, SecretTokens.Hash(first));
        Assert.Equal(SecretTokens.Hash(first), SecretTokens.Hash($" {first} "));
    }

    [Fact]
    public void History_tells_what_changed_who_and_when_without_the_changed_values()
    {
        var updated = new OrganisationProfileUpdated(Id, "Afrika Forum Bonn e.V.", "Development work", "member-1", Now.AddDays(-2),
            OrganisationDetails.Empty with { Themes = ["fair-trade"], ContactEmail = "secret@example.org" }, OrganisationKind.MigrantOrganisation);
        var verified = new OrganisationVerified(Id, "staff-1", Now.AddDays(-1));

        var history = GetOrganisationHistory.Describe([Registered, updated, verified]);

        Assert.Equal(["Registered", "ProfileUpdated", "Verified"], history.Select(h => h.Change));
        Assert.Equal([1L, 2L, 3L], history.Select(h => h.Version));
        Assert.Equal(["member-1", "member-1", "staff-1"], history.Select(h => h.By));
        Assert.Equal(["name", "themes", "contactEmail"], history[1].ChangedFields);
        Assert.Equal("Profile updated: name, themes, contactEmail.", history[1].Summary);
        Assert.DoesNotContain(history, h => h.Summary.Contains("secret@example.org"));
        Assert.Equal(Now.AddDays(-1), history[2].At);
    }

    [Fact]
    public void History_of_a_shadow_tells_it_was_recorded_invited_and_claimed()
    {
        var history = GetOrganisationHistory.Describe([
            Recorded,
            new OrganisationInvitationIssued(Id, Guid.NewGuid(), Now.AddDays(14), "staff-1", Now),
            new OrganisationClaimed(Id, Guid.NewGuid(), Guid.NewGuid(), "person-7", Now.AddDays(1)),
            Rejection with { At = Now.AddDays(2) },
        ]);

        Assert.Equal(["RecordedOutOfSight", "InvitationIssued", "Claimed", "Rejected"], history.Select(h => h.Change));
        Assert.Equal("Rejected: No link to development work found.", history[3].Summary);
    }
}
