using System.Net;
using System.Net.Http.Json;
using AngleSharp.Html.Parser;
using Network.Forum.Posts.Viewing;
using Network.Forum.Threads.Viewing;
using Network.Platform.Http;
using Network.Tests.Hosting;
using Xunit;
using static Network.Tests.Forum.ForumSeed;

namespace Network.Tests.Forum;

/// <summary>Threads and posts as members write and read them: start, reply, quote, edit with every version kept, pages by keyset.</summary>
public class ThreadsAndPostsTests(NetworkFixture fixture) : IClassFixture<NetworkFixture>
{
    NetworkUnderTest Network => fixture.Network;
    ForumSeed Seed => new(Network);

    [Fact]
    public async Task Members_start_reply_quote_mention_and_edit_and_every_version_stays_readable()
    {
        var sankofa = await Seed.VerifiedOrganisation("Sankofa Bonn");
        var mentioned = await Seed.VerifiedOrganisation("Eine Welt Kiel");
        var ama = await Seed.Person("Ama Owusu", consent: true, sankofa);
        var quiet = await Seed.Person("Quiet Quentin", consent: false, sankofa);
        var board = await Seed.Board("Projekte mit Ghana");

        var started = await (await ama.Client.PostJson($"{Api}/boards/{board.Id}/threads", new
        {
            title = "Schulpartnerschaften", body = "Wir suchen **Partnerschulen** in Kumasi. Siehe <https://example.org/kumasi>.", language = "de",
            mentions = new[] { mentioned },
        })).ReadAs<ThreadResponse>(HttpStatusCode.Created);
        var first = started.FirstPost!;
        Assert.Equal(("Ama Owusu", "de", 1), (first.Author.Name, first.Language, first.Number));
        Assert.Equal("Wir suchen **Partnerschulen** in Kumasi. Siehe <https://example.org/kumasi>.", first.Source);
        var html = new HtmlParser().ParseDocument(first.Html!);
        Assert.Equal("Partnerschulen", html.QuerySelector("strong")?.TextContent);
        Assert.Equal("https://example.org/kumasi", html.QuerySelector("a")?.GetAttribute("href"));
        var mention = Assert.Single(first.Mentions);
        Assert.Equal(mentioned, mention.OrganisationId);
        Assert.StartsWith("Eine Welt Kiel", mention.Name);
        // The mention links to the organisation in the Forum's member list, through the gateway.
        await (await Seed.Anonymous.GetAsync(new Uri(mention.Href).PathAndQuery)).AssertSuccess();

        var reply = await Reply(quiet.Client, started.Id, "We can help with contacts in Accra.", first.Id);
        Assert.Equal((2, first.Id, "en"), (reply.Number, reply.QuotedPostId, reply.Language));
        // Without consent to appear by name, a member is shown by their organisation.
        Assert.StartsWith("Member of Sankofa Bonn", reply.Author.Name);

        // Edit: the new version is shown, every version stays readable; If-Match names the revision the author saw.
        var edit = new HttpRequestMessage(HttpMethod.Put, $"{Api}/posts/{reply.Id}")
        {
            Content = JsonContent.Create(new { body = "We can help with contacts in Accra and Kumasi.", language = "en" }, options: HttpAssertions.Json),
        };
        edit.Headers.IfMatch.Add(new System.Net.Http.Headers.EntityTagHeaderValue("\"1\""));
        var edited = await (await quiet.Client.SendAsync(edit)).ReadAs<PostResponse>();
        Assert.Equal(("We can help with contacts in Accra and Kumasi.", 2), (edited.Source, edited.Revisions));
        Assert.NotNull(edited.EditedAt);
        var stale = new HttpRequestMessage(HttpMethod.Put, $"{Api}/posts/{reply.Id}")
        {
            Content = JsonContent.Create(new { body = "Another try.", language = "en" }, options: HttpAssertions.Json),
        };
        stale.Headers.IfMatch.Add(new System.Net.Http.Headers.EntityTagHeaderValue("\"1\""));
        await (await quiet.Client.SendAsync(stale)).AssertProblem(HttpStatusCode.PreconditionFailed);

        var revisions = await (await Seed.Anonymous.GetAsync($"{Api}/posts/{reply.Id}/revisions")).ReadAs<List<PostRevisionResponse>>();
        Assert.Equal(["We can help with contacts in Accra.", "We can help with contacts in Accra and Kumasi."], revisions.Select(r => r.Source));
        var history = await (await Seed.Anonymous.GetAsync($"{Api}/threads/{started.Id}/history")).ReadAs<List<ThreadHistoryResponse>>();
        Assert.Equal(("PostEdited", reply.Id), (Assert.Single(history).Action, history[0].PostId));

        var thread = await (await Seed.Anonymous.GetAsync($"{Api}/threads/{started.Id}")).ReadAs<ThreadResponse>();
        Assert.Equal((2, "Schulpartnerschaften", "Ama Owusu"), (thread.PostCount, thread.Title, thread.StartedBy.Name));
        var listed = await (await Seed.Anonymous.GetAsync($"{Api}/boards/{board.Id}/threads")).ReadAs<KeysetPage<ThreadResponse>>();
        Assert.Equal(("Schulpartnerschaften", "Ama Owusu"), (Assert.Single(listed.Items).Title, listed.Items[0].StartedBy.Name));
    }

    [Fact]
    public async Task Posts_page_by_keyset_without_repeats_while_replies_arrive_and_threads_list_newest_activity_first()
    {
        var board = await Seed.Board("Paging");
        var staff = Seed.Staff;
        var thread = await Thread(staff, board.Id, "Langer Faden", "Beitrag 1");
        for (var i = 2; i <= 25; i++) await Reply(staff, thread.Id, $"Beitrag {i}");

        var seen = new List<string>();
        string? next = null;
        var pages = 0;
        do
        {
            var page = await (await Seed.Anonymous.GetAsync($"{Api}/threads/{thread.Id}/posts?pageSize=10{(next is null ? "" : $"&after={next}")}"))
                .ReadAs<KeysetPage<PostResponse>>();
            seen.AddRange(page.Items.Select(p => p.Source!));
            next = page.Next;
            // New posts while somebody pages: they come at the end, nothing is shown twice or skipped.
            if (++pages == 1) for (var i = 26; i <= 28; i++) await Reply(staff, thread.Id, $"Beitrag {i}");
        } while (next is not null);
        Assert.Equal(Enumerable.Range(1, 28).Select(i => $"Beitrag {i}"), seen);
        await (await Seed.Anonymous.GetAsync($"{Api}/threads/{thread.Id}/posts?after=not-a-cursor")).AssertProblem(HttpStatusCode.BadRequest);
        await (await Seed.Anonymous.GetAsync($"{Api}/threads/{thread.Id}/posts?pageSize=101")).AssertProblem(HttpStatusCode.BadRequest);

        // Thread list: the thread with the newest post first; paging by keyset covers each once.
        var older = await Thread(staff, board.Id, "Älter");
        var newer = await Thread(staff, board.Id, "Neuer");
        await Reply(staff, older.Id, "Antwort macht ihn neu");
        var listed = new List<Guid>();
        next = null;
        do
        {
            var page = await (await Seed.Anonymous.GetAsync($"{Api}/boards/{board.Id}/threads?pageSize=2{(next is null ? "" : $"&after={next}")}"))
                .ReadAs<KeysetPage<ThreadResponse>>();
            listed.AddRange(page.Items.Select(t => t.Id));
            next = page.Next;
        } while (next is not null);
        Assert.Equal([older.Id, newer.Id, thread.Id], listed);
    }

    [Fact]
    public async Task Search_stems_german_and_english_filters_and_never_finds_hidden_posts_or_boards_the_caller_cannot_read()
    {
        var organisation = await Seed.VerifiedOrganisation("Netzwerk Leipzig-Ghana", "14713000");
        var author = await Seed.Person("Kwame Search", consent: true, organisation);
        var board = await Seed.Board("Suche");
        var other = await Seed.Board("Andere Suche");
        var closed = await Seed.Board("Geschlossene Suche", "Members");
        var thread = await Thread(author.Client, board.Id, "Austausch", "Unser Netzwerk trifft sich monatlich in Leipzig.");
        await Reply(author.Client, thread.Id, "Our network of migrant organisations meets every month.");
        var hidden = await Reply(Seed.Staff, thread.Id, "Ein verstecktes Netzwerk-Angebot.", language: "de");
        await (await Seed.Staff.PostJson($"{Api}/posts/{hidden.Id}/hiding", new { reason = "Werbung" })).AssertSuccess();
        await Thread(Seed.Staff, other.Id, "Anderswo", "Auch hier ein Netzwerk.");
        await Thread(Seed.Staff, closed.Id, "Nur für Mitglieder", "Ein internes Netzwerk.");

        async Task<List<string>> Found(string query, HttpClient? caller = null) =>
            [.. (await (await (caller ?? Seed.Anonymous).GetAsync($"{Api}/search?{query}&pageSize=100")).ReadAs<Page<Network.Forum.Search.SearchHit>>())
                .Items.Select(h => h.Post.Source!)];

        // German stemming: "Netzwerke" finds "Netzwerk"; English: "networks" finds "network".
        Assert.Equal(["Auch hier ein Netzwerk.", "Unser Netzwerk trifft sich monatlich in Leipzig."], (await Found("q=Netzwerke")).Order());
        Assert.Equal(["Our network of migrant organisations meets every month."], await Found("q=networks"));
        Assert.Equal(["Unser Netzwerk trifft sich monatlich in Leipzig."], await Found($"q=Netzwerke&board={board.Id}"));
        Assert.Equal(["Our network of migrant organisations meets every month."], await Found($"q=month&author={author.Id}"));
        Assert.Empty(await Found($"q=month&author={Guid.NewGuid()}"));
        Assert.Single(await Found($"q=Netzwerke&organisation={organisation}"));
        Assert.Empty(await Found($"q=Netzwerk&organisation={Guid.NewGuid()}"));
        Assert.Contains("Ein internes Netzwerk.", await Found("q=Netzwerk", await Network.MemberAsync()));
        Assert.DoesNotContain("Ein internes Netzwerk.", await Found("q=Netzwerk"));
        // A hidden post is never found, not even by its moderators.
        Assert.DoesNotContain("Ein verstecktes Netzwerk-Angebot.", await Found("q=Angebot", Seed.Staff));
        Assert.Empty(await Found("q=Angebot"));
        await (await Seed.Anonymous.GetAsync($"{Api}/search")).AssertProblem(HttpStatusCode.BadRequest);
        // Both languages' stemmed text is indexed (GIN), so a search does not read every post.
        Assert.Equal(2, await HttpAssertions.CountRows(Network.ForumDatabase, "pg_indexes where indexname in ('mt_doc_post_fts_german', 'mt_doc_post_fts_english')"));
    }
}
