using System.Net;
using System.Net.Sockets;
using System.Text;
using RabbitMQ.Client;
using RabbitMQ.Client.Exceptions;
using Xunit;

namespace Network.Tests.Infrastructure.Tests;

/// <summary>One dedicated broker for the class; each test leaves it running.</summary>
public sealed class DedicatedBroker : IAsyncLifetime
{
    public TestRabbitMq Broker { get; private set; } = null!;
    public async Task InitializeAsync() => Broker = await TestServers.StartDedicatedRabbitMqAsync();
    public async Task DisposeAsync() => await Broker.DisposeAsync();
}

public class DedicatedBrokerSmokeTests(DedicatedBroker fixture) : IClassFixture<DedicatedBroker>
{
    readonly TestRabbitMq broker = fixture.Broker;

    [Fact]
    public async Task A_stopped_broker_refuses_connections_and_starts_again_on_the_same_port_with_its_data()
    {
        var port = broker.Port;
        await using (var connection = await Connect(broker.AmqpUri))
        await using (var channel = await connection.CreateChannelAsync(new CreateChannelOptions(publisherConfirmationsEnabled: true, publisherConfirmationTrackingEnabled: true)))
        {
            await channel.QueueDeclareAsync("durable", durable: true, exclusive: false, autoDelete: false);
            await channel.BasicPublishAsync("", "durable", mandatory: true, new BasicProperties { Persistent = true }, Encoding.UTF8.GetBytes("kept"));
        }

        await broker.StopAsync();
        Assert.False(await Accepts(port));
        await Assert.ThrowsAsync<BrokerUnreachableException>(() => Connect(broker.AmqpUri));

        await broker.StartAsync();
        Assert.Equal(port, broker.Port);
        await using (var connection = await Connect(broker.AmqpUri))
        await using (var channel = await connection.CreateChannelAsync())
        {
            var message = await channel.BasicGetAsync("durable", autoAck: true);
            Assert.Equal("kept", Encoding.UTF8.GetString(message!.Body.Span));
        }

        await broker.KillAsync();
        Assert.False(await Accepts(port));
        await broker.StartAsync();
        await using (var connection = await Connect(broker.AmqpUri))
        await using (var channel = await connection.CreateChannelAsync())
            await channel.QueueDeclarePassiveAsync("durable"); // the durable queue survived the crash
    }

    [Fact]
    public async Task A_paused_broker_accepts_tcp_but_does_not_answer_until_resumed()
    {
        await broker.PauseAsync();
        try
        {
            Assert.True(await Accepts(broker.Port));
            await Assert.ThrowsAnyAsync<Exception>(() => Connect(broker.AmqpUri, TimeSpan.FromSeconds(2)));
        }
        finally
        {
            await broker.ResumeAsync();
        }
        await using var connection = await Connect(broker.AmqpUri);
        Assert.True(connection.IsOpen);
    }

    static async Task<IConnection> Connect(string uri, TimeSpan? timeout = null)
    {
        var factory = new ConnectionFactory
        {
            Uri = new Uri(uri),
            AutomaticRecoveryEnabled = false,
            RequestedConnectionTimeout = timeout ?? TimeSpan.FromSeconds(10),
            HandshakeContinuationTimeout = timeout ?? TimeSpan.FromSeconds(10),
        };
        using var cts = new CancellationTokenSource(timeout ?? TimeSpan.FromSeconds(10));
        return await factory.CreateConnectionAsync(cts.Token);
    }

    static async Task<bool> Accepts(int port)
    {
        using var client = new TcpClient();
        try
        {
            await client.ConnectAsync(IPAddress.Loopback, port);
            return true;
        }
        catch (SocketException e) when (e.SocketErrorCode == SocketError.ConnectionRefused)
        {
            return false;
        }
    }
}
