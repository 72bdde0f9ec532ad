using Marten;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Network.Directory.DemoData;
using Network.Knowledge.DemoData;
using Network.Knowledge.Items;
using Network.Knowledge.Items.Searching;
using Network.Tests.Hosting;
using Xunit;
using static Network.Tests.Knowledge.KnowledgeWorkflowTests;

namespace Network.Tests.Knowledge;

/// <summary>The Knowledge service's demo data: published, found by the public, linked to the Directory's demo organisations, loaded once.</summary>
public class KnowledgeDemoDataTests(NetworkFixture fixture) : IClassFixture<NetworkFixture>
{
    [Fact]
    public async Task The_demo_items_are_published_fictional_linked_to_the_directorys_demo_organisations_and_loaded_once()
    {
        var network = fixture.Network;
        var store = network.Knowledge.Services.GetRequiredService<IDocumentStore>();
        var loader = new KnowledgeDemoData(TimeProvider.System, NullLogger<KnowledgeDemoData>.Instance);
        await loader.Populate(store, CancellationToken.None);
        await loader.Populate(store, CancellationToken.None); // a second start, or a second replica

        var found = await (await network.Gateway.NewClient().GetAsync($"{Api}/search/items?q=fictional&pageSize=50")).ReadAs<SearchResult>();
        Assert.Equal(4, found.Hits.TotalItems);
        Assert.All(found.Hits.Items, h => Assert.Contains("(fictional)", h.Item.Content.Title.De));
        Assert.Equal(3, found.Facets["type"].Single(f => f.Value == nameof(ItemType.GoodPractice)).Count);
        var bonn = found.Hits.Items.Single(h => h.Item.Content.MunicipalityAgs == "05314000").Item;
        Assert.Equal(DemoDataLoader.OrganisationId("bonn-sankofa"), bonn.OrganisationId);
        Assert.Contains(DemoDataLoader.OrganisationId("bonn-integration"), bonn.Content.Organisations);
        Assert.Equal(4, await HttpAssertions.CountRows(network.KnowledgeDatabase, "mt_streams"));
    }
}
