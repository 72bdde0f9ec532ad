using System.Net;
using AngleSharp.Html.Parser;
using Marten;
using Microsoft.Extensions.DependencyInjection;
using Network.Knowledge.Items;
using Network.Knowledge.Items.Searching;
using Network.Platform.Text;
using Network.Tests.Hosting;
using Xunit;
using static Network.Tests.Knowledge.KnowledgeWorkflowTests;

namespace Network.Tests.Knowledge;

/// <summary>
/// Search over a corpus of 230 items in German and English (seeded through the Knowledge service's own store with the
/// same events its endpoints append): stemming in both languages, facets that equal a count of the corpus made here,
/// highlighted snippets that hold no markup of the items' own, and nothing unpublished ever found.
/// </summary>
public class KnowledgeSearchTests(KnowledgeSearchTests.Corpus corpus) : IClassFixture<KnowledgeSearchTests.Corpus>
{
    /// <summary>One seeded item as this test knows it, independent of what the service stores.</summary>
    public sealed record Seeded(Guid Id, ItemType Type, string Theme, int Sdg, string Ags, IReadOnlyList<string> Languages, bool Published, string Words);

    public sealed class Corpus : IAsyncLifetime
    {
        readonly NetworkFixture network = new();
        public NetworkUnderTest Network => network.Network;
        public List<Seeded> Items { get; } = [];

        static readonly string[] Themes = ["education", "climate", "migration", "health", "economy"];
        static readonly string[] Places = ["05314000", "01002000", "14713000", "09162000", "05358008"];

        public async Task InitializeAsync()
        {
            await network.InitializeAsync();
            var store = Network.Knowledge.Services.GetRequiredService<IDocumentStore>();
            var at = DateTimeOffset.UtcNow.AddDays(-10);
            await using var session = store.LightweightSession();
            for (var i = 0; i < 230; i++)
            {
                var type = (ItemType)(i % 6);
                var theme = Themes[i % Themes.Length];
                var sdg = i % 17 + 1;
                var ags = Places[i % Places.Length];
                // A third German only, a third English only, a third both; every seventh item is a German network
                // ("Netzwerk"), every eleventh in English about "organisation"s; ten drafts carry a word nobody may find.
                var (de, en) = (i % 3) switch
                {
                    0 => ($"Kommunale Zusammenarbeit Nummer {i}" + (i % 7 == 0 ? ", ein Netzwerk der Vereine" : ""), null),
                    1 => ((string?)null, $"Municipal cooperation number {i}" + (i % 11 == 0 ? " with one organisation" : "")),
                    _ => ($"Partnerschaft {i}" + (i % 7 == 0 ? " im Netzwerk" : ""), $"Partnership {i}" + (i % 11 == 0 ? ", an organisation" : "")),
                };
                var published = i >= 10;
                if (!published) de = $"Entwurf {i} mit dem Geheimwort Zauberwort";
                var content = new ItemContent(new LocalizedText(de, en), LocalizedText.Empty, new Dictionary<string, LocalizedText>(),
                    ags, [], [theme], [sdg], [],
                    type == ItemType.Publication ? new PublicationDetails(["A. Autorin"], 2024, null) : null,
                    type == ItemType.CooperationProject ? new ProjectDetails("BMZ", "Engagement Global", null, null, null) : null);
                var id = Guid.CreateVersion7();
                object[] events = published
                    ? [new ItemDrafted(id, type, null, content, "seed", "Seed", at), new ItemSubmitted(id, type, null, 1, "seed", "Seed", at),
                       new ReviewStarted(id, 1, "seed", "Seed", at), new ItemPublished(id, type, null, 1, content, "seed", "Seed", at.AddMinutes(i))]
                    : [new ItemDrafted(id, type, null, content, "seed", "Seed", at)];
                session.Events.StartStream<KnowledgeItem>(id, events);
                Items.Add(new Seeded(id, type, theme, sdg, ags, content.Languages(type), published, $"{de} {en}"));
            }
            // Markup in an item's own text: the snippet must show it as text.
            var evil = Guid.CreateVersion7();
            var evilContent = new ItemContent(new LocalizedText("<script>alert(1)</script> Netzwerk <b>fett</b>", null), LocalizedText.Empty,
                new Dictionary<string, LocalizedText>(), null, [], ["education"], [4], []);
            session.Events.StartStream<KnowledgeItem>(evil,
                new ItemDrafted(evil, ItemType.ExpertArticle, null, evilContent, "seed", "Seed", at), new ReviewStarted(evil, 1, "seed", "Seed", at),
                new ItemPublished(evil, ItemType.ExpertArticle, null, 1, evilContent, "seed", "Seed", at));
            Items.Add(new Seeded(evil, ItemType.ExpertArticle, "education", 4, "", ["de"], true, evilContent.Title.De!));
            await session.SaveChangesAsync();
        }

        public Task DisposeAsync() => network.DisposeAsync();
    }

    HttpClient Anonymous => corpus.Network.Gateway.NewClient();

    async Task<SearchResult> Search(string query, HttpClient? client = null) =>
        await (await (client ?? Anonymous).GetAsync($"{Api}/search/items?{query}")).ReadAs<SearchResult>();

    [Fact]
    public async Task German_and_english_stemming_finds_inflected_words()
    {
        var networks = await Search("q=Netzwerke&pageSize=100");
        var expected = corpus.Items.Where(i => i.Published && i.Words.Contains("Netzwerk", StringComparison.Ordinal)).Select(i => i.Id).ToHashSet();
        Assert.True(expected.Count > 10);
        Assert.Equal(expected, networks.Hits.Items.Select(h => h.Item.Id).ToHashSet());
        Assert.Equal(expected.Count, networks.Hits.TotalItems);

        var organisations = await Search("q=organisations&pageSize=100");
        var english = corpus.Items.Where(i => i.Published && i.Words.Contains("organisation", StringComparison.Ordinal)).Select(i => i.Id).ToHashSet();
        Assert.True(english.Count > 5);
        Assert.Equal(english, organisations.Hits.Items.Select(h => h.Item.Id).ToHashSet());
    }

    [Fact]
    public async Task Facets_count_every_match_as_the_corpus_does_and_filters_narrow_them()
    {
        var all = await Search("pageSize=5");
        var published = corpus.Items.Where(i => i.Published).ToList();
        Assert.Equal(published.Count, all.Hits.TotalItems);
        Assert.Equal(5, all.Hits.Items.Count);
        void Same(string facet, IEnumerable<string> values)
        {
            var expected = values.GroupBy(v => v).ToDictionary(g => g.Key, g => (long)g.Count());
            Assert.Equal(expected, all.Facets[facet].ToDictionary(f => f.Value, f => f.Count));
        }
        Same("type", published.Select(i => i.Type.ToString()));
        Same("theme", published.Select(i => i.Theme));
        Same("sdg", published.Select(i => i.Sdg.ToString()));
        Same("language", published.SelectMany(i => i.Languages));
        Same("municipality", published.Where(i => i.Ags != "").Select(i => i.Ags));
        Same("state", published.Where(i => i.Ags != "").Select(i => i.Ags[..2]));

        var climateInKiel = await Search("theme=climate&municipality=01002000&pageSize=100");
        var expected = published.Where(i => i.Theme == "climate" && i.Ags == "01002000").Select(i => i.Id).ToHashSet();
        Assert.Equal(expected, climateInKiel.Hits.Items.Select(h => h.Item.Id).ToHashSet());
        Assert.Equal(expected.Count, Assert.Single(climateInKiel.Facets["theme"]).Count);
        var english = await Search("language=en&type=Publication&pageSize=100");
        Assert.Equal(published.Count(i => i.Languages.Contains("en") && i.Type == ItemType.Publication), english.Hits.TotalItems);
    }

    [Fact]
    public async Task Snippets_mark_the_matched_words_and_show_an_items_own_markup_as_text()
    {
        var result = await Search("q=Netzwerk&pageSize=100");
        var evil = result.Hits.Items.Single(h => h.Item.Content.Title.De!.Contains("<script>", StringComparison.Ordinal));
        var html = new HtmlParser().ParseDocument($"<body>{evil.Snippet}</body>");
        Assert.Empty(html.QuerySelectorAll("script"));
        Assert.Empty(html.QuerySelectorAll("b"));
        Assert.Equal("Netzwerk", Assert.Single(html.QuerySelectorAll("mark")).TextContent);
        // PostgreSQL cuts a fragment at words, so the first "<" may fall away; what is shown is the item's markup as text.
        Assert.True(html.Body!.TextContent.Contains("alert(1)</script> Netzwerk <b>fett", StringComparison.Ordinal), evil.Snippet);
        Assert.All(result.Hits.Items, h => Assert.Contains("<mark>", h.Snippet));
        // Relevance order: the ranks never rise down the list.
        Assert.Equal(result.Hits.Items.Select(h => h.Rank).OrderByDescending(r => r), result.Hits.Items.Select(h => h.Rank));
    }

    [Fact]
    public async Task Nothing_unpublished_is_ever_found_not_even_by_staff()
    {
        Assert.Equal(10, corpus.Items.Count(i => !i.Published));
        Assert.Equal(0, (await Search("q=Zauberwort")).Hits.TotalItems);
        Assert.Equal(0, (await Search("q=Zauberwort", corpus.Network.Gateway.NewClient(corpus.Network.StaffToken))).Hits.TotalItems);
        Assert.DoesNotContain((await Search("q=Entwurf&pageSize=100")).Hits.Items, h => corpus.Items.Any(i => i.Id == h.Item.Id && !i.Published));
    }

    [Fact]
    public async Task The_analysis_counts_the_published_items_per_group_and_year_as_the_corpus_does()
    {
        var published = corpus.Items.Where(i => i.Published).ToList();
        foreach (var (by, key) in new (string, Func<Seeded, string?>)[] { ("theme", i => i.Theme), ("sdg", i => i.Sdg.ToString()), ("state", i => i.Ags == "" ? null : i.Ags[..2]), ("type", i => i.Type.ToString()) })
        {
            var counts = await (await Anonymous.GetAsync($"{Api}/analysis/published?by={by}")).ReadAs<Network.Knowledge.Analysis.PublishedCountsResponse>();
            var expected = published.Select(key).OfType<string>().GroupBy(k => k).ToDictionary(g => g.Key, g => (long)g.Count());
            Assert.Equal(expected, counts.Groups.ToDictionary(g => g.Key, g => g.Total));
            Assert.All(counts.Groups, g => Assert.Equal(g.Total, g.PerYear.Values.Sum()));
            Assert.Equal(counts.Groups.Select(g => g.Total).OrderByDescending(t => t), counts.Groups.Select(g => g.Total));
        }
        var csv = await ExportFiles.ReadCsv(await Anonymous.GetAsync($"{Api}/analysis/published.csv?by=theme"), ',');
        Assert.Equal("Theme", csv.Header[0]);
        Assert.Equal("Total", csv.Header[^1]);
        Assert.Equal(published.Count(i => i.Theme == "climate").ToString(), csv.Rows.Single(r => (string?)r[0] == "climate")[^1]);
        await (await Anonymous.GetAsync($"{Api}/analysis/published?by=colour")).AssertProblem(HttpStatusCode.BadRequest);
        await (await Anonymous.GetAsync($"{Api}/analysis/published?from=2030&to=2020")).AssertProblem(HttpStatusCode.BadRequest);
    }

    [Theory]
    [InlineData("sdg=18")]
    [InlineData("language=fr")]
    [InlineData("state=5")]
    [InlineData("year=3000")]
    [InlineData("type=Poem")]
    [InlineData("page=0")]
    public async Task Bad_search_parameters_are_a_problem(string query) =>
        await (await Anonymous.GetAsync($"{Api}/search/items?{query}")).AssertProblem(HttpStatusCode.BadRequest);
}
