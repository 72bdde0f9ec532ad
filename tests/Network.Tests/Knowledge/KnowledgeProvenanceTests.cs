using System.Net;
using System.Text.Json;
using Network.Knowledge.Items;
using Network.Knowledge.Items.Viewing;
using Network.Tests.Hosting;
using Xunit;
using static Network.Tests.Knowledge.KnowledgeWorkflowTests;

namespace Network.Tests.Knowledge;

/// <summary>A forum thread that staff promote becomes a draft good practice in the Knowledge service, linked back to the thread.</summary>
public class KnowledgeProvenanceTests(NetworkFixture fixture) : IClassFixture<NetworkFixture>
{
    NetworkUnderTest Network => fixture.Network;

    [Fact]
    public async Task A_promoted_thread_opens_a_draft_good_practice_for_staff_with_its_source()
    {
        var staff = Network.Gateway.NewClient(Network.StaffToken);
        var board = (await (await staff.PostJson("/api/forum/boards", new
        {
            name = new { de = "Bildung", en = "Education" }, themes = new[] { "education" },
        })).ReadAs<JsonElement>(HttpStatusCode.Created)).GetProperty("id").GetGuid();
        var thread = (await (await staff.PostJson($"/api/forum/boards/{board}/threads", new
        {
            title = "Mentoring für Neuankömmlinge", body = "Wie begleiten etablierte Vereine neue?", language = "de",
        })).ReadAs<JsonElement>(HttpStatusCode.Created)).GetProperty("id").GetGuid();
        const string summary = "Mentoring durch etablierte Migrantenorganisationen halbiert die Zeit bis zur ersten Beratung.";
        await (await staff.PostJson($"/api/forum/threads/{thread}/promotion", new { summary, language = "de" })).AssertSuccess();

        var url = $"{Api}/items/{thread}";
        var draft = await Eventually.Until(
            async () => await staff.GetAsync(url),
            r => r.StatusCode == HttpStatusCode.OK, TimeSpan.FromSeconds(30), "the Knowledge service to open the draft");
        var item = await draft.ReadAs<ItemResponse>();
        Assert.Equal((ItemType.GoodPractice, ItemStatus.Draft, (Guid?)null), (item.Type, item.Status, item.OrganisationId));
        Assert.Equal(("Mentoring für Neuankömmlinge", summary), (item.Content.Title.De, item.Content.Summary.De));
        Assert.Equal(["education"], item.Content.Themes);
        Assert.Contains("title.en", item.MissingTranslations);
        var source = Assert.Single(item.Sources);
        Assert.Equal((SourceLink.ForumThread, thread, "Mentoring für Neuankömmlinge"), (source.Kind, source.Id, source.Title));
        await (await Network.Gateway.NewClient().GetAsync(source.Path)).AssertSuccess(); // the link back resolves through the gateway
        await (await Network.Gateway.NewClient().GetAsync(url)).AssertProblem(HttpStatusCode.NotFound); // a draft is staff's until published

        // Staff take it through the workflow like any other item.
        await (await staff.PostAsync($"{url}/submission", null)).AssertSuccess();
        await (await staff.PostAsync($"{url}/review", null)).AssertSuccess();
        await (await staff.PostJson($"{url}/publication", new { revision = 1 })).AssertSuccess();
        Assert.Equal(thread, Assert.Single((await (await Network.Gateway.NewClient().GetAsync(url)).ReadAs<ItemResponse>()).Sources).Id);
    }
}
