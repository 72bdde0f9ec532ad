using Network.Directory.Coverage;
using Network.Directory.DemoData;
using Network.Directory.LocalNetworks;
using Network.Directory.LocalNetworks.Viewing;
using Network.Directory.People.Viewing;
using Network.Platform.Http;
using Network.Tests.Hosting;
using Xunit;

namespace Network.Tests.Directory;

/// <summary>What a newcomer sees after starting with the demo data: networks, people, gaps and suggestions in the pilot cities.</summary>
public class DemoDataCitiesApiTests(NetworkFixture fixture) : IClassFixture<NetworkFixture>
{
    DirectorySeed Seed => new(fixture.Network);

    [Fact]
    public async Task The_demo_cities_show_their_networks_people_and_gaps()
    {
        await using (await DemoDataApiTests.StartDirectoryWithDemoData(fixture.Network)) { }

        var kiel = await (await Seed.Anonymous.GetAsync($"{DirectorySeed.Api}/coverage/01002000")).ReadAs<MunicipalityCoverage>();
        Assert.Contains(kiel.Gaps, g => g.Code == "no-integration-department");
        var muenchen = await (await Seed.Staff.GetAsync($"{DirectorySeed.Api}/coverage/09162000")).ReadAs<MunicipalityCoverage>();
        Assert.Contains(muenchen.Gaps, g => g.Code == "migrant-organisations-unverified");
        Assert.Equal([LocalNetworkStage.SelfSustaining, LocalNetworkStage.Dormant], muenchen.LocalNetworks.Select(n => n.Stage).OrderBy(s => s));
        var dueren = await (await Seed.Anonymous.GetAsync($"{DirectorySeed.Api}/coverage/05358008")).ReadAs<MunicipalityCoverage>();
        Assert.Contains(dueren.Gaps, g => g.Code == "no-local-network");

        var bonnNetwork = await (await Seed.Anonymous.GetAsync(
            $"{DirectorySeed.Api}/local-networks/{DemoDataLoader.IdOf("local-network", "bonn")}")).ReadAs<LocalNetworkResponse>();
        Assert.Equal((LocalNetworkStage.Active, 6), (bonnNetwork.Stage, bonnNetwork.MemberCount));

        var sankofa = DemoDataLoader.OrganisationId("bonn-sankofa");
        var members = await (await Seed.Staff.GetAsync($"{DirectorySeed.Api}/organisations/{sankofa}/members")).ReadAs<List<MemberResponse>>();
        Assert.Equal(["Ama Owusu-Beispiel (fictional)", "Kofi Mensah-Muster (fictional)"], members.Select(m => m.DisplayName));

        var suggestions = await (await Seed.Staff.GetAsync($"{DirectorySeed.Api}/organisations/{sankofa}/suggestions")).ReadAs<Page<Network.Directory.Matchmaking.Suggestion>>();
        Assert.NotEmpty(suggestions.Items);
        Assert.DoesNotContain(suggestions.Items, s => s.OrganisationId == DemoDataLoader.OrganisationId("bonn-schule")); // in its network
    }
}
