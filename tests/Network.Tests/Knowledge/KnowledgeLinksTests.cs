using System.Net;
using Marten;
using Microsoft.Extensions.DependencyInjection;
using Network.Knowledge.Items.Viewing;
using Network.Knowledge.Links;
using Network.Tests.Hosting;
using Xunit;
using static Network.Tests.Events.NetworkEventTestSupport;

namespace Network.Tests.Knowledge;

/// <summary>
/// Provenance both ways for events and organisations: a good practice names the held or documented events it came out of and
/// the organisations involved; its links show them as they stand now (renamed, rescheduled, archived), and search and the
/// analysis count the organisations' kinds.
/// </summary>
public class KnowledgeLinksTests(NetworkFixture fixture) : IClassFixture<NetworkFixture>
{
    NetworkUnderTest Network => fixture.Network;
    HttpClient Staff => Network.Gateway.NewClient(Network.StaffToken);
    const string KnowledgeApi = KnowledgeWorkflowTests.Api, EventsApi = Events.NetworkEventTestSupport.Api;

    static object Linked(string title, Guid[] organisations, Guid[] events) => new
    {
        title = new { de = title }, summary = new { de = "Aus einer Konferenz entstanden." },
        sections = new { activities = new { de = "Werkstätten mit der Stadt." } },
        municipalityAgs = "05314000", organisations, themes = new[] { "education" }, sdgs = new[] { 4 }, countries = Array.Empty<string>(), events,
    };

    async Task<HttpResponseMessage> DraftAsync(object content) =>
        await Staff.PostJson($"{KnowledgeApi}/items", new { type = "GoodPractice", content });

    [Fact]
    public async Task A_good_practice_links_its_organisations_and_documented_event_and_shows_them_as_they_change()
    {
        var organisation = await KnownOrganiser(Network); // a OneWorldGroup, registered in the Directory
        var now = DateTimeOffset.UtcNow;
        var @event = await CreatePublished(Staff, EventBody(organisation, start: now.AddMinutes(-30).ToOffset(Berlin), end: now.AddHours(5),
            opens: now.AddHours(-2), closes: now.AddMinutes(-31)));
        var title = $"Werkstätten nach der Konferenz {Guid.NewGuid():N}"[..40];

        // Only held or documented events, and organisations the Directory registered.
        var notHeld = await Eventually.Until(() => DraftAsync(Linked(title, [organisation], [@event.Id])),
            r => r.StatusCode == HttpStatusCode.BadRequest && !r.Content.ReadAsStringAsync().Result.Contains("organisations"), TimeSpan.FromSeconds(30),
            "the Knowledge service to know the organisation");
        Assert.Contains("\"events\"", await notHeld.Content.ReadAsStringAsync());
        var unknown = await (await DraftAsync(Linked(title, [Guid.NewGuid()], []))).AssertProblem(HttpStatusCode.BadRequest);
        Assert.True(unknown.GetProperty("errors").TryGetProperty("organisations", out _));

        // The event is rescheduled while it runs, then held and documented.
        var current = await Staff.GetAsync($"{EventsApi}/events/{@event.Id}");
        var newEnd = now.AddHours(6);
        await (await Staff.SendAsync(Request(HttpMethod.Put, $"{EventsApi}/events/{@event.Id}/schedule",
            new { start = @event.Start, end = newEnd }, ifMatch: current.Headers.ETag!.Tag))).AssertSuccess();
        await (await Staff.PostAsync($"{EventsApi}/events/{@event.Id}/held", null)).AssertSuccess();
        await (await Staff.PutAsync($"{EventsApi}/events/{@event.Id}/documentation",
            Json(new { summary = "Drei neue Partnerschaften.", links = Array.Empty<string>() }))).AssertSuccess();

        var drafted = await Eventually.Until(() => DraftAsync(Linked(title, [organisation], [@event.Id])),
            r => r.StatusCode == HttpStatusCode.Created, TimeSpan.FromSeconds(30), "the Knowledge service to know the event as documented");
        var item = await drafted.ReadAs<ItemResponse>(HttpStatusCode.Created);
        Assert.Equal([@event.Id], item.Content.Events);

        // The draft was accepted once the event was known as held; its documentation may arrive a moment later.
        var links = await Eventually.Until(async () => await (await Staff.GetAsync($"{KnowledgeApi}/items/{item.Id}/links")).ReadAs<ItemLinksResponse>(),
            l => l.Events is [{ Status: LinkedEventStatus.Documented }], TimeSpan.FromSeconds(30), "the event to be known as documented");
        var linkedEvent = Assert.Single(links.Events);
        Assert.Equal((true, LinkedEventStatus.Documented, "Bundeskonferenz Kommunale Entwicklungspolitik"), (linkedEvent.Known, linkedEvent.Status, linkedEvent.TitleDe));
        Assert.Equal(newEnd.ToUnixTimeMilliseconds(), linkedEvent.End!.Value.ToUnixTimeMilliseconds()); // the rescheduled end
        var linkedOrganisation = Assert.Single(links.Organisations);
        Assert.Equal((true, "OneWorldGroup", false), (linkedOrganisation.Known, linkedOrganisation.Kind, linkedOrganisation.Archived));
        await (await Staff.GetAsync(linkedOrganisation.Path)).AssertSuccess(); // both links resolve through the gateway
        await (await Staff.GetAsync(linkedEvent.Path)).AssertSuccess();

        // Renamed, then archived in the Directory: the link follows.
        await (await Staff.PutAsync($"/api/directory/organisations/{organisation}/profile",
            Json(new { name = $"Umbenannt {Guid.NewGuid():N}"[..20], shortDescription = "Neuer Name." }))).AssertSuccess();
        await (await Staff.PostAsync($"/api/directory/organisations/{organisation}/archive", null)).AssertSuccess();
        var followed = await Eventually.Until(async () => await (await Staff.GetAsync($"{KnowledgeApi}/items/{item.Id}/links")).ReadAs<ItemLinksResponse>(),
            l => l.Organisations[0] is { Archived: true } o && o.Name!.StartsWith("Umbenannt"), TimeSpan.FromSeconds(30), "the rename and the archive");
        Assert.Equal(linkedEvent, followed.Events[0]);

        await (await Network.Gateway.NewClient().GetAsync($"{KnowledgeApi}/items/{item.Id}/links")).AssertProblem(HttpStatusCode.NotFound); // a draft's links are not public

        // Published, the organisation's kind is an actor kind in search and in the analysis.
        await (await Staff.PostAsync($"{KnowledgeApi}/items/{item.Id}/submission", null)).AssertSuccess();
        await (await Staff.PostAsync($"{KnowledgeApi}/items/{item.Id}/review", null)).AssertSuccess();
        await (await Staff.PostJson($"{KnowledgeApi}/items/{item.Id}/publication", new { revision = 1 })).AssertSuccess();
        var anonymous = Network.Gateway.NewClient();
        var found = await (await anonymous.GetAsync($"{KnowledgeApi}/search/items?actorKind=OneWorldGroup&pageSize=100")).ReadAs<Network.Knowledge.Items.Searching.SearchResult>();
        Assert.Contains(found.Hits.Items, h => h.Item.Id == item.Id);
        Assert.Contains(found.Facets["actorKind"], f => f.Value == "OneWorldGroup" && f.Count == found.Hits.TotalItems);
        var none = await (await anonymous.GetAsync($"{KnowledgeApi}/search/items?actorKind=MigrantOrganisation&pageSize=100")).ReadAs<Network.Knowledge.Items.Searching.SearchResult>();
        Assert.DoesNotContain(none.Hits.Items, h => h.Item.Id == item.Id);
        var byKind = await (await anonymous.GetAsync($"{KnowledgeApi}/analysis/published?by=actorKind")).ReadAs<Network.Knowledge.Analysis.PublishedCountsResponse>();
        Assert.Equal(found.Hits.TotalItems, Assert.Single(byKind.Groups, g => g.Key == "OneWorldGroup").Total);
        await (await anonymous.GetAsync($"{KnowledgeApi}/items/{item.Id}/links")).AssertSuccess();
    
    }

    [Fact]
    public async Task Search_follows_an_organisations_new_kind_and_forgets_an_archived_item()
    {
        // The Knowledge service's copy of a Directory organisation, written as its consumer writes it.
        var store = Network.Knowledge.Services.GetRequiredService<IDocumentStore>();
        var organisation = new LinkedOrganisation { Id = Guid.NewGuid(), Registered = true, Name = "Verein Brücke", Kind = "MigrantOrganisation", ProfileVersion = 1 };
        await using (var session = store.LightweightSession()) { session.Store(organisation); await session.SaveChangesAsync(); }
        var title = $"Brückenbau {Guid.NewGuid():N}"[..30];
        var item = await (await DraftAsync(Linked(title, [organisation.Id], []))).ReadAs<ItemResponse>(HttpStatusCode.Created);
        await (await Staff.PostAsync($"{KnowledgeApi}/items/{item.Id}/submission", null)).AssertSuccess();
        await (await Staff.PostAsync($"{KnowledgeApi}/items/{item.Id}/review", null)).AssertSuccess();
        await (await Staff.PostJson($"{KnowledgeApi}/items/{item.Id}/publication", new { revision = 1 })).AssertSuccess();

        var anonymous = Network.Gateway.NewClient();
        async Task<List<Guid>> Found(string query) =>
            [.. (await (await anonymous.GetAsync($"{KnowledgeApi}/search/items?{query}&pageSize=100")).ReadAs<Network.Knowledge.Items.Searching.SearchResult>())
                .Hits.Items.Select(h => h.Item.Id)];
        async Task<long> Counted(string kind) =>
            (await (await anonymous.GetAsync($"{KnowledgeApi}/analysis/published?by=actorKind")).ReadAs<Network.Knowledge.Analysis.PublishedCountsResponse>())
            .Groups.SingleOrDefault(g => g.Key == kind)?.Total ?? 0;
        Assert.Contains(item.Id, await Found("actorKind=MigrantOrganisation"));
        var municipalities = await Counted("Municipality");

        // The Directory says the organisation is a municipal department now: search and the analysis count the new kind at once.
        await using (var session = store.LightweightSession())
        {
            var copy = (await session.LoadAsync<LinkedOrganisation>(organisation.Id))!;
            copy.Kind = "Municipality";
            copy.ProfileVersion = 2;
            session.Store(copy);
            await session.SaveChangesAsync();
        }
        Assert.Contains(item.Id, await Found("actorKind=Municipality"));
        Assert.DoesNotContain(item.Id, await Found("actorKind=MigrantOrganisation"));
        Assert.Equal(municipalities + 1, await Counted("Municipality"));

        // Archived: no longer found, by its words or its kind, and no longer counted.
        Assert.Contains(item.Id, await Found($"q={Uri.EscapeDataString(title)}"));
        await (await Staff.PostJson($"{KnowledgeApi}/items/{item.Id}/archival", new { reason = "Ersetzt." })).AssertSuccess();
        Assert.DoesNotContain(item.Id, await Found($"q={Uri.EscapeDataString(title)}"));
        Assert.DoesNotContain(item.Id, await Found("actorKind=Municipality"));
        Assert.Equal(municipalities, await Counted("Municipality"));
    }

    [Fact]
    public async Task Unknown_links_in_a_revision_are_a_400_only_for_who_may_revise_the_item()
    {
        var drafted = await (await DraftAsync(Linked($"Entwurf {Guid.NewGuid():N}"[..20], [], []))).ReadAs<ItemResponse>(HttpStatusCode.Created);
        var stranger = await Network.MemberAsync(); // a member of no organisation of the item: a draft is hidden from them
        var revision = Linked("Überarbeitet", [Guid.NewGuid()], [Guid.NewGuid()]);
        await (await stranger.PutAsync($"{KnowledgeApi}/items/{drafted.Id}/content", Json(revision))).AssertProblem(HttpStatusCode.NotFound);
        var refused = await (await Staff.PutAsync($"{KnowledgeApi}/items/{drafted.Id}/content", Json(revision))).AssertProblem(HttpStatusCode.BadRequest);
        Assert.True(refused.GetProperty("errors").TryGetProperty("organisations", out _));
        Assert.True(refused.GetProperty("errors").TryGetProperty("events", out _));
        var unchanged = await (await Staff.GetAsync($"{KnowledgeApi}/items/{drafted.Id}")).ReadAs<ItemResponse>();
        Assert.Equal(drafted.Revision, unchanged.Revision);
    }

    [Fact]
    public async Task The_analysis_names_themes_with_good_practice_but_no_events_and_the_reverse()
    {
        var suffix = Guid.NewGuid().ToString("N")[..8];
        string both = $"both-{suffix}", practiceOnly = $"practice-{suffix}", eventsOnly = $"events-{suffix}", cancelledOnly = $"cancelled-{suffix}";
        var organiser = await KnownOrganiser(Network);
        await CreatePublished(Staff, EventBody(organiser, themes: [both, eventsOnly]));
        var cancelled = await CreatePublished(Staff, EventBody(organiser, themes: [cancelledOnly]));
        await (await Staff.PostJson($"{EventsApi}/events/{cancelled.Id}/cancellation", new { reason = "Zu wenige Anmeldungen" })).AssertSuccess();
        var practice = await (await DraftAsync(new
        {
            title = new { de = "Klimapartnerschaften" }, summary = new { de = "Städte und Vereine gemeinsam." },
            sections = new { activities = new { de = "Gemeinsame Projekte." } }, themes = new[] { both, practiceOnly },
        })).ReadAs<ItemResponse>(HttpStatusCode.Created);
        await (await Staff.PostAsync($"{KnowledgeApi}/items/{practice.Id}/submission", null)).AssertSuccess();
        await (await Staff.PostAsync($"{KnowledgeApi}/items/{practice.Id}/review", null)).AssertSuccess();
        await (await Staff.PostJson($"{KnowledgeApi}/items/{practice.Id}/publication", new { revision = 1 })).AssertSuccess();

        await Eventually.Until(() => HttpAssertions.CountRows(Network.KnowledgeDatabase,
            $"mt_doc_linkedevent where id = '{cancelled.Id}' and data ->> 'Status' = 'Cancelled'"), n => n == 1, TimeSpan.FromSeconds(30), "the cancellation");
        var anonymous = Network.Gateway.NewClient();
        var coverage = await Eventually.Until(
            async () => await (await anonymous.GetAsync($"{KnowledgeApi}/analysis/themes")).ReadAs<Network.Knowledge.Analysis.ThemeCoverageResponse>(),
            c => c.Themes.Any(t => t.Theme == eventsOnly), TimeSpan.FromSeconds(30), "the events to reach the Knowledge service");
        Assert.Equal(new Network.Knowledge.Analysis.ThemeCount(both, 1, 1), coverage.Themes.Single(t => t.Theme == both));
        Assert.Contains(practiceOnly, coverage.GoodPracticeWithoutEvents);
        Assert.Contains(eventsOnly, coverage.EventsWithoutGoodPractice);
        Assert.DoesNotContain(both, coverage.GoodPracticeWithoutEvents.Concat(coverage.EventsWithoutGoodPractice));
        Assert.DoesNotContain(coverage.Themes, t => t.Theme == cancelledOnly); // a cancelled event counts for nothing

        var csv = await (await anonymous.GetAsync($"{KnowledgeApi}/analysis/themes.csv?lang=en")).Content.ReadAsStringAsync();
        Assert.Contains($"{practiceOnly},1,0", csv);
    }
}
