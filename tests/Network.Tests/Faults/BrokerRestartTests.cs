using System.Diagnostics;
using System.Net;
using Network.Tests.Hosting;
using Network.Tests.Infrastructure;
using Xunit;
using Xunit.Abstractions;

namespace Network.Tests.Faults;

/// <summary>
/// RabbitMQ restarted while the Directory keeps registering: the outbox holds what the broker did not confirm and
/// publishes it once the broker is back, the Forum's consumer reconnects by itself, and every registration reaches the
/// Forum exactly once.
/// </summary>
public class BrokerRestartTests(ITestOutputHelper output)
{
    [Fact]
    public async Task RabbitMQ_restarted_under_load_publishers_and_consumers_reconnect_and_every_registration_arrives_once()
    {
        await using var broker = await TestRabbitMq.StartDedicatedAsync();
        var directoryDb = await TestServers.CreateDatabaseAsync("directory");
        var forumDb = await TestServers.CreateDatabaseAsync("forum");
        await using var directory = new ServiceUnderTest<Network.Directory.IntegrationEvents>(
            FaultRig.Settings("directory-db", directoryDb, broker.AmqpUri)).Start();
        await using var forum = new ServiceUnderTest<Network.Forum.Organisations.MemberOrganisation>(
            FaultRig.Settings("forum-db", forumDb, broker.AmqpUri)).Start();
        await Task.WhenAll(NetworkUnderTest.WaitUntilHealthy(directory.NewClient()), NetworkUnderTest.WaitUntilHealthy(forum.NewClient()));

        var checker = new EffectChecker();
        var acknowledged = 0;
        using var stop = new CancellationTokenSource();
        var writers = Enumerable.Range(0, 4).Select(w => Task.Run(async () =>
        {
            for (var n = 0; !stop.IsCancellationRequested; n++)
            {
                var id = await FaultRig.RegisterAsync(directory, $"Broker restart {w}-{n:0000}");
                checker.Acknowledged(id.ToString());
                Interlocked.Increment(ref acknowledged);
                await Task.Delay(100); // a steady load, not a flood: about 40 registrations a second
            }
        })).ToList();

        await Eventually.Until(() => FaultRig.ForumAppliedAsync(forumDb), n => n >= 50, TimeSpan.FromSeconds(60), "50 registrations in the forum");
        await broker.StopAsync();
        // Both services say so while it is gone (a publish-only bus would still say Healthy).
        await Task.WhenAll(
            WaitForHealth(directory.NewClient(), HttpStatusCode.ServiceUnavailable),
            WaitForHealth(forum.NewClient(), HttpStatusCode.ServiceUnavailable));
        var duringOutage = Volatile.Read(ref acknowledged);
        await Task.Delay(TimeSpan.FromSeconds(2));
        await broker.StartAsync();
        var restarted = Stopwatch.StartNew();
        var atRestart = Volatile.Read(ref acknowledged);
        Assert.True(atRestart > duringOutage, "the Directory kept registering while the broker was down");

        // Registrations after the restart reach the forum only through a reconnected publisher and consumer.
        await Eventually.Until(() => Task.FromResult(Volatile.Read(ref acknowledged)), n => n >= atRestart + 100, TimeSpan.FromSeconds(60),
            "100 registrations after the restart");
        await stop.CancelAsync();
        await Task.WhenAll(writers);
        var total = Volatile.Read(ref acknowledged);

        await FaultRig.WaitForForumAsync(forumDb, total, TimeSpan.FromSeconds(60));
        var caughtUp = restarted.Elapsed;
        await Task.WhenAll(
            WaitForHealth(directory.NewClient(), HttpStatusCode.OK),
            WaitForHealth(forum.NewClient(), HttpStatusCode.OK));
        await FaultRig.ObserveForumAsync(checker, forumDb);
        var report = checker.Check();
        output.WriteLine($"{total} registrations, {atRestart - duringOutage}+ while the broker was down; forum caught up {caughtUp.TotalSeconds:0.0} s after the restart; {report}");
        Assert.True(report.IsValid, report.ToString());
        Assert.Equal(total, report.Ok.Count);
    }

    static Task WaitForHealth(HttpClient client, HttpStatusCode status) => Eventually.Until(
        async () =>
        {
            using var response = await client.GetAsync("/health");
            return response.StatusCode;
        },
        s => s == status, TimeSpan.FromSeconds(30), $"{client.BaseAddress}health to answer {(int)status}");
}
