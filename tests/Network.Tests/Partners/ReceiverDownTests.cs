using System.Net;
using Microsoft.AspNetCore.Http;
using Network.Tests.Hosting;
using Network.Tests.Identity;
using Xunit;
using Xunit.Abstractions;

namespace Network.Tests.Partners;

/// <summary>A network whose Partners clock runs 30 minutes behind real time, so a test can let ten minutes of downtime pass and catch up.</summary>
public sealed class ReceiverDownFixture : IAsyncLifetime
{
    public TestClock Clock { get; } = new(TimeSpan.FromMinutes(-30));
    public NetworkUnderTest Network { get; private set; } = null!;

    /// <summary>Retries at most a minute apart here (production: 6 h), so what is retried just before the receiver is back follows soon.</summary>
    public async Task InitializeAsync() => Network = await NetworkUnderTest.StartAsync(partners: Clock.Setup(new Dictionary<string, string?>
    {
        ["Partners:Delivery:MaxRetryDelay"] = "00:01:00",
    }));

    public async Task DisposeAsync()
    {
        if (Network is not null) await Network.DisposeAsync();
        await Clock.DisposeAsync();
    }
}

public class ReceiverDownTests(ReceiverDownFixture fixture, ITestOutputHelper output) : IClassFixture<ReceiverDownFixture>
{
    const int Organisations = 100;
    const int EventsPerOrganisation = 5; // registered, verified, three profile updates
    static readonly TimeSpan Downtime = TimeSpan.FromMinutes(10);

    /// <summary>
    /// The scenario: the receiver answers 503 for 10 minutes (by the service's clock) while 500 events happen in
    /// the Directory; afterwards every event has arrived at least once, verified, each organisation's in order, and the log
    /// shows the failed attempts before the accepted one.
    /// </summary>
    [Fact]
    public async Task After_ten_minutes_down_during_500_events_every_event_arrives_at_least_once_in_order_per_organisation()
    {
        var network = fixture.Network;
        var clock = fixture.Clock;
        await using var receiver = await PartnerReceiver.StartAsync();
        receiver.DownUntil = DateTimeOffset.MaxValue; // down: 503 for everything, unread (the service's clock is far behind its own meanwhile)
        var partner = await PartnerClient.CreateAsync(network, "Umbrella organisation");
        var subscription = await partner.SubscribeAsync(receiver.Url, "network.directory.organisation.*");
        receiver.Secrets = [subscription.GetProperty("secret").GetString()!];
        var downSince = clock.Now;

        // 500 events from 100 organisations, eight at a time, while the clock moves on by 5 s every half second (at most 10 minutes).
        var staff = network.Staff();
        var skipped = TimeSpan.Zero;
        var happening = Parallel.ForEachAsync(Enumerable.Range(0, Organisations), new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (i, ct) =>
        {
            var organisation = await network.RegisterOrganisationAsync($"Verein Ausfall {i:000} {Guid.NewGuid():N}"[..30]);
            for (var update = 1; update <= EventsPerOrganisation - 2; update++)
                await (await staff.PutAsync($"/api/directory/organisations/{organisation.Id}/profile", System.Net.Http.Json.JsonContent.Create(
                    new { name = organisation.Name, shortDescription = $"Update {update}." }))).AssertSuccess();
        });
        while (!happening.IsCompleted)
        {
            await Task.WhenAny(happening, Task.Delay(500));
            if (skipped < Downtime - TimeSpan.FromSeconds(5)) { clock.Skip(TimeSpan.FromSeconds(5)); skipped += TimeSpan.FromSeconds(5); }
        }
        await happening;
        // The deliverer has queued and tried all 500 (every organisation's first pending event failed at least once).
        await Eventually.Until(() => HttpAssertions.CountRows(network.PartnersDatabase, $"mt_doc_webhookdelivery where data->>'SubscriptionId' = '{subscription.Id()}'"),
            n => n >= Organisations * EventsPerOrganisation, TimeSpan.FromSeconds(120), "500 deliveries queued");
        if (clock.Now - downSince < Downtime) clock.Skip(Downtime - (clock.Now - downSince));
        Assert.True(clock.Now - downSince >= Downtime);
        var failedWhileDown = await HttpAssertions.CountRows(network.PartnersDatabase,
            $"mt_doc_deliveryattempt where data->>'SubscriptionId' = '{subscription.Id()}' and data->>'Status' = '503'");
        Assert.True(failedWhileDown >= Organisations, $"{failedWhileDown} attempts answered 503");

        // Back up: the clock catches up with real time (past every backoff); what is signed from then on is answered and verified.
        clock.CatchUp();
        receiver.DownUntil = clock.Now;

        var expected = Organisations * EventsPerOrganisation;
        var received = await receiver.WaitForAsync(w => w.Event.Type!.StartsWith("network.directory.organisation.", StringComparison.Ordinal),
            count: expected, seconds: 240, what: $"{expected} webhooks after the receiver came back");
        Assert.Empty(receiver.Rejected);
        var distinct = received.Select(w => w.Event.Id).Distinct().Count();
        Assert.Equal(expected, distinct);

        // In order per organisation: first arrivals by the organisation's version, registered first.
        foreach (var organisation in received.GroupBy(w => w.Event.Subject))
        {
            var versions = organisation.DistinctBy(w => w.Event.Id).Select(w => long.Parse((string)w.Event["sourceversion"]!)).ToList();
            Assert.Equal(versions.Order(), versions);
            Assert.Equal("network.directory.organisation.registered.v1", organisation.First().Event.Type);
            Assert.Equal(EventsPerOrganisation, versions.Count);
        }

        // The log: every event's delivery accepted; the first pending event of each organisation after failed attempts.
        var retried = (await partner.DeliveriesAsync(subscription.Id(), "Delivered")).Where(d => d.GetProperty("attempts").GetInt32() > 1).ToList();
        Assert.NotEmpty(retried);
        var delivered = await HttpAssertions.CountRows(network.PartnersDatabase,
            $"mt_doc_deliveryattempt where data->>'SubscriptionId' = '{subscription.Id()}' and data->>'Outcome' = 'delivered'");
        Assert.True(delivered >= expected, $"{delivered} accepted attempts");
        output.WriteLine($"{failedWhileDown} attempts answered 503 while down, {delivered} accepted, {received.Count} webhooks received ({distinct} distinct).");
    }
}
