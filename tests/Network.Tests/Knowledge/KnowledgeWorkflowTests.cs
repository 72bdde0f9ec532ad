using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using Network.Knowledge.Items;
using Network.Knowledge.Items.Viewing;
using Network.Platform.Http;
using Network.Tests.Hosting;
using Xunit;

namespace Network.Tests.Knowledge;

/// <summary>
/// A good practice from draft to publication and archive through the Gateway, who may do what on the way, and the
/// rules that keep a review decision from being about another revision than the one the reviewer read.
/// </summary>
public class KnowledgeWorkflowTests(NetworkFixture fixture) : IClassFixture<NetworkFixture>
{
    public const string Api = "/api/knowledge";
    NetworkUnderTest Network => fixture.Network;
    HttpClient Staff => Network.Gateway.NewClient(Network.StaffToken);
    HttpClient Anonymous => Network.Gateway.NewClient();

    async Task<HttpClient> Member(string name, Guid organisation) =>
        Network.Gateway.NewClient((await Network.PersonAsync(name, organisation)).AccessToken);

    public static object GoodPractice(string titleDe, string? titleEn = null, string activities = "Wir organisieren Werkstätten.", string[]? themes = null) => new
    {
        title = new { de = titleDe, en = titleEn },
        summary = new { de = "Eine kommunale Partnerschaft mit Migrantenorganisationen.", en = (string?)null },
        sections = new Dictionary<string, object>
        {
            ["startingSituation"] = new { de = "Viele Vereine kannten die Stadtverwaltung nicht." },
            ["activities"] = new { de = activities, en = "We run workshops." },
        },
        municipalityAgs = "05314000",
        organisations = Array.Empty<Guid>(),
        themes = themes ?? ["education"],
        sdgs = new[] { 4, 17 },
        countries = new[] { "GH" },
    };

    static async Task<ItemResponse> Draft(HttpClient client, Guid? organisation, object content) =>
        await (await client.PostJson($"{Api}/items", new { type = "GoodPractice", organisationId = organisation, content })).ReadAs<ItemResponse>(HttpStatusCode.Created);

    static HttpRequestMessage WithIfMatch(HttpMethod method, string url, object? body, long version)
    {
        var request = new HttpRequestMessage(method, url)
        {
            Content = body is null ? null : JsonContent.Create(body, options: HttpAssertions.Json),
        };
        request.Headers.IfMatch.Add(new EntityTagHeaderValue($"\"{version}\""));
        return request;
    }

    [Fact]
    public async Task A_members_good_practice_goes_from_draft_through_review_and_changes_to_publication_and_archive()
    {
        var sankofa = Guid.NewGuid();
        var kofi = await Member("Kofi Mensah", sankofa);
        var draft = await Draft(kofi, sankofa, GoodPractice("Werkstätten für Vereine in Bonn"));
        Assert.Equal((ItemStatus.Draft, 1), (draft.Status, draft.Revision));
        Assert.Contains("title.en", draft.MissingTranslations);          // a missing translation is shown as such
        Assert.Contains("summary.en", draft.MissingTranslations);
        Assert.DoesNotContain("sections.activities.en", draft.MissingTranslations);
        var url = $"{Api}/items/{draft.Id}";

        // Nobody but its organisation and staff sees a draft.
        await (await Anonymous.GetAsync(url)).AssertProblem(HttpStatusCode.NotFound);
        var stranger = await Member("Stranger", Guid.NewGuid());
        await (await stranger.GetAsync(url)).AssertProblem(HttpStatusCode.NotFound);
        Assert.Equal(draft.Id, (await (await Staff.GetAsync(url)).ReadAs<ItemResponse>()).Id);

        var submitted = await (await kofi.PostAsync($"{url}/submission", null)).ReadAs<ItemResponse>();
        Assert.Equal(ItemStatus.Submitted, submitted.Status);
        await (await kofi.PostAsync($"{url}/review", null)).AssertProblem(HttpStatusCode.Forbidden);
        var inReview = await (await Staff.PostAsync($"{url}/review", null)).ReadAs<ItemResponse>();
        Assert.Equal(ItemStatus.InReview, inReview.Status);
        await (await Staff.PostJson($"{url}/comments", new { comment = "Bitte die Ergebnisse ergänzen." })).ReadAs<ItemResponse>();
        var sentBack = await (await Staff.PostJson($"{url}/change-requests", new { revision = 1, reason = "Ergebnisse fehlen; englischer Titel fehlt." })).ReadAs<ItemResponse>();
        Assert.Equal((ItemStatus.ChangesRequested, "Ergebnisse fehlen; englischer Titel fehlt."), (sentBack.Status, sentBack.LastReviewNote));

        var revised = await (await kofi.PutAsJsonAsync($"{url}/content", GoodPractice("Werkstätten für Vereine in Bonn", "Workshops for associations in Bonn"), HttpAssertions.Json)).ReadAs<ItemResponse>();
        Assert.Equal(2, revised.Revision);
        Assert.DoesNotContain("title.en", revised.MissingTranslations);
        await (await kofi.PostAsync($"{url}/submission", null)).ReadAs<ItemResponse>();
        await (await Staff.PostAsync($"{url}/review", null)).ReadAs<ItemResponse>();
        var published = await (await Staff.PostJson($"{url}/publication", new { revision = 2 })).ReadAs<ItemResponse>();
        Assert.Equal((ItemStatus.Published, 2), (published.Status, published.PublishedRevision));

        // Now everybody sees it, without the review's notes; its organisation cannot change it any more.
        var seen = await (await Anonymous.GetAsync(url)).ReadAs<ItemResponse>();
        Assert.Equal("Workshops for associations in Bonn", seen.Content.Title.En);
        Assert.Null(seen.LastReviewNote);
        var listed = await (await Anonymous.GetAsync($"{Api}/items?type=GoodPractice")).ReadAs<Page<ItemResponse>>();
        Assert.Contains(listed.Items, i => i.Id == draft.Id);
        await (await kofi.PutAsJsonAsync($"{url}/content", GoodPractice("Neu"), HttpAssertions.Json)).AssertProblem(HttpStatusCode.Conflict);

        var history = await (await kofi.GetAsync($"{url}/history")).ReadAs<Page<HistoryEntryResponse>>();
        Assert.Equal(["Drafted", "Submitted", "ReviewStarted", "Commented", "ChangesRequested", "Revised", "Submitted", "ReviewStarted", "Published"],
            history.Items.Select(h => h.What));
        Assert.Equal(("Bitte die Ergebnisse ergänzen.", "Kofi Mensah"), (history.Items[3].Text, history.Items[5].By));
        await (await Anonymous.GetAsync($"{url}/history")).AssertProblem(HttpStatusCode.Unauthorized);
        await (await stranger.GetAsync($"{url}/history")).AssertProblem(HttpStatusCode.NotFound);

        await (await Staff.PostJson($"{url}/archival", new { reason = "" })).AssertProblem(HttpStatusCode.BadRequest);
        var archived = await (await Staff.PostJson($"{url}/archival", new { reason = "Superseded by the 2027 edition." })).ReadAs<ItemResponse>();
        Assert.Equal(ItemStatus.Archived, archived.Status);
        await (await Anonymous.GetAsync(url)).AssertProblem(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Every_rule_broken_is_a_problem_and_changes_nothing()
    {
        var org = Guid.NewGuid();
        var member = await Member("Ama Owusu", org);
        var before = await HttpAssertions.StoredEvents(Network.KnowledgeDatabase);

        await (await Anonymous.PostJson($"{Api}/items", new { type = "GoodPractice", organisationId = org, content = GoodPractice("X") })).AssertProblem(HttpStatusCode.Unauthorized);
        await (await member.PostJson($"{Api}/items", new { type = "GoodPractice", organisationId = Guid.NewGuid(), content = GoodPractice("X") })).AssertProblem(HttpStatusCode.Forbidden);
        await (await member.PostJson($"{Api}/items", new { type = "GoodPractice", content = GoodPractice("X") })).AssertProblem(HttpStatusCode.BadRequest);
        await (await member.PostJson($"{Api}/items", new { type = "Poem", organisationId = org, content = GoodPractice("X") })).AssertProblem(HttpStatusCode.BadRequest);
        var wrongSection = await (await member.PostJson($"{Api}/items", new
        {
            type = "ExpertArticle", organisationId = org,
            content = new { title = new { de = "Artikel" }, sections = new Dictionary<string, object> { ["activities"] = new { de = "x" } } },
        })).AssertProblem(HttpStatusCode.BadRequest);
        Assert.Contains("sections.activities", wrongSection.GetProperty("errors").EnumerateObject().Select(p => p.Name));
        await (await member.PostJson($"{Api}/items", new
        {
            type = "Publication", organisationId = org, content = new { title = new { de = "Studie" } },
        })).AssertProblem(HttpStatusCode.BadRequest); // a publication needs authors and a year
        await (await member.PostJson($"{Api}/items", new
        {
            type = "GoodPractice", organisationId = org, content = new { title = new { de = new string('x', ItemContentRules.MaxTitle + 1) } },
        })).AssertProblem(HttpStatusCode.BadRequest);
        Assert.Equal(before, await HttpAssertions.StoredEvents(Network.KnowledgeDatabase));

        var item = await Draft(member, org, GoodPractice("Regeln"));
        var url = $"{Api}/items/{item.Id}";
        var afterDraft = await HttpAssertions.StoredEvents(Network.KnowledgeDatabase);
        var other = await Member("Not in it", Guid.NewGuid());
        await (await other.PutAsJsonAsync($"{url}/content", GoodPractice("Fremd"), HttpAssertions.Json)).AssertProblem(HttpStatusCode.NotFound);
        await (await member.PostAsync($"{url}/review", null)).AssertProblem(HttpStatusCode.Forbidden);
        await (await member.PostJson($"{url}/publication", new { revision = 1 })).AssertProblem(HttpStatusCode.Forbidden);
        await (await Staff.PostAsync($"{url}/review", null)).AssertProblem(HttpStatusCode.Conflict);               // not submitted
        await (await Staff.PostJson($"{url}/publication", new { revision = 1 })).AssertProblem(HttpStatusCode.Conflict); // not in review
        await (await member.PostJson($"{url}/comments", new { comment = "Hallo" })).AssertProblem(HttpStatusCode.Conflict); // a draft has no review
        await (await member.SendAsync(WithIfMatch(HttpMethod.Put, $"{url}/content", GoodPractice("Veraltet"), 7))).AssertProblem(HttpStatusCode.PreconditionFailed);
        Assert.Equal(afterDraft, await HttpAssertions.StoredEvents(Network.KnowledgeDatabase));
    }

    [Fact]
    public async Task A_review_decision_about_a_revision_someone_changed_meanwhile_is_refused()
    {
        var org = Guid.NewGuid();
        var member = await Member("Efua", org);
        var item = await Draft(member, org, GoodPractice("Gleichzeitig"));
        var url = $"{Api}/items/{item.Id}";
        await (await member.PostAsync($"{url}/submission", null)).ReadAs<ItemResponse>();
        var inReview = await (await Staff.PostAsync($"{url}/review", null)).ReadAs<ItemResponse>();

        // A second member of staff corrects a typo while the first still reads revision 1.
        var corrected = await (await Staff.PutAsJsonAsync($"{url}/content", GoodPractice("Gleichzeitig (korrigiert)"), HttpAssertions.Json)).ReadAs<ItemResponse>();
        Assert.Equal(2, corrected.Revision);

        // The first reviewer's decisions name revision 1 (409), or carry the version they read (412): neither lands.
        await (await Staff.PostJson($"{url}/publication", new { revision = 1 })).AssertProblem(HttpStatusCode.Conflict);
        await (await Staff.PostJson($"{url}/change-requests", new { revision = 1, reason = "Zu kurz." })).AssertProblem(HttpStatusCode.Conflict);
        await (await Staff.SendAsync(WithIfMatch(HttpMethod.Post, $"{url}/publication", new { revision = 2 }, inReview.Version))).AssertProblem(HttpStatusCode.PreconditionFailed);
        await (await Staff.PostJson($"{url}/publication", new { })).AssertProblem(HttpStatusCode.BadRequest);
        Assert.Equal(ItemStatus.InReview, (await (await Staff.GetAsync(url)).ReadAs<ItemResponse>()).Status);

        var published = await (await Staff.SendAsync(WithIfMatch(HttpMethod.Post, $"{url}/publication", new { revision = 2 }, corrected.Version))).ReadAs<ItemResponse>();
        Assert.Equal(2, published.PublishedRevision);
    }
}
