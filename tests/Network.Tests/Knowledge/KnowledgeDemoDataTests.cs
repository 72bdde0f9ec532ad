using Marten;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using System.Text.Json;
using Network.Directory.DemoData;
using Network.Events.DemoData;
using Network.Knowledge.DemoData;
using Network.Knowledge.Items;
using Network.Knowledge.Items.Searching;
using Network.Knowledge.Links;
using Network.Platform.DemoData;
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

    [Fact]
    public async Task The_demo_good_practices_link_the_events_demo_events_they_came_out_of_as_held_and_documented()
    {
        var network = fixture.Network;
        var events = new EventsDemoData(TimeProvider.System, NullLogger<EventsDemoData>.Instance);
        var eventsStore = network.Events.Services.GetRequiredService<IDocumentStore>();
        await events.Populate(eventsStore, CancellationToken.None);
        var stored = await HttpAssertions.StoredEvents(network.EventsDatabase);
        await events.Populate(eventsStore, CancellationToken.None); // loaded once
        Assert.Equal(stored, await HttpAssertions.StoredEvents(network.EventsDatabase));
        await new KnowledgeDemoData(TimeProvider.System, NullLogger<KnowledgeDemoData>.Instance)
            .Populate(network.Knowledge.Services.GetRequiredService<IDocumentStore>(), CancellationToken.None);

        // Two documented in the past, two ahead and open for registration: the public calendar shows what a newcomer expects.
        var anonymous = network.Gateway.NewClient();
        var kiel = await (await anonymous.GetAsync($"/api/events/events/{DemoIds.Event("kiel-kochabend-klima")}")).ReadAs<JsonElement>();
        Assert.Equal("Documented", kiel.GetProperty("status").GetString());
        Assert.True(kiel.GetProperty("end").GetDateTimeOffset() < DateTimeOffset.UtcNow);
        var ahead = await (await anonymous.GetAsync($"/api/events/events/{DemoIds.Event("leipzig-sprechstunde")}")).ReadAs<JsonElement>();
        Assert.Equal("Published", ahead.GetProperty("status").GetString());
        Assert.InRange(ahead.GetProperty("start").GetDateTimeOffset(), DateTimeOffset.UtcNow.AddDays(19), DateTimeOffset.UtcNow.AddDays(23));

        // The Knowledge service heard of them from the Events service's outbox: the Kiel practice names its cooking evening as documented.
        var item = DemoIds.Of("knowledge-item", "kiel-hafenkueche");
        var links = await Eventually.Until(async () => await (await anonymous.GetAsync($"{Api}/items/{item}/links")).ReadAs<ItemLinksResponse>(),
            l => l.Events is [{ Known: true, Status: LinkedEventStatus.Documented }], TimeSpan.FromSeconds(30), "the demo event to be known as documented");
        Assert.Equal("Kochabend Klimagerechtigkeit (fictional)", links.Events[0].TitleDe);
        await (await anonymous.GetAsync(links.Events[0].Path)).AssertSuccess();
    }
}
