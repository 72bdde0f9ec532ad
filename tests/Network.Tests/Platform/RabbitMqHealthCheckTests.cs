using Microsoft.Extensions.Diagnostics.HealthChecks;
using Network.Platform.Hosting;
using Network.Platform.Messaging;
using Network.Tests.Hosting;
using Network.Tests.Infrastructure;
using Xunit;

namespace Network.Tests.Platform;

/// <summary>
/// The readiness check's view of RabbitMQ, on a broker of this test's own (issue 9: health checks that reuse their
/// connection instead of opening one per call).
/// </summary>
public class RabbitMqHealthCheckTests
{
    static Task<HealthStatus> Check(RabbitMqReachable check) =>
        check.CheckHealthAsync(new HealthCheckContext()).ContinueWith(t => t.Result.Status);

    /// <summary>Open TCP connections to the broker's port from this machine (only this test talks to its broker).</summary>
    static int ConnectionsTo(int port) =>
        new[] { "/proc/net/tcp", "/proc/net/tcp6" }.Where(File.Exists).SelectMany(f => File.ReadLines(f).Skip(1))
            .Select(line => line.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            .Count(fields => fields[3] == "01" && Convert.ToInt32(fields[2].Split(':')[1], 16) == port);

    [Fact]
    public async Task Checks_reuse_one_connection_and_after_a_broker_restart_open_a_new_one()
    {
        await using var broker = await TestServers.StartDedicatedRabbitMqAsync();
        await using var check = new RabbitMqReachable(RabbitMqAddress.Parse(broker.AmqpUri));

        for (var i = 0; i < 20; i++)
            Assert.Equal(HealthStatus.Healthy, await Check(check));
        // One connection open for all twenty (the old check opened and closed one each time: none stayed open).
        Assert.Equal(1, ConnectionsTo(broker.Port));

        await broker.StopAsync();
        Assert.Equal(HealthStatus.Unhealthy, await Check(check));

        await broker.StartAsync();
        await Eventually.Until(() => Check(check), s => s == HealthStatus.Healthy, TimeSpan.FromSeconds(30), "healthy again after the restart");
        for (var i = 0; i < 5; i++)
            Assert.Equal(HealthStatus.Healthy, await Check(check));
        Assert.Equal(1, ConnectionsTo(broker.Port));
    }
}
