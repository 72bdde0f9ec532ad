using System.Net;
using Network.Forum.Digests;
using Network.Forum.Following;
using Network.Forum.Notifications;
using Network.Tests.Hosting;
using Network.Tests.Infrastructure;
using Xunit;
using static Network.Tests.Forum.ForumSeed;

namespace Network.Tests.Forum;

/// <summary>A network whose Forum counts a "day" of digests in seconds, and sweeps every second.</summary>
public sealed class DigestNetworkFixture : IAsyncLifetime
{
    /// <summary>The digest period in this network: long enough for a test's few posts and a hiding to land in one period.</summary>
    public static readonly TimeSpan Day = TimeSpan.FromSeconds(10);

    public NetworkUnderTest Network { get; private set; } = null!;

    public async Task InitializeAsync() => Network = await NetworkUnderTest.StartAsync(forumSettings: new Dictionary<string, string?>
    {
        [$"{DigestSettings.Section}:Daily"] = Day.ToString(),
        [$"{DigestSettings.Section}:Weekly"] = (Day * 7).ToString(),
        [$"{DigestSettings.Section}:SweepEvery"] = "00:00:01",
        [$"{DigestSettings.Section}:Settle"] = "00:00:01",
    });

    public async Task DisposeAsync()
    {
        if (Network is not null) await Network.DisposeAsync();
    }
}

/// <summary>
/// The digest mail end to end: a member of a local network chooses a daily digest, a colleague posts on the network's board, the
/// member sees it unread in their notifications, and the digest arrives in the SMTP server, mailed by the Identity service,
/// without what moderators hid; nobody who did not choose one gets a mail.
/// </summary>
public class DigestTests(DigestNetworkFixture fixture) : IClassFixture<DigestNetworkFixture>
{
    NetworkUnderTest Network => fixture.Network;
    ForumSeed Seed => new(Network);

    [Fact]
    public async Task A_member_who_chose_a_daily_digest_gets_their_networks_news_by_mail_without_hidden_posts_and_nothing_once_off()
    {
        var coordinating = await Seed.VerifiedOrganisation("Eine Welt Netz Leipzig");
        var member = await Seed.VerifiedOrganisation("Vietnamesischer Kulturverein Leipzig");
        var cora = await Seed.Person("Cora Coordinator", consent: true, coordinating);
        var ben = await Seed.Person("Ben Beispiel", consent: true, member);
        var mia = await Seed.Person("Mia Mitglied", consent: true, member);
        var dana = await Seed.Person("Dana Daneben", consent: true, member);
        var board = await Seed.NetworkBoard("Netz Leipzig", coordinating, member);
        await Eventually.Until(() => mia.Client.GetAsync($"{Api}/boards/{board.Id}"), r => r.IsSuccessStatusCode, Delivery, "the member's organisation in the network");
        foreach (var reader in new[] { mia, dana })
            Assert.Equal(HttpStatusCode.NoContent, (await reader.Client.PutAsync($"{Api}/boards/{board.Id}/following", null)).StatusCode);

        // Off until chosen; Dana never chooses one.
        Assert.Equal(new DigestResponse(DigestFrequency.Off, null), await (await mia.Client.GetAsync($"{Api}/notifications/mine/digest")).ReadAs<DigestResponse>());
        var chosen = await (await mia.Client.PutJson($"{Api}/notifications/mine/digest", new { frequency = "Daily" })).ReadAs<DigestResponse>();
        Assert.Equal(DigestFrequency.Daily, chosen.Frequency);
        Assert.InRange(chosen.NextDigestAt!.Value, DateTimeOffset.UtcNow, DateTimeOffset.UtcNow + DigestNetworkFixture.Day + TimeSpan.FromSeconds(1));

        var news = await Thread(ben.Client, board.Id, "Sommerfest im Clara-Zetkin-Park", "Wer bringt Tische mit?");
        var hidden = await Thread(ben.Client, board.Id, "Werbung für Ferienwohnungen", "Günstig zu vermieten!");
        await (await cora.Client.PostJson($"{Api}/posts/{hidden.FirstPost!.Id}/hiding", new { reason = "Werbung" })).AssertSuccess();

        // In the forum: both new threads unread in Mia's notifications.
        var mine = await Eventually.Until(async () => await (await mia.Client.GetAsync($"{Api}/notifications/mine")).ReadAs<MyNotificationsResponse>(),
            n => n.Unread == 2, Delivery, "two unread notifications");
        Assert.Equal(new[] { news.Id, hidden.Id }.Order(), mine.Notifications.Items.Select(n => n.ThreadId).Order());

        // By mail: the digest, from the Identity service, to Mia's address; the hidden thread is not in it.
        var smtp = await TestServers.Smtp;
        var digest = await smtp.WaitForMailToAsync(mia.Email, TimeSpan.FromSeconds(60));
        Assert.Contains("Tagesübersicht", digest.Subject);
        Assert.Contains("daily digest (1)", digest.Subject);
        Assert.StartsWith("Hallo Mia Mitglied,", digest.TextBody);
        Assert.Contains("Neues Thema: \"Sommerfest im Clara-Zetkin-Park\" (Netz Leipzig", digest.TextBody);
        Assert.Contains("New thread: \"Sommerfest im Clara-Zetkin-Park\"", digest.TextBody);
        Assert.Contains($"{Network.Gateway.Address}api/forum/threads/{news.Id}", digest.TextBody);
        Assert.DoesNotContain("Ferienwohnungen", digest.TextBody + digest.Subject);

        // A day with nothing new mails nothing; the next digest is due a day later.
        var next = await Eventually.Until(async () => await (await mia.Client.GetAsync($"{Api}/notifications/mine/digest")).ReadAs<DigestResponse>(),
            d => d.NextDigestAt > chosen.NextDigestAt + DigestNetworkFixture.Day, TimeSpan.FromSeconds(60), "an empty day to pass");
        Assert.Single(await smtp.MailsToAsync(mia.Email));

        // Off: nothing more, however much happens.
        Assert.Equal(new DigestResponse(DigestFrequency.Off, null),
            await (await mia.Client.PutJson($"{Api}/notifications/mine/digest", new { frequency = "Off" })).ReadAs<DigestResponse>());
        await Thread(ben.Client, board.Id, "Nach dem Sommerfest", "Danke an alle!");
        await Eventually.Until(async () => await (await mia.Client.GetAsync($"{Api}/notifications/mine")).ReadAs<MyNotificationsResponse>(),
            n => n.Unread == 3, Delivery, "the third notification");
        await Task.Delay(next.NextDigestAt!.Value - DateTimeOffset.UtcNow + TimeSpan.FromSeconds(3) is { Ticks: > 0 } wait ? wait : TimeSpan.Zero);
        Assert.Single(await smtp.MailsToAsync(mia.Email));
        Assert.Empty(await smtp.MailsToAsync(dana.Email));
    }

    [Fact]
    public async Task A_digest_choice_needs_a_known_frequency_by_name_and_a_signed_in_person()
    {
        var mia = await Network.MemberAsync();
        foreach (var body in new object[] { new { }, new { frequency = "Hourly" }, new { frequency = 1 } })
            await (await mia.PutJson($"{Api}/notifications/mine/digest", body)).AssertProblem(HttpStatusCode.BadRequest);
        await (await Seed.Anonymous.PutJson($"{Api}/notifications/mine/digest", new { frequency = "Daily" })).AssertProblem(HttpStatusCode.Unauthorized);
        await (await Seed.Anonymous.GetAsync($"{Api}/notifications/mine/digest")).AssertProblem(HttpStatusCode.Unauthorized);
        Assert.Equal(DigestFrequency.Off, (await (await mia.GetAsync($"{Api}/notifications/mine/digest")).ReadAs<DigestResponse>()).Frequency);
    }
}
