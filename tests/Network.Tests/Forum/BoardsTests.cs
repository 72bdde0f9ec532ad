using System.Net;
using Network.Forum.Boards;
using Network.Forum.Boards.Viewing;
using Network.Forum.Notifications;
using Network.Platform.Http;
using Network.Tests.Hosting;
using Xunit;
using static Network.Tests.Forum.ForumSeed;

namespace Network.Tests.Forum;

/// <summary>Boards: thematic ones staff create, one per local network opened by the Directory, each read as its visibility says.</summary>
public class BoardsTests(NetworkFixture fixture) : IClassFixture<NetworkFixture>
{
    NetworkUnderTest Network => fixture.Network;
    ForumSeed Seed => new(Network);

    [Fact]
    public async Task Staff_create_thematic_boards_and_each_is_read_by_whom_its_visibility_names()
    {
        var open = await Seed.Board("Bildung für nachhaltige Entwicklung", "Public", ["education", "global-learning"]);
        var closed = await Seed.Board("Nur für Mitglieder", "Members");
        Assert.Equal(("Bildung für nachhaltige Entwicklung (de)", "Bildung für nachhaltige Entwicklung"), (open.Name.De, open.Name.En));
        Assert.Equal(["education", "global-learning"], open.Themes);
        Assert.Equal(BoardKind.Thematic, open.Kind);

        await (await Seed.Anonymous.GetAsync($"{Api}/boards/{open.Id}")).ReadAs<BoardResponse>();
        await (await Seed.Anonymous.GetAsync($"{Api}/boards/{closed.Id}")).AssertProblem(HttpStatusCode.NotFound);
        var member = await Network.MemberAsync();
        await (await member.GetAsync($"{Api}/boards/{closed.Id}")).ReadAs<BoardResponse>();

        var anonymousList = await (await Seed.Anonymous.GetAsync($"{Api}/boards?pageSize=100")).ReadAs<Page<BoardResponse>>();
        Assert.Contains(anonymousList.Items, b => b.Id == open.Id);
        Assert.DoesNotContain(anonymousList.Items, b => b.Id == closed.Id);
        var byTheme = await (await Seed.Anonymous.GetAsync($"{Api}/boards?theme=global-learning")).ReadAs<Page<BoardResponse>>();
        Assert.Equal(open.Id, Assert.Single(byTheme.Items).Id);

        // Only staff create boards; a board needs both names and well-formed theme keys.
        await (await member.PostJson($"{Api}/boards", new { name = new { de = "X", en = "X" } })).AssertProblem(HttpStatusCode.Forbidden);
        var invalid = await (await Seed.Staff.PostJson($"{Api}/boards", new { name = new { de = "Nur Deutsch" }, themes = new[] { "Not A Key" } }))
            .AssertProblem(HttpStatusCode.BadRequest);
        Assert.True(invalid.GetProperty("errors").TryGetProperty("name.en", out _));
        Assert.True(invalid.GetProperty("errors").TryGetProperty("themes", out _));
    }

    [Fact]
    public async Task A_local_network_gets_a_board_read_by_its_organisations_that_is_archived_while_the_network_is_dormant()
    {
        var coordinator = await Seed.VerifiedOrganisation("Bonner Eine-Welt-Netz");
        var member = await Seed.VerifiedOrganisation("Sankofa Bonn");
        var outsider = await Seed.VerifiedOrganisation("Kieler Initiative");
        var board = await Seed.NetworkBoard("Netzwerk Bonn", coordinator, member);
        Assert.Equal((BoardVisibility.Network, coordinator, "05314000", false),
            (board.Visibility, board.CoordinatorOrganisationId, board.MunicipalityAgs, board.Archived));

        var insider = await Network.MemberAsync(member);
        var stranger = await Network.MemberAsync(outsider);
        await Eventually.Until(() => insider.GetAsync($"{Api}/boards/{board.Id}"), r => r.IsSuccessStatusCode, Delivery,
            "the member organisation's join to reach the forum");
        await (await stranger.GetAsync($"{Api}/boards/{board.Id}")).AssertProblem(HttpStatusCode.NotFound);
        await (await Seed.Anonymous.GetAsync($"{Api}/boards/{board.Id}")).AssertProblem(HttpStatusCode.NotFound);

        // Dormant: archived (no posts); active again: reopened.
        await (await Seed.Staff.PostJson($"/api/directory/local-networks/{board.Id}/stage", new { stage = "Dormant", on = "2025-06-01", note = "Pause über den Sommer." })).AssertSuccess();
        await Eventually.Until(async () => await (await Seed.Staff.GetAsync($"{Api}/boards/{board.Id}")).ReadAs<BoardResponse>(), b => b.Archived, Delivery, "the board archived");
        var staffPost = await Seed.Staff.PostJson($"{Api}/boards/{board.Id}/threads", new { title = "Noch da?", body = "Hallo", language = "de" });
        await staffPost.AssertProblem(HttpStatusCode.Conflict);
        await (await Seed.Staff.PostJson($"/api/directory/local-networks/{board.Id}/stage", new { stage = "Active", on = "2025-09-01", note = "Wieder aktiv." })).AssertSuccess();
        await Eventually.Until(async () => await (await Seed.Staff.GetAsync($"{Api}/boards/{board.Id}")).ReadAs<BoardResponse>(), b => !b.Archived, Delivery, "the board reopened");
    }

    [Fact]
    public async Task A_member_who_follows_their_networks_board_sees_new_threads_and_quotes_as_unread_notifications()
    {
        var coordinator = await Seed.VerifiedOrganisation("Münchner Eine-Welt-Netz", "09162000");
        var member = await Seed.VerifiedOrganisation("Afrikanischer Kulturverein München", "09162000");
        var follower = await Seed.Person("Fatou Follower", consent: true, member);
        var writer = await Seed.Person("Wim Writer", consent: true, coordinator);
        var board = await Seed.NetworkBoard("Netzwerk München", coordinator, member);
        await Eventually.Until(() => follower.Client.GetAsync($"{Api}/boards/{board.Id}"), r => r.IsSuccessStatusCode, Delivery, "the member organisation in the network");

        Assert.Equal(System.Net.HttpStatusCode.NoContent, (await follower.Client.PutAsync($"{Api}/boards/{board.Id}/following", null)).StatusCode);
        var own = await Thread(follower.Client, board.Id, "Unser Sommerfest", "Wer kommt?");
        var started = await Thread(writer.Client, board.Id, "Fördermittel 2026", "Neue Programme der Stadt.");
        await Reply(writer.Client, own.Id, "Wir kommen gern!", own.FirstPost!.Id);

        var mine = await Eventually.Until(async () => await (await follower.Client.GetAsync($"{Api}/notifications/mine")).ReadAs<MyNotificationsResponse>(),
            // The list and the count are two reads: a notification written between them shows in the count first.
            n => n.Unread == 2 && n.Notifications.Items.Count == 2, Delivery, "two unread notifications");
        Assert.Equal([(NotificationKind.Quote, own.Id), (NotificationKind.NewThread, started.Id)],
            mine.Notifications.Items.Select(n => (n.Kind, n.ThreadId)));
        Assert.Equal(1, mine.UnreadByThread[started.Id]);
        Assert.Equal([board.Id], mine.FollowedBoards);
        // The writer is not told of their own posts.
        var writers = await (await writer.Client.GetAsync($"{Api}/notifications/mine")).ReadAs<MyNotificationsResponse>();
        Assert.Equal(0, writers.Unread);

        Assert.Equal(System.Net.HttpStatusCode.NoContent, (await follower.Client.PostAsync($"{Api}/notifications/mine/read", null)).StatusCode);
        var read = await (await follower.Client.GetAsync($"{Api}/notifications/mine")).ReadAs<MyNotificationsResponse>();
        Assert.Equal((0, 2), (read.Unread, read.Notifications.Items.Count));
        await (await Seed.Anonymous.GetAsync($"{Api}/notifications/mine")).AssertProblem(System.Net.HttpStatusCode.Unauthorized);
    }
}
