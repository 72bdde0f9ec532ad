using System.Text;
using RabbitMQ.Client;
using RabbitMQ.Client.Events;
using RabbitMQ.Client.Exceptions;
using Xunit;

namespace Network.Tests.Infrastructure.Tests;

public class RabbitMqSmokeTests
{
    [Fact]
    public async Task A_new_vhost_carries_a_message_from_publisher_to_consumer()
    {
        var uri = await TestServers.CreateVirtualHostAsync("smoke");
        await using var connection = await new ConnectionFactory { Uri = new Uri(uri) }.CreateConnectionAsync();
        await using var channel = await connection.CreateChannelAsync();
        var queue = (await channel.QueueDeclareAsync()).QueueName;

        var received = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        var consumer = new AsyncEventingBasicConsumer(channel);
        consumer.ReceivedAsync += (_, delivery) =>
        {
            received.TrySetResult(Encoding.UTF8.GetString(delivery.Body.Span));
            return Task.CompletedTask;
        };
        await channel.BasicConsumeAsync(queue, autoAck: true, consumer);
        await channel.BasicPublishAsync("", queue, Encoding.UTF8.GetBytes("hello"));

        Assert.Equal("hello", await received.Task.WaitAsync(TimeSpan.FromSeconds(10)));
    }

    [Fact]
    public async Task Vhosts_do_not_share_queues()
    {
        var first = await TestServers.CreateVirtualHostAsync("smoke");
        var second = await TestServers.CreateVirtualHostAsync("smoke");
        Assert.NotEqual(first, second);

        await using (var connection = await new ConnectionFactory { Uri = new Uri(first) }.CreateConnectionAsync())
        await using (var channel = await connection.CreateChannelAsync())
            await channel.QueueDeclareAsync("shared-name", durable: false, exclusive: false, autoDelete: false);

        await using var other = await new ConnectionFactory { Uri = new Uri(second) }.CreateConnectionAsync();
        await using var otherChannel = await other.CreateChannelAsync();
        var missing = await Assert.ThrowsAsync<OperationInterruptedException>(() => otherChannel.QueueDeclarePassiveAsync("shared-name"));
        Assert.Equal((ushort)404, missing.ShutdownReason?.ReplyCode);
    }
}
