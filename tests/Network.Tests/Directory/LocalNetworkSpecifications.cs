using Network.Directory.LocalNetworks;
using Network.Directory.LocalNetworks.ChangingStage;
using Network.Directory.LocalNetworks.Creating;
using Network.Directory.LocalNetworks.Joining;
using Network.Directory.LocalNetworks.Leaving;
using Network.Directory.LocalNetworks.RecordingMilestones;
using Network.Directory.Municipalities;
using Network.Directory.Organisations;
using Network.Platform.Auth;
using Network.Platform.Http;
using Xunit;
using static Network.Directory.LocalNetworks.LocalNetworkStage;

namespace Network.Tests.Directory;

/// <summary>Local networks: given these events, when this command, then these events (or this error).</summary>
public class LocalNetworkSpecifications
{
    static readonly Guid NetworkId = Guid.Parse("0190a000-0000-7000-8000-0000000000b1");
    static readonly Actor Coordinator = new("member-1", "Mia Member");
    static readonly DateTimeOffset Now = new(2026, 11, 26, 10, 0, 0, TimeSpan.FromHours(1));
    static readonly DateOnly Today = new(2026, 11, 26);
    static readonly Municipality Leipzig = new("14713000", "Leipzig", "Sachsen", true);
    static readonly Organisation IntegrationOffice = Organisation("Referat für Migration und Integration", OrganisationKind.MunicipalIntegrationDepartment);
    static readonly Organisation MigrantAssociation = Organisation("Afrikanischer Verein Leipzig", OrganisationKind.MigrantOrganisation);

    static Organisation Organisation(string name, OrganisationKind kind) => Specification.Given<Organisation>(
        new OrganisationRegistered(Guid.NewGuid(), name, kind, "14713000", "Leipzig", "staff-1", Now));

    static CreateLocalNetworkRequest Create(string name = "Netzwerk Migration und Entwicklung Leipzig") =>
        new(name, "14713000", IntegrationOffice.Id, new DateOnly(2026, 1, 15));

    /// <summary>A network built from its creation and then these events, as Marten builds the snapshot.</summary>
    static LocalNetwork Given(params object[] later) => Specification.Given<LocalNetwork>(
        [.. CreateLocalNetwork.Decide(NetworkId, Create(), Leipzig, IntegrationOffice, [], Coordinator, Now), .. later]);

    static LocalNetworkStageChanged Moved(LocalNetworkStage from, LocalNetworkStage to, DateOnly on) =>
        new(NetworkId, from, to, on, "note", "member-1", Now);

    static IReadOnlyList<object> Change(LocalNetwork network, LocalNetworkStage to, DateOnly? on = null, string note = "What happened") =>
        ChangeLocalNetworkStage.Decide(network, new(to, on ?? Today, note), Coordinator, Now);

    [Fact]
    public void A_new_network_starts_initiated_with_its_coordinator_as_first_member()
    {
        var events = CreateLocalNetwork.Decide(NetworkId, Create("  Netzwerk Leipzig "), Leipzig, IntegrationOffice, [], Coordinator, Now);

        Assert.Equal(
            [
                new LocalNetworkCreated(NetworkId, "Netzwerk Leipzig", "14713000", IntegrationOffice.Id, IntegrationOffice.Name,
                    new DateOnly(2026, 1, 15), "member-1", Now),
                new LocalNetworkMemberJoined(NetworkId, IntegrationOffice.Id, "member-1", Now),
            ],
            events);
        var network = Given();
        Assert.Equal(Initiated, network.Stage);
        Assert.Equal([IntegrationOffice.Id], network.MemberOrganisationIds);
        Assert.Equal(new DateOnly(2026, 1, 15), network.StageSince);
    }

    [Fact]
    public void A_network_needs_a_known_municipality_and_a_known_coordinator()
    {
        Assert.Equal(404, Assert.Throws<ResourceNotFound>(() =>
            CreateLocalNetwork.Decide(NetworkId, Create(), null, IntegrationOffice, [], Coordinator, Now)).Status);
        Assert.Equal(404, Assert.Throws<ResourceNotFound>(() =>
            CreateLocalNetwork.Decide(NetworkId, Create(), Leipzig, null, [], Coordinator, Now)).Status);
        var archived = Network.Directory.Organisations.Organisation.When(IntegrationOffice, new OrganisationArchived(IntegrationOffice.Id, "staff-1", Now))!;
        Assert.Equal(409, Assert.Throws<DomainRuleViolation>(() =>
            CreateLocalNetwork.Decide(NetworkId, Create(), Leipzig, archived, [], Coordinator, Now)).Status);
    }

    [Theory]
    [InlineData("", "14713000", "name")]
    [InlineData("Netzwerk", "1471300", "municipalityAgs")]
    [InlineData("Netzwerk", "99713000", "municipalityAgs")]
    public void Creating_with_a_bad_field_names_that_field(string name, string ags, string field)
    {
        var error = Assert.Throws<RequestValidationException>(() =>
            CreateLocalNetwork.Decide(NetworkId, new(name, ags, IntegrationOffice.Id, null), Leipzig, IntegrationOffice, [], Coordinator, Now));
        Assert.Contains(field, error.Errors.Keys);
    }

    [Fact]
    public void A_network_initiated_before_the_platforms_calendar_begins_is_refused()
    {
        var error = Assert.Throws<RequestValidationException>(() => CreateLocalNetwork.Decide(NetworkId,
            Create() with { InitiatedOn = new DateOnly(1999, 12, 31) }, Leipzig, IntegrationOffice, [], Coordinator, Now));
        Assert.Contains("2000-01-01", Assert.Single(error.Errors["initiatedOn"]));
        Assert.NotEmpty(CreateLocalNetwork.Decide(NetworkId, Create() with { InitiatedOn = new DateOnly(2000, 1, 1) },
            Leipzig, IntegrationOffice, [], Coordinator, Now));
    }

    [Fact]
    public void Creating_without_a_coordinator_with_an_over_long_name_or_a_future_date_names_each_field()
    {
        var error = Assert.Throws<RequestValidationException>(() => CreateLocalNetwork.Decide(NetworkId,
            new(new string('n', LocalNetworkTexts.MaxNameLength + 1), "14713000", null, Today.AddDays(1)), Leipzig, IntegrationOffice, [], Coordinator, Now));
        Assert.Equal(["coordinatorOrganisationId", "initiatedOn", "name"], error.Errors.Keys.Order());
    }

    [Fact]
    public void A_second_network_of_the_same_name_in_a_municipality_is_a_conflict()
    {
        var existing = Given();
        var violation = Assert.Throws<DomainRuleViolation>(() => CreateLocalNetwork.Decide(
            Guid.NewGuid(), Create(existing.Name.ToUpperInvariant()), Leipzig, IntegrationOffice, [existing], Coordinator, Now));
        Assert.Equal(409, violation.Status);
        Assert.Contains(existing.Id.ToString(), violation.Message);
    }

    [Fact]
    public void An_organisation_joins_once_and_a_second_join_is_a_conflict()
    {
        var joined = Assert.IsType<LocalNetworkMemberJoined>(Assert.Single(
            AddLocalNetworkMember.Decide(Given(), new(MigrantAssociation.Id), MigrantAssociation, Coordinator, Now)));
        var network = Given(joined);
        Assert.Equal([IntegrationOffice.Id, MigrantAssociation.Id], network.MemberOrganisationIds);

        Assert.Equal(409, Assert.Throws<DomainRuleViolation>(() =>
            AddLocalNetworkMember.Decide(network, new(MigrantAssociation.Id), MigrantAssociation, Coordinator, Now)).Status);
    }

    [Fact]
    public void An_unknown_or_archived_organisation_cannot_join()
    {
        Assert.Equal(404, Assert.Throws<ResourceNotFound>(() =>
            AddLocalNetworkMember.Decide(Given(), new(Guid.NewGuid()), null, Coordinator, Now)).Status);
        var archived = Network.Directory.Organisations.Organisation.When(MigrantAssociation, new OrganisationArchived(MigrantAssociation.Id, "staff-1", Now))!;
        Assert.Equal(409, Assert.Throws<DomainRuleViolation>(() =>
            AddLocalNetworkMember.Decide(Given(), new(archived.Id), archived, Coordinator, Now)).Status);
        Assert.Contains("organisationId", Assert.Throws<RequestValidationException>(() =>
            AddLocalNetworkMember.Decide(Given(), new(null), null, Coordinator, Now)).Errors.Keys);
    }

    [Fact]
    public void A_member_leaves_but_the_coordinator_cannot_and_a_non_member_is_not_found()
    {
        var network = Given(new LocalNetworkMemberJoined(NetworkId, MigrantAssociation.Id, "staff-1", Now));

        var left = Assert.IsType<LocalNetworkMemberLeft>(Assert.Single(RemoveLocalNetworkMember.Decide(network, MigrantAssociation.Id, Coordinator, Now)));
        Assert.Equal([IntegrationOffice.Id], LocalNetwork.When(network, left)!.MemberOrganisationIds);

        Assert.Equal(409, Assert.Throws<DomainRuleViolation>(() => RemoveLocalNetworkMember.Decide(network, IntegrationOffice.Id, Coordinator, Now)).Status);
        Assert.Equal(404, Assert.Throws<ResourceNotFound>(() => RemoveLocalNetworkMember.Decide(network, Guid.NewGuid(), Coordinator, Now)).Status);
    }

    [Fact]
    public void The_stages_follow_the_path_with_a_date_and_a_note_each()
    {
        var network = Given();
        foreach (var (to, day) in new[] { (ActorInventory, 1), (NetworkingWorkshopHeld, 2), (Active, 3), (SelfSustaining, 4) })
        {
            var changed = Assert.IsType<LocalNetworkStageChanged>(Assert.Single(Change(network, to, new DateOnly(2026, 2, day), $"Reached {to}")));
            Assert.Equal((network.Stage, to, $"Reached {to}"), (changed.From, changed.To, changed.Note));
            network = LocalNetwork.When(network, changed)!;
        }
        Assert.Equal(SelfSustaining, network.Stage);
        Assert.Equal(4, network.StageHistory.Count);
        Assert.Equal(new DateOnly(2026, 2, 4), network.StageSince);
    }

    [Fact]
    public void A_stage_may_be_skipped_forwards()
    {
        var changed = Assert.IsType<LocalNetworkStageChanged>(Assert.Single(Change(Given(), Active)));
        Assert.Equal((Initiated, Active), (changed.From, changed.To));
    }

    [Theory]
    [InlineData(ActorInventory, Initiated)]
    [InlineData(Active, NetworkingWorkshopHeld)]
    [InlineData(SelfSustaining, Active)]
    [InlineData(Active, Active)]
    public void Moving_backwards_or_to_the_same_stage_is_a_conflict(LocalNetworkStage at, LocalNetworkStage to)
    {
        var network = Given(Moved(Initiated, at, new DateOnly(2026, 2, 1)));
        var violation = Assert.Throws<DomainRuleViolation>(() => Change(network, to));
        Assert.Equal(409, violation.Status);
    }

    [Theory]
    [InlineData(Initiated)]
    [InlineData(NetworkingWorkshopHeld)]
    [InlineData(SelfSustaining)]
    public void Any_stage_can_fall_dormant(LocalNetworkStage at)
    {
        var network = at == Initiated ? Given() : Given(Moved(Initiated, at, new DateOnly(2026, 2, 1)));
        var dormant = LocalNetwork.When(network, Assert.IsType<LocalNetworkStageChanged>(Assert.Single(Change(network, Dormant))))!;
        Assert.Equal(Dormant, dormant.Stage);
        Assert.Equal(at, dormant.StageBeforeDormant);
    }

    [Theory]
    [InlineData(NetworkingWorkshopHeld, NetworkingWorkshopHeld, true)]  // back to the stage it left
    [InlineData(NetworkingWorkshopHeld, Active, true)]                  // revived as active
    [InlineData(SelfSustaining, Active, true)]                          // revived with support
    [InlineData(NetworkingWorkshopHeld, SelfSustaining, false)]
    [InlineData(NetworkingWorkshopHeld, Initiated, false)]
    [InlineData(Active, ActorInventory, false)]
    [InlineData(Active, Dormant, false)]                                 // already dormant
    public void A_dormant_network_is_reactivated_to_the_stage_it_left_or_to_active(LocalNetworkStage left, LocalNetworkStage to, bool allowed)
    {
        var network = Given(Moved(Initiated, left, new DateOnly(2026, 2, 1)), Moved(left, Dormant, new DateOnly(2026, 6, 1)));

        if (allowed)
            Assert.Equal(to, LocalNetwork.When(network, Assert.IsType<LocalNetworkStageChanged>(Assert.Single(Change(network, to))))!.Stage);
        else
            Assert.Equal(409, Assert.Throws<DomainRuleViolation>(() => Change(network, to)).Status);
    }

    [Fact]
    public void A_stage_change_cannot_be_dated_before_the_current_stage_was_reached()
    {
        var network = Given(Moved(Initiated, ActorInventory, new DateOnly(2026, 3, 1)));
        Assert.Equal(409, Assert.Throws<DomainRuleViolation>(() => Change(network, Active, new DateOnly(2026, 2, 28))).Status);
        Assert.Single(Change(network, Active, new DateOnly(2026, 3, 1)));
    }

    [Fact]
    public void A_stage_change_needs_a_stage_a_past_date_and_a_note_of_bounded_length()
    {
        var network = Given();
        var missing = Assert.Throws<RequestValidationException>(() => ChangeLocalNetworkStage.Decide(network, new(null, null, null), Coordinator, Now));
        Assert.Equal(["note", "on", "stage"], missing.Errors.Keys.Order());

        var bad = Assert.Throws<RequestValidationException>(() => ChangeLocalNetworkStage.Decide(network,
            new((LocalNetworkStage)42, Today.AddDays(1), new string('x', LocalNetworkTexts.MaxNoteLength + 1)), Coordinator, Now));
        Assert.Equal(["note", "on", "stage"], bad.Errors.Keys.Order());
    }

    [Fact]
    public void Milestones_are_recorded_with_date_title_and_note_and_listed()
    {
        var milestoneId = Guid.NewGuid();
        var recorded = Assert.IsType<LocalNetworkMilestoneRecorded>(Assert.Single(RecordLocalNetworkMilestone.Decide(
            Given(), milestoneId, new(new DateOnly(2026, 4, 20), " First networking workshop ", " 40 people came "), Coordinator, Now)));

        var milestone = Assert.Single(Given(recorded).Milestones);
        Assert.Equal((milestoneId, new DateOnly(2026, 4, 20), "First networking workshop", "40 people came"),
            (milestone.Id, milestone.On, milestone.Title, milestone.Note));
    }

    [Fact]
    public void A_milestone_cannot_be_dated_before_the_network_was_initiated()
    {
        var network = Given(Moved(Initiated, ActorInventory, new DateOnly(2026, 3, 1)));

        var violation = Assert.Throws<DomainRuleViolation>(() => RecordLocalNetworkMilestone.Decide(
            network, Guid.NewGuid(), new(new DateOnly(2020, 1, 1), "Founding meeting", null), Coordinator, Now));
        Assert.Equal(409, violation.Status);
        Assert.Equal("The milestone is dated 2020-01-01, before the network was initiated (2026-01-15).", violation.Message);

        // The day it was initiated is its first day; a milestone before the current stage was reached is history, not disorder.
        Assert.Single(RecordLocalNetworkMilestone.Decide(network, Guid.NewGuid(), new(new DateOnly(2026, 1, 15), "Founding meeting", null), Coordinator, Now));
        Assert.Single(RecordLocalNetworkMilestone.Decide(network, Guid.NewGuid(), new(new DateOnly(2026, 2, 10), "First meeting", null), Coordinator, Now));
    }

    [Fact]
    public void A_milestone_needs_a_past_date_and_a_title_and_bounded_texts()
    {
        var error = Assert.Throws<RequestValidationException>(() => RecordLocalNetworkMilestone.Decide(Given(), Guid.NewGuid(),
            new(Today.AddDays(2), new string('t', LocalNetworkTexts.MaxTitleLength + 1), new string('n', LocalNetworkTexts.MaxNoteLength + 1)), Coordinator, Now));
        Assert.Equal(["note", "on", "title"], error.Errors.Keys.Order());
        Assert.Contains("title", Assert.Throws<RequestValidationException>(() =>
            RecordLocalNetworkMilestone.Decide(Given(), Guid.NewGuid(), new(Today, "  ", null), Coordinator, Now)).Errors.Keys);
    }
}
