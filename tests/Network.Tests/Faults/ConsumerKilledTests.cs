using Network.Tests.Hosting;
using Network.Tests.Infrastructure;
using Xunit;
using Xunit.Abstractions;

namespace Network.Tests.Faults;

/// <summary>
/// A consumer that dies mid-stream (SIGKILL: no ack sent, no shutdown) and comes back loses nothing: RabbitMQ
/// redelivers what it had not acknowledged, and the inbox turns a redelivered message it had already applied into a no-op.
/// </summary>
public class ConsumerKilledTests(ITestOutputHelper output)
{
    const int Messages = 1_000;

    [Fact]
    public async Task The_forum_killed_with_SIGKILL_in_the_middle_of_1000_registrations_applies_each_exactly_once_after_its_restart()
    {
        var directoryDb = await TestServers.CreateDatabaseAsync("directory");
        var forumDb = await TestServers.CreateDatabaseAsync("forum");
        var broker = await TestServers.CreateVirtualHostAsync("faults");
        // The consumer is a real process of its own (the built Forum), so that it can be killed as an OS would kill it.
        await using var forum = await ServiceProcess.StartAsync("Forum", FaultRig.Settings("forum-db", forumDb, broker));
        await using var directory = new ServiceUnderTest<Network.Directory.IntegrationEvents>(
            FaultRig.Settings("directory-db", directoryDb, broker)).Start();
        await NetworkUnderTest.WaitUntilHealthy(directory.NewClient());

        var checker = new EffectChecker();
        var producing = Parallel.ForEachAsync(Enumerable.Range(0, Messages), new ParallelOptions { MaxDegreeOfParallelism = 4 }, async (i, ct) =>
        {
            var id = await FaultRig.RegisterAsync(directory, $"Killed consumer {i:0000}", ct);
            checker.Acknowledged(id.ToString());
        });

        // In the middle of the stream: some applied, most still to come.
        var beforeKill = await FaultRig.WaitForForumAsync(forumDb, 200, TimeSpan.FromSeconds(60));
        var pid = forum.ProcessId;
        await forum.KillAsync();
        Assert.InRange(beforeKill, 200, Messages - 200);
        await Task.Delay(TimeSpan.FromSeconds(1)); // registrations go on while the consumer is gone
        await forum.StartAsync();
        Assert.NotEqual(pid, forum.ProcessId);
        await producing;

        await FaultRig.WaitForForumAsync(forumDb, Messages, TimeSpan.FromSeconds(90));
        await FaultRig.ObserveForumAsync(checker, forumDb);
        var report = checker.Check();
        output.WriteLine($"SIGKILL after {beforeKill} applied; {report}");
        Assert.True(report.IsValid, report.ToString());
        Assert.Equal(Messages, report.Ok.Count);
        // One inbox record per message, none for the redeliveries it dropped.
        Assert.Equal(Messages, await HttpAssertions.CountRows(forumDb, "mt_doc_processedmessage where data->>'MessageType' = 'OrganisationRegistered'"));
    }
}
