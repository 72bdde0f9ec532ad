using System.Net;
using System.Net.Http.Json;
using Network.Forum.Boards.Viewing;
using Network.Forum.Posts.Viewing;
using Network.Forum.Threads.Viewing;
using Network.Tests.Hosting;
using Xunit;
using static Network.Tests.Forum.ForumSeed;

namespace Network.Tests.Forum;

/// <summary>
/// Every rule of who may post and what, tried the way somebody would break it: each attempt is a problem response and
/// stores nothing (no event in the Forum's store, no post document).
/// </summary>
public class ForumRulesTests(NetworkFixture fixture) : IClassFixture<NetworkFixture>
{
    NetworkUnderTest Network => fixture.Network;
    ForumSeed Seed => new(Network);

    async Task<(long Events, long Posts)> Stored() =>
        (await HttpAssertions.StoredEvents(Network.ForumDatabase), await HttpAssertions.CountRows(Network.ForumDatabase, "mt_doc_post"));

    [Fact]
    public async Task Every_broken_rule_is_a_problem_response_and_stores_nothing()
    {
        var verified = await Seed.VerifiedOrganisation("Sankofa Bonn");
        var pending = await Seed.PendingOrganisation("Noch nicht geprüft");
        var outsiderOrganisation = await Seed.VerifiedOrganisation("Kieler Initiative", "01002000");
        var coordinatorOrganisation = await Seed.VerifiedOrganisation("Bonner Netzwerk-Koordination");
        var ama = await Seed.Person("Ama", consent: true, verified);
        var unverified = await Seed.Person("Uwe Unverified", consent: true, pending);
        var outsider = await Seed.Person("Olga Outsider", consent: true, outsiderOrganisation);
        var coordinator = await Seed.Person("Cora Coordinator", consent: true, coordinatorOrganisation);

        var board = await Seed.Board("Austausch");
        var networkBoard = await Seed.NetworkBoard("Netzwerk Bonn", coordinatorOrganisation, verified);
        // Read by every signed-in member, so posting there is refused by the posting rule, not hidden by visibility.
        await (await Seed.Staff.PutAsJsonAsync($"{Api}/boards/{networkBoard.Id}/visibility", new { visibility = "Members" }, HttpAssertions.Json)).AssertSuccess();
        var thread = await Thread(ama.Client, board.Id, "Offener Faden", "Amas erster Beitrag");
        var other = await Thread(ama.Client, board.Id, "Anderer Faden", "Anderswo");
        var locked = await Thread(ama.Client, board.Id, "Geschlossen", "Bald zu");
        await (await Seed.Staff.PostJson($"{Api}/threads/{locked.Id}/lock", new { reason = "Done." })).AssertSuccess();
        var amasPost = thread.FirstPost!.Id;
        await (await outsider.Client.PostJson($"{Api}/posts/{amasPost}/flags", new { reason = "Spam?" })).AssertSuccess();

        var before = await Stored();
        var attempts = new (string What, Func<Task<HttpResponseMessage>> Send, HttpStatusCode Expected)[]
        {
            ("an unverified organisation's member starts a thread",
                () => unverified.Client.PostJson($"{Api}/boards/{board.Id}/threads", new { title = "Hallo", body = "Hallo", language = "de" }), HttpStatusCode.Forbidden),
            ("an unverified organisation's member replies",
                () => unverified.Client.PostJson($"{Api}/threads/{thread.Id}/posts", new { body = "Hallo", language = "de" }), HttpStatusCode.Forbidden),
            ("a member posts on the board of a network their organisation is not in",
                () => outsider.Client.PostJson($"{Api}/boards/{networkBoard.Id}/threads", new { title = "Hallo", body = "Hallo", language = "de" }), HttpStatusCode.Forbidden),
            ("a member posts for an organisation they do not act for",
                () => ama.Client.PostJson($"{Api}/threads/{thread.Id}/posts", new { body = "Hallo", language = "de", organisationId = outsiderOrganisation }), HttpStatusCode.Forbidden),
            ("somebody edits another person's post",
                () => outsider.Client.PutAsJsonAsync($"{Api}/posts/{amasPost}", new { body = "Übernommen", language = "de" }, HttpAssertions.Json), HttpStatusCode.Forbidden),
            ("a member replies in a locked thread",
                () => ama.Client.PostJson($"{Api}/threads/{locked.Id}/posts", new { body = "Noch was", language = "de" }), HttpStatusCode.Conflict),
            ("the author edits a post in a locked thread",
                () => ama.Client.PutAsJsonAsync($"{Api}/posts/{locked.FirstPost!.Id}", new { body = "Geändert", language = "de" }, HttpAssertions.Json), HttpStatusCode.Conflict),
            ("a member flags their own post",
                () => ama.Client.PostJson($"{Api}/posts/{amasPost}/flags", new { reason = "Oops" }), HttpStatusCode.Conflict),
            ("a member flags the same post twice",
                () => outsider.Client.PostJson($"{Api}/posts/{amasPost}/flags", new { reason = "Again" }), HttpStatusCode.Conflict),
            ("a flag without a reason",
                () => coordinator.Client.PostJson($"{Api}/posts/{amasPost}/flags", new { reason = "" }), HttpStatusCode.BadRequest),
            ("a member hides a post",
                () => outsider.Client.PostJson($"{Api}/posts/{amasPost}/hiding", new { reason = "I do not like it" }), HttpStatusCode.Forbidden),
            ("a network's coordinator hides a post on a thematic board",
                () => coordinator.Client.PostJson($"{Api}/posts/{amasPost}/hiding", new { reason = "Not mine to moderate" }), HttpStatusCode.Forbidden),
            ("a member locks a thread",
                () => ama.Client.PostJson($"{Api}/threads/{thread.Id}/lock", new { reason = "Mine" }), HttpStatusCode.Forbidden),
            ("a member moves a thread",
                () => ama.Client.PostJson($"{Api}/threads/{thread.Id}/move", new { boardId = networkBoard.Id, reason = "Better there" }), HttpStatusCode.Forbidden),
            ("a member creates a board",
                () => ama.Client.PostJson($"{Api}/boards", new { name = new { de = "Meins", en = "Mine" } }), HttpStatusCode.Forbidden),
            ("a member reads the moderation queue",
                () => ama.Client.GetAsync($"{Api}/moderation/queue"), HttpStatusCode.Forbidden),
            ("anybody not signed in posts",
                () => Seed.Anonymous.PostJson($"{Api}/threads/{thread.Id}/posts", new { body = "Hallo", language = "de" }), HttpStatusCode.Unauthorized),
            ("a post without a language",
                () => ama.Client.PostJson($"{Api}/threads/{thread.Id}/posts", new { body = "Hallo" }), HttpStatusCode.BadRequest),
            ("a post with a language that is no ISO 639-1 code",
                () => ama.Client.PostJson($"{Api}/threads/{thread.Id}/posts", new { body = "Hallo", language = "Deutsch" }), HttpStatusCode.BadRequest),
            ("an empty post",
                () => ama.Client.PostJson($"{Api}/threads/{thread.Id}/posts", new { body = "  ", language = "de" }), HttpStatusCode.BadRequest),
            ("a thread without a title",
                () => ama.Client.PostJson($"{Api}/boards/{board.Id}/threads", new { body = "Hallo", language = "de" }), HttpStatusCode.BadRequest),
            ("a post longer than 10,000 characters",
                () => ama.Client.PostJson($"{Api}/threads/{thread.Id}/posts", new { body = new string('a', 10_001), language = "de" }), HttpStatusCode.BadRequest),
            ("a quote of a post of another thread",
                () => ama.Client.PostJson($"{Api}/threads/{thread.Id}/posts", new { body = "Zitat", language = "de", quotedPostId = other.FirstPost!.Id }), HttpStatusCode.Conflict),
            ("a mention of an organisation the forum does not know",
                () => ama.Client.PostJson($"{Api}/threads/{thread.Id}/posts", new { body = "Hallo", language = "de", mentions = new[] { pending } }), HttpStatusCode.Conflict),
            ("a reply to a thread that does not exist",
                () => ama.Client.PostJson($"{Api}/threads/{Guid.NewGuid()}/posts", new { body = "Hallo", language = "de" }), HttpStatusCode.NotFound),
            ("a post on a board that does not exist",
                () => ama.Client.PostJson($"{Api}/boards/{Guid.NewGuid()}/threads", new { title = "Hallo", body = "Hallo", language = "de" }), HttpStatusCode.NotFound),
            ("a stale If-Match on locking",
                () => Seed.Staff.SendAsync(new HttpRequestMessage(HttpMethod.Post, $"{Api}/threads/{thread.Id}/lock")
                {
                    Content = System.Net.Http.Json.JsonContent.Create(new { reason = "Stale" }), Headers = { IfMatch = { new("\"99\"") } },
                }), HttpStatusCode.PreconditionFailed),
            ("a move to a board that does not exist",
                () => Seed.Staff.PostJson($"{Api}/threads/{thread.Id}/move", new { boardId = Guid.NewGuid(), reason = "Nowhere" }), HttpStatusCode.NotFound),
            ("a move to the board the thread is on",
                () => Seed.Staff.PostJson($"{Api}/threads/{thread.Id}/move", new { boardId = board.Id, reason = "Same" }), HttpStatusCode.Conflict),
            ("unlocking a thread that is not locked",
                () => Seed.Staff.PostJson($"{Api}/threads/{thread.Id}/unlock", new { reason = "Open it" }), HttpStatusCode.Conflict),
            ("unhiding a post that is not hidden",
                () => Seed.Staff.PostJson($"{Api}/posts/{amasPost}/unhiding", new { reason = "Show it" }), HttpStatusCode.Conflict),
        };
        foreach (var (what, send, expected) in attempts)
        {
            var response = await send();
            var body = await response.Content.ReadAsStringAsync();
            Assert.True(response.StatusCode == expected, $"{what}: expected {(int)expected}, got {(int)response.StatusCode}: {body}");
            Assert.True(response.Content.Headers.ContentType?.MediaType == "application/problem+json", $"{what}: not a problem response: {body}");
        }
        Assert.Equal(before, await Stored());

        var posts = await (await Seed.Anonymous.GetAsync($"{Api}/threads/{thread.Id}/posts")).ReadAs<Network.Platform.Http.KeysetPage<PostResponse>>();
        Assert.Equal("Amas erster Beitrag", Assert.Single(posts.Items).Source);
    }

    [Fact]
    public async Task A_newcomer_is_limited_to_two_links_no_images_and_five_posts_an_hour_then_429_with_retry_after()
    {
        var organisation = await Seed.VerifiedOrganisation("Neu im Netz");
        var newcomer = await Seed.Person("Nia Newcomer", consent: true, organisation);
        var board = await Seed.Board("Neulinge");
        var thread = await Thread(Seed.Staff, board.Id, "Willkommen", "Stellt euch vor!");

        var before = await Stored();
        await (await newcomer.Client.PostJson($"{Api}/threads/{thread.Id}/posts", new
        {
            body = "See https://a.example, https://b.example and https://c.example", language = "en",
        })).AssertProblem(HttpStatusCode.Conflict);
        await (await newcomer.Client.PostJson($"{Api}/threads/{thread.Id}/posts", new { body = "![me](https://img.example/me.png)", language = "en" }))
            .AssertProblem(HttpStatusCode.Conflict);
        Assert.Equal(before, await Stored());

        // The thread's first post counts as one of the five.
        await Thread(newcomer.Client, board.Id, "Hallo aus Bonn", "Two links are fine: https://a.example https://b.example");
        for (var i = 2; i <= 5; i++) await Reply(newcomer.Client, thread.Id, $"Post {i} of the hour");
        var afterFive = await Stored();

        var flooding = await newcomer.Client.PostJson($"{Api}/threads/{thread.Id}/posts", new { body = "One more", language = "en" });
        await flooding.AssertProblem(HttpStatusCode.TooManyRequests);
        var retryAfter = flooding.Headers.RetryAfter?.Delta ?? throw new Xunit.Sdk.XunitException("429 without Retry-After");
        Assert.InRange(retryAfter, TimeSpan.FromMinutes(50), TimeSpan.FromMinutes(60));
        Assert.Equal(afterFive, await Stored());

        // Staff are no newcomers.
        await Reply(Seed.Staff, thread.Id, "Links for everybody: https://a.example https://b.example https://c.example ![logo](https://img.example/logo.png)");
    }
}
