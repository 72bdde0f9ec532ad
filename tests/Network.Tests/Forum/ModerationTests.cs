using System.Net;
using Network.Contracts.Directory;
using Network.Forum.Moderation.Queue;
using Network.Forum.Posting;
using Network.Forum.Posts.Viewing;
using Network.Forum.Threads.Viewing;
using Network.Platform.Http;
using Network.Tests.Hosting;
using Xunit;
using static Network.Tests.Forum.ForumSeed;

namespace Network.Tests.Forum;

/// <summary>Flags, the moderation queue, hiding, locking and moving, each in the thread's history; an erased author's posts stay.</summary>
public class ModerationTests(NetworkFixture fixture) : IClassFixture<NetworkFixture>
{
    NetworkUnderTest Network => fixture.Network;
    ForumSeed Seed => new(Network);

    [Fact]
    public async Task Flags_fill_the_queue_most_flagged_first_and_a_coordinator_hides_and_unhides_on_their_networks_board()
    {
        var coordinatorOrganisation = await Seed.VerifiedOrganisation("Eine Welt Netz Bonn");
        var member = await Seed.VerifiedOrganisation("Afrika-Forum Bonn");
        var cora = await Seed.Person("Cora Coordinator", consent: true, coordinatorOrganisation);
        var ben = await Seed.Person("Ben", consent: true, member);
        var dana = await Seed.Person("Dana", consent: true, member);
        var board = await Seed.NetworkBoard("Netz Bonn", coordinatorOrganisation, member);
        await Eventually.Until(() => ben.Client.GetAsync($"{Api}/boards/{board.Id}"), r => r.IsSuccessStatusCode, Delivery, "the member's organisation in the network");

        var thread = await Thread(ben.Client, board.Id, "Sommerfest", "Wer hilft beim Sommerfest?");
        var once = await Reply(ben.Client, thread.Id, "Einmal gemeldet");
        var twice = await Reply(ben.Client, thread.Id, "Zweimal gemeldet");
        await (await cora.Client.PostJson($"{Api}/posts/{once.Id}/flags", new { reason = "Off topic" })).ReadAs<object>(HttpStatusCode.Created);
        await (await cora.Client.PostJson($"{Api}/posts/{twice.Id}/flags", new { reason = "Insulting" })).ReadAs<object>(HttpStatusCode.Created);
        await (await dana.Client.PostJson($"{Api}/posts/{twice.Id}/flags", new { reason = "Rude" })).ReadAs<object>(HttpStatusCode.Created);

        // The coordinator's queue: their board's flagged posts, most flags first; a plain member has none.
        var queue = await (await cora.Client.GetAsync($"{Api}/moderation/queue")).ReadAs<Page<QueueEntryResponse>>();
        Assert.Equal([(twice.Id, 2), (once.Id, 1)], queue.Items.Select(e => (e.PostId, e.FlagCount)));
        Assert.Equal(["Insulting", "Rude"], queue.Items[0].Reasons.Order());
        await (await ben.Client.GetAsync($"{Api}/moderation/queue")).AssertProblem(HttpStatusCode.Forbidden);

        await (await cora.Client.PostJson($"{Api}/posts/{twice.Id}/hiding", new { reason = "Beleidigend" })).AssertSuccess();
        var readerView = await (await dana.Client.GetAsync($"{Api}/posts/{twice.Id}")).ReadAs<PostResponse>();
        Assert.Equal((true, "Beleidigend", null, null), (readerView.Hidden, readerView.HiddenReason, readerView.Source, readerView.Html));
        var moderatorView = await (await cora.Client.GetAsync($"{Api}/posts/{twice.Id}")).ReadAs<PostResponse>();
        Assert.Equal("Zweimal gemeldet", moderatorView.Source);
        // A hidden post keeps its place in the thread, as a placeholder; it leaves the queue.
        var page = await (await dana.Client.GetAsync($"{Api}/threads/{thread.Id}/posts")).ReadAs<KeysetPage<PostResponse>>();
        Assert.Equal([false, false, true], page.Items.Select(p => p.Hidden));
        var after = await (await cora.Client.GetAsync($"{Api}/moderation/queue")).ReadAs<Page<QueueEntryResponse>>();
        Assert.Equal([once.Id], after.Items.Select(e => e.PostId));

        await (await cora.Client.PostJson($"{Api}/posts/{twice.Id}/unhiding", new { reason = "Nach Rücksprache in Ordnung" })).AssertSuccess();
        Assert.Equal("Zweimal gemeldet", (await (await dana.Client.GetAsync($"{Api}/posts/{twice.Id}")).ReadAs<PostResponse>()).Source);

        var history = await (await dana.Client.GetAsync($"{Api}/threads/{thread.Id}/history")).ReadAs<List<ThreadHistoryResponse>>();
        Assert.Equal([("PostHidden", "Beleidigend", "Cora Coordinator"), ("PostUnhidden", "Nach Rücksprache in Ordnung", "Cora Coordinator")],
            history.Select(h => (h.Action, h.Reason!, h.By.Name)));
        Assert.All(history, h => Assert.InRange(h.At, DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow.AddMinutes(1)));
    }

    [Fact]
    public async Task Staff_lock_unlock_and_move_a_thread_and_each_action_says_who_when_and_why()
    {
        var organisation = await Seed.VerifiedOrganisation("Kiel hilft");
        var author = await Seed.Person("Kai", consent: true, organisation);
        var from = await Seed.Board("Allgemeines");
        var to = await Seed.Board("Finanzierung");
        var thread = await Thread(author.Client, from.Id, "Fördermittel für Schulprojekte", "Wer kennt Programme?");

        await (await Seed.Staff.PostJson($"{Api}/threads/{thread.Id}/lock", new { reason = "Wird überarbeitet" })).AssertSuccess();
        await (await author.Client.PostJson($"{Api}/threads/{thread.Id}/posts", new { body = "Noch was", language = "de" })).AssertProblem(HttpStatusCode.Conflict);
        await (await Seed.Staff.PostJson($"{Api}/threads/{thread.Id}/unlock", new { reason = "Wieder offen" })).AssertSuccess();
        await Reply(author.Client, thread.Id, "Jetzt geht es wieder");
        var moved = await (await Seed.Staff.PostJson($"{Api}/threads/{thread.Id}/move", new { boardId = to.Id, reason = "Passt besser zu Finanzierung" }))
            .ReadAs<ThreadResponse>();
        Assert.Equal(to.Id, moved.BoardId);

        var fromList = await (await Seed.Anonymous.GetAsync($"{Api}/boards/{from.Id}/threads")).ReadAs<KeysetPage<ThreadResponse>>();
        var toList = await (await Seed.Anonymous.GetAsync($"{Api}/boards/{to.Id}/threads")).ReadAs<KeysetPage<ThreadResponse>>();
        Assert.Empty(fromList.Items);
        Assert.Equal([thread.Id], toList.Items.Select(t => t.Id));

        var history = await (await Seed.Anonymous.GetAsync($"{Api}/threads/{thread.Id}/history")).ReadAs<List<ThreadHistoryResponse>>();
        Assert.Equal(["ThreadLocked", "ThreadUnlocked", "ThreadMoved"], history.Select(h => h.Action));
        Assert.Equal(["Wird überarbeitet", "Wieder offen", "Passt besser zu Finanzierung"], history.Select(h => h.Reason));
        Assert.All(history, h => Assert.True(h.By.IsStaff));
        Assert.Equal((from.Id, to.Id), (history[2].FromBoardId, history[2].ToBoardId));
    }

    [Fact]
    public async Task An_erased_authors_posts_stay_and_read_former_member()
    {
        var organisation = await Seed.VerifiedOrganisation("Leipziger Forum Afrika", "14713000");
        var erin = await Seed.Person("Erin Erased", consent: true, organisation);
        var board = await Seed.Board("Erinnerungen");
        var thread = await Thread(erin.Client, board.Id, "Unser Projekt", "Ein Beitrag, der bleibt.");
        Assert.Equal("Erin Erased", thread.FirstPost!.Author.Name);

        await Seed.Publish(new PersonErased(erin.Id, 10, DateTimeOffset.UtcNow));
        var post = await Eventually.Until(async () => await (await Seed.Anonymous.GetAsync($"{Api}/posts/{thread.FirstPost.Id}")).ReadAs<PostResponse>(),
            p => p.Author.FormerMember, Delivery, "the author shown as a former member");
        Assert.Equal((ParticipantNames.FormerMember, "Ein Beitrag, der bleibt."), (post.Author.Name, post.Source));
        var all = await (await Seed.Anonymous.GetAsync($"{Api}/boards/{board.Id}/threads")).Content.ReadAsStringAsync();
        Assert.DoesNotContain("Erin", all);
    }

    [Fact]
    public async Task Staff_promote_a_thread_once_and_the_Knowledge_service_hears_what_it_needs_for_a_draft_good_practice()
    {
        await using var tap = await IntegrationEventTap.BindAsync(Network.RabbitMq, typeof(Network.Contracts.Forum.ThreadPromotedToGoodPractice));
        var organisation = await Seed.VerifiedOrganisation("Düren International", "05358008");
        var author = await Seed.Person("Deniz", consent: true, organisation);
        var board = await Seed.Board("Gute Praxis", themes: ["education", "migration"]);
        var thread = await Thread(author.Client, board.Id, "Mentoring für Neuankömmlinge", "Unser Mentoring-Programm läuft seit zwei Jahren.");
        await Reply(Seed.Staff, thread.Id, "Das sollten wir als gute Praxis festhalten.");

        var promote = new { summary = "Mentoring by established migrant organisations halves the time newcomers need to find advice.", language = "en" };
        await (await author.Client.PostJson($"{Api}/threads/{thread.Id}/promotion", promote)).AssertProblem(HttpStatusCode.Forbidden);
        var promoted = await (await Seed.Staff.PostJson($"{Api}/threads/{thread.Id}/promotion", promote)).ReadAs<ThreadResponse>();
        Assert.NotNull(promoted.PromotedAt);
        await (await Seed.Staff.PostJson($"{Api}/threads/{thread.Id}/promotion", promote)).AssertProblem(HttpStatusCode.Conflict);

        var message = await tap.WaitFor<Network.Contracts.Forum.ThreadPromotedToGoodPractice>(m => m.GetProperty("threadId").GetGuid() == thread.Id);
        Assert.Equal("Mentoring für Neuankömmlinge", message.GetProperty("title").GetString());
        Assert.Equal(promote.summary, message.GetProperty("summary").GetString());
        Assert.Equal(["education", "migration"], message.GetProperty("themes").EnumerateArray().Select(t => t.GetString()));
        Assert.Equal([organisation], message.GetProperty("organisationIds").EnumerateArray().Select(o => o.GetGuid()));
        // The link back resolves through the gateway.
        await (await Seed.Anonymous.GetAsync(message.GetProperty("threadPath").GetString())).AssertSuccess();
        var history = await (await Seed.Anonymous.GetAsync($"{Api}/threads/{thread.Id}/history")).ReadAs<List<ThreadHistoryResponse>>();
        Assert.Equal(("ThreadPromoted", promote.summary), (Assert.Single(history).Action, history[0].Reason));
    }
}
