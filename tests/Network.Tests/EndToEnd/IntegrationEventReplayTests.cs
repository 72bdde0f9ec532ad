using System.Net;
using Network.Platform.Outbox;
using Network.Tests.Hosting;
using Xunit;
using Published = Network.Contracts.Directory;

namespace Network.Tests.EndToEnd;

/// <summary>
/// A consumer added after events were published (a new service, or a queue deleted by mistake) catches up when staff
/// replay a service's integration events; consumers that had them already drop the copies.
/// </summary>
public class IntegrationEventReplayTests(NetworkFixture fixture) : IClassFixture<NetworkFixture>
{
    static readonly TimeSpan Delivery = TimeSpan.FromSeconds(60);
    NetworkUnderTest Network => fixture.Network;
    const string Replay = "/api/directory" + IntegrationEventReplay.Path;

    Task<long> ForumInbox() => HttpAssertions.CountRows(Network.ForumDatabase, "mt_doc_processedmessage");

    [Fact]
    public async Task A_consumer_added_later_receives_everything_after_a_replay_and_earlier_consumers_apply_nothing_twice()
    {
        var staff = Network.Gateway.NewClient(Network.StaffToken);
        var names = Enumerable.Range(1, 5).Select(i => $"Vor dem neuen Dienst {i} {Guid.NewGuid():N}"[..40]).ToList();
        foreach (var name in names)
            (await staff.PostJson("/api/directory/organisations",
                new { name, kind = "MigrantOrganisation", municipalityAgs = "09162000", shortDescription = "München" })).EnsureSuccessStatusCode();
        var forumHadThem = await Eventually.Until(ForumInbox, n => n >= names.Count, Delivery, "the Forum to consume the registrations");

        // The new consumer's queue exists only now: it missed them.
        await using var latecomer = await IntegrationEventTap.BindAsync(Network.RabbitMq, typeof(Published.OrganisationRegistered));
        await Task.Delay(TimeSpan.FromSeconds(1));
        Assert.Empty(latecomer.All<Published.OrganisationRegistered>());

        await (await (await Network.MemberAsync()).PostAsync(Replay, null)).AssertProblem(HttpStatusCode.Forbidden);
        await (await staff.PostAsync($"{Replay}?fromSequence=-1", null)).AssertProblem(HttpStatusCode.BadRequest);
        var replay = await staff.PostAsync(Replay, null);
        var accepted = await replay.ReadAs<IntegrationEventReplayResponse>(HttpStatusCode.Accepted);
        Assert.Equal((IntegrationEventOutbox.SubscriptionName, 0L), (accepted.Subscription, accepted.FromSequence));

        foreach (var name in names)
            await latecomer.WaitFor<Published.OrganisationRegistered>(m => m.GetProperty("name").GetString() == name, Delivery);
        // The Forum got the same messages again and dropped them: its inbox did not grow, no organisation twice.
        await Task.Delay(TimeSpan.FromSeconds(2));
        Assert.Equal(forumHadThem, await ForumInbox());
        Assert.Equal(0, await HttpAssertions.CountRows(Network.ForumDatabase,
            "mt_doc_memberorganisation where (data->>'RegistrationsApplied')::int > 1"));
    }
}
