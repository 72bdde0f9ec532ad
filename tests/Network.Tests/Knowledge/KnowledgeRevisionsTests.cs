using System.Net;
using System.Net.Http.Json;
using Network.Knowledge.Items.Viewing;
using Network.Platform.Http;
using Network.Tests.Hosting;
using Xunit;
using static Network.Tests.Knowledge.KnowledgeWorkflowTests;

namespace Network.Tests.Knowledge;

/// <summary>Every version of an item kept, who made each, and the diff between any two of them.</summary>
public class KnowledgeRevisionsTests(NetworkFixture fixture) : IClassFixture<NetworkFixture>
{
    NetworkUnderTest Network => fixture.Network;

    /// <summary>A diff's old text is its unchanged and deleted pieces, its new text its unchanged and inserted ones.</summary>
    static (string Old, string New) Sides(TextDiff diff) =>
        (string.Concat(diff.Pieces.Where(p => p.Change != "inserted").Select(p => p.Text)),
         string.Concat(diff.Pieces.Where(p => p.Change != "deleted").Select(p => p.Text)));

    [Fact]
    public async Task Twenty_edits_by_different_people_are_twenty_one_revisions_and_any_two_compare_exactly()
    {
        var org = Guid.NewGuid();
        var editors = new List<(string Name, HttpClient Client)> { (global::Network.Identity.Accounts.BootstrapStaff.DisplayName, Network.Gateway.NewClient(Network.StaffToken)) };
        foreach (var name in new[] { "Abena", "Yaw", "Akosua" })
            editors.Add((name, Network.Gateway.NewClient((await Network.PersonAsync(name, org)).AccessToken)));
        var first = editors[1].Client;
        var created = await (await first.PostJson($"{Api}/items", new { type = "GoodPractice", organisationId = org, content = GoodPractice("Fassung 0") }))
            .ReadAs<ItemResponse>(HttpStatusCode.Created);
        var url = $"{Api}/items/{created.Id}";

        var activities = new List<string> { "Wir organisieren Werkstätten." };
        for (var i = 1; i <= 20; i++)
        {
            var (_, editor) = editors[i % editors.Count];
            var text = $"Wir organisieren {i} Werkstätten mit {i * 3} Vereinen; Runde {i} in Bonn.";
            activities.Add(text);
            var themes = i % 2 == 0 ? new[] { "education", "climate" } : new[] { "education" };
            var revised = await (await editor.PutAsJsonAsync($"{url}/content", GoodPractice($"Fassung {i}", activities: text, themes: themes), HttpAssertions.Json))
                .ReadAs<ItemResponse>();
            Assert.Equal(i + 1, revised.Revision);
        }
        // Saving the same content again makes no revision.
        Assert.Equal(21, (await (await first.PutAsJsonAsync($"{url}/content", GoodPractice("Fassung 20", activities: activities[20], themes: ["education", "climate"]), HttpAssertions.Json)).ReadAs<ItemResponse>()).Revision);

        var revisions = await (await first.GetAsync($"{url}/revisions?pageSize=100")).ReadAs<Page<RevisionSummary>>();
        Assert.Equal(Enumerable.Range(1, 21), revisions.Items.Select(r => r.Revision));
        Assert.Equal("Abena", revisions.Items[0].By);
        Assert.Equal([.. Enumerable.Range(1, 20).Select(i => editors[i % editors.Count].Name)], revisions.Items.Skip(1).Select(r => r.By));
        var seventh = await (await first.GetAsync($"{url}/revisions/7")).ReadAs<RevisionResponse>();
        Assert.Equal("Fassung 6", seventh.Content.Title.De);

        foreach (var (from, to) in new[] { (3, 17), (17, 3), (1, 21), (20, 21) })
        {
            var diff = await (await first.GetAsync($"{url}/diff?from={from}&to={to}")).ReadAs<RevisionDiff>();
            Assert.Equal((from, to), (diff.From, diff.To));
            var title = Assert.Single(diff.Texts, t => t.Field == "title" && t.Language == "de");
            Assert.Equal(($"Fassung {from - 1}", $"Fassung {to - 1}"), Sides(title));
            Assert.Contains(title.Pieces, p => p.Change == "deleted");
            var section = Assert.Single(diff.Texts, t => t.Field == "sections.activities" && t.Language == "de");
            Assert.Equal((activities[from - 1], activities[to - 1]), Sides(section));
            Assert.DoesNotContain(diff.Texts, t => t.Field == "sections.startingSituation"); // unchanged texts are not listed
            var climate = diff.Lists.SingleOrDefault(l => l.Field == "themes");
            var (hadClimate, hasClimate) = ((from - 1) % 2 == 0 && from > 1, (to - 1) % 2 == 0 && to > 1);
            if (hadClimate == hasClimate) Assert.Null(climate);
            else
            {
                Assert.Equal(hasClimate ? ["climate"] : Array.Empty<string>(), climate!.Added);
                Assert.Equal(hasClimate ? Array.Empty<string>() : ["climate"], climate.Removed);
            }
        }
        await (await first.GetAsync($"{url}/diff?from=1&to=22")).AssertProblem(HttpStatusCode.NotFound);
        await (await first.GetAsync($"{url}/diff?from=0&to=2")).AssertProblem(HttpStatusCode.BadRequest);
        // The public sees no revisions of an item that is not published.
        await (await Network.Gateway.NewClient().GetAsync($"{url}/revisions")).AssertProblem(HttpStatusCode.NotFound);
    }
}
