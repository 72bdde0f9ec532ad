using System.Text.Json;
using Network.Directory.DemoData;
using Network.Directory.Organisations;
using Network.Tests.Hosting;
using Xunit;

namespace Network.Tests.Directory;

/// <summary>
/// Directory:LoadDemoData=true: a Directory replica started with it loads the demo data before it serves (through
/// the use cases' events, so the Forum gets it too); starting another one with it creates nothing new.
/// </summary>
public class DemoDataApiTests(NetworkFixture fixture) : IClassFixture<NetworkFixture>
{
    NetworkUnderTest Network => fixture.Network;
    DirectorySeed Seed => new(fixture.Network);

    Task<ServiceUnderTest<Network.Directory.IntegrationEvents>> StartDirectoryWithDemoData() => StartDirectoryWithDemoData(Network);

    /// <summary>Another Directory on the same database and broker, started with the demo-data option.</summary>
    internal static Task<ServiceUnderTest<Network.Directory.IntegrationEvents>> StartDirectoryWithDemoData(NetworkUnderTest network) =>
        network.StartDirectoryReplicaAsync(new Dictionary<string, string?> { [DemoDataLoader.ConfigurationKey] = "true" });

    static readonly int PublicDemoOrganisations =
        DemoDataSet.Organisations.Count(o => o.Status == DemoStatus.Verified && o.Visibility == Visibility.Public);

    [Fact]
    public async Task The_demo_data_loads_once_and_is_there_for_every_caller_and_the_forum()
    {
        var search = $"{DirectorySeed.Api}/search/organisations?q=fictional&pageSize=100";
        Assert.Equal(0, (await DirectorySeed.Names(await Seed.Staff.GetAsync(search))).Total);

        await using (await StartDirectoryWithDemoData())
        {
            Assert.Equal(DemoDataSet.Organisations.Count, (await DirectorySeed.Names(await Seed.Staff.GetAsync(search))).Total);
            Assert.Equal(PublicDemoOrganisations, (await DirectorySeed.Names(await Seed.Anonymous.GetAsync(search))).Total);
        }
        var events = await HttpAssertions.StoredEvents(Network.DirectoryDatabase);

        // Loading twice creates nothing new.
        await using (await StartDirectoryWithDemoData())
        {
            Assert.Equal(events, await HttpAssertions.StoredEvents(Network.DirectoryDatabase));
            Assert.Equal(DemoDataSet.Organisations.Count, (await DirectorySeed.Names(await Seed.Staff.GetAsync(search))).Total);
        }

        // The Forum follows the Directory's integration events: every public demo organisation arrives there.
        var forum = Network.Gateway.NewClient();
        await Eventually.Until(
            async () => JsonDocument.Parse(await forum.GetStringAsync("/api/forum/organisations?pageSize=100")).RootElement.GetProperty("totalItems").GetInt64(),
            total => total == PublicDemoOrganisations, TimeSpan.FromSeconds(60), $"the forum to list {PublicDemoOrganisations} demo organisations");
    }
}
