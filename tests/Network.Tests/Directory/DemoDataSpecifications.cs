using Network.Directory.Coverage;
using Network.Directory.DemoData;
using Network.Directory.LocalNetworks;
using Network.Directory.Organisations;
using Xunit;
using static Network.Tests.Specification;

namespace Network.Tests.Directory;

/// <summary>The demo data set is fictional, complete and shows each pilot city's gaps (no database needed).</summary>
public class DemoDataSpecifications
{
    static readonly string[] PilotCities = ["05314000", "01002000", "14713000", "09162000", "05358008"];

    [Fact]
    public void Every_organisation_network_and_person_is_recognisably_fictional()
    {
        Assert.All(DemoDataSet.Organisations, o => Assert.EndsWith("(fictional)", o.Name));
        Assert.All(DemoDataSet.Networks, n => Assert.EndsWith("(fictional)", n.Name));
        Assert.All(DemoDataSet.People, p => Assert.EndsWith("(fictional)", p.DisplayName));
    }

    [Fact]
    public void Each_pilot_city_has_8_to_12_organisations_of_several_kinds_and_states()
    {
        foreach (var city in PilotCities)
        {
            var here = DemoDataSet.Organisations.Where(o => o.Ags == city).ToList();
            Assert.InRange(here.Count, 8, 12);
            Assert.True(here.Select(o => o.Kind).Distinct().Count() >= 5, city);
            Assert.Contains(here, o => o.Status == DemoStatus.Verified);
            Assert.Contains(here, o => o.Status != DemoStatus.Verified);
        }
        Assert.Contains(DemoDataSet.Organisations, o => o.Status == DemoStatus.Shadow);
        Assert.Contains(DemoDataSet.Organisations, o => o.Status == DemoStatus.Rejected);
        Assert.Contains(DemoDataSet.Organisations, o => o.Visibility == Visibility.Members);
    }

    [Fact]
    public void Keys_are_unique_and_every_reference_names_a_demo_organisation()
    {
        var keys = DemoDataSet.Organisations.Select(o => o.Key).ToHashSet();
        Assert.Equal(DemoDataSet.Organisations.Count, keys.Count);
        Assert.All(DemoDataSet.People.SelectMany(p => p.Memberships), m => Assert.Contains(m.Organisation, keys));
        Assert.All(DemoDataSet.Networks, n => Assert.Contains(n.Coordinator, keys));
        Assert.All(DemoDataSet.Networks.SelectMany(n => n.Members), m => Assert.Contains(m, keys));
        var ids = DemoDataSet.Organisations.Select(o => DemoDataLoader.OrganisationId(o.Key)).ToHashSet();
        Assert.Equal(keys.Count, ids.Count);
        Assert.Equal(DemoDataLoader.OrganisationId("bonn-sankofa"), DemoDataLoader.OrganisationId("bonn-sankofa"));
    }

    [Fact]
    public void The_networks_show_different_stages()
    {
        var stages = DemoDataSet.Networks.Select(n => n.Stages.Length == 0 ? LocalNetworkStage.Initiated : n.Stages[^1].Stage).ToHashSet();
        Assert.Superset(new HashSet<LocalNetworkStage>
        {
            LocalNetworkStage.Initiated, LocalNetworkStage.ActorInventory, LocalNetworkStage.NetworkingWorkshopHeld,
            LocalNetworkStage.Active, LocalNetworkStage.SelfSustaining, LocalNetworkStage.Dormant,
        }, stages);
    }

    [Theory]
    [InlineData("05314000", CoverageReport.All, new string[0])]
    [InlineData("01002000", CoverageReport.All, new[] { "no-integration-department" })]
    [InlineData("14713000", CoverageReport.All, new[] { "no-international-affairs-department" })]
    [InlineData("09162000", CoverageReport.All, new[] { "migrant-organisations-unverified" })]
    [InlineData("09162000", CoverageReport.Public, new[] { "migrant-organisations-out-of-sight" })]
    [InlineData("05358008", CoverageReport.All, new[] { "no-international-affairs-department", "migrant-organisations-out-of-sight", "no-local-network" })]
    public void Coverage_of_the_demo_data_finds_each_citys_gaps(string ags, string counted, string[] gaps)
    {
        var actors = DemoDataSet.Organisations
            .Where(o => counted == CoverageReport.All || (o.Status == DemoStatus.Verified && o.Visibility == Visibility.Public))
            .Select(o => new CoveredActor(o.Ags, o.Kind, o.Status switch
            {
                DemoStatus.Verified => VerificationState.Verified,
                DemoStatus.Rejected => VerificationState.Rejected,
                _ => VerificationState.Pending,
            }, o.Status == DemoStatus.Shadow));
        var networks = DemoDataSet.Networks.Select(n => Given<LocalNetwork>(new LocalNetworkCreated(
            Guid.NewGuid(), n.Name, n.Ags, Guid.NewGuid(), "x", n.InitiatedOn, "demo", DateTimeOffset.UtcNow)));

        var coverage = CoverageReport.For(ags, null, actors, networks, counted);

        Assert.Equal(gaps, coverage.Gaps.Select(g => g.Code));
    }
}
