using System.Net;
using System.Net.Sockets;
using System.Text;
using Network.Tests.Infrastructure;
using RabbitMQ.Client;
using RabbitMQ.Client.Exceptions;
using Xunit;

namespace Network.Tests.Infrastructure.Tests;

public class DedicatedBrokerSmokeTests
{
    [Fact]
    public async Task A_stopped_broker_refuses_connections_and_starts_again_on_the_same_port_with_its_data()
    {
        await using var broker = await TestServers.StartDedicatedRabbitMqAsync();
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
            Assert.Equal(0u, await channel.QueueDeclarePassiveAsync("durable").ContinueWith(t => t.Result.MessageCount));
    }

    [Fact]
    public async Task A_paused_broker_accepts_tcp_but_does_not_answer_until_resumed()
    {
        await using var broker = await TestServers.StartDedicatedRabbitMqAsync();
        await broker.PauseAsync();
        Assert.True(await Accepts(broker.Port));
        await Assert.ThrowsAsync<BrokerUnreachableException>(() => Connect(broker.AmqpUri, TimeSpan.FromSeconds(2)));

        await broker.ResumeAsync();
        await using var connection = await Connect(broker.AmqpUri);
        Assert.True(connection.IsOpen);
    }

    static Task<IConnection> Connect(string uri, TimeSpan? timeout = null) => new ConnectionFactory
    {
        Uri = new Uri(uri),
        AutomaticRecoveryEnabled = false,
        RequestedConnectionTimeout = timeout ?? TimeSpan.FromSeconds(10),
        HandshakeContinuationTimeout = timeout ?? TimeSpan.FromSeconds(10),
    }.CreateConnectionAsync();

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
