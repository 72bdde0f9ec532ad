using System.Collections.Concurrent;
using System.Text.Json;
using Network.Platform.Messaging;
using RabbitMQ.Client;
using RabbitMQ.Client.Events;

namespace Network.Tests.Hosting;

/// <summary>
/// What another service would receive: a test's own queue on the network's RabbitMQ virtual host, bound to the
/// exchanges MassTransit publishes the given contract types to. Collects every message that arrives.
/// </summary>
public sealed class IntegrationEventTap : IAsyncDisposable
{
    readonly IConnection connection;
    readonly IChannel channel;
    readonly ConcurrentQueue<(string Type, JsonElement Message)> received = new();

    IntegrationEventTap(IConnection connection, IChannel channel)
    {
        this.connection = connection;
        this.channel = channel;
    }

    /// <summary>Binds a new exclusive queue to the exchanges of <paramref name="contracts"/> and starts receiving.</summary>
    public static async Task<IntegrationEventTap> BindAsync(string rabbitMq, params Type[] contracts)
    {
        var address = RabbitMqAddress.Parse(rabbitMq);
        var connection = await new ConnectionFactory
        {
            HostName = address.Host, Port = address.Port, VirtualHost = address.VirtualHost, UserName = address.UserName, Password = address.Password,
        }.CreateConnectionAsync();
        var channel = await connection.CreateChannelAsync();
        var tap = new IntegrationEventTap(connection, channel);
        var queue = $"test-tap-{Guid.NewGuid():N}";
        await channel.QueueDeclareAsync(queue, durable: false, exclusive: true, autoDelete: true);
        foreach (var contract in contracts)
        {
            // Declared as MassTransit declares a published message type's exchange, so either side may come first.
            var exchange = $"{contract.Namespace}:{contract.Name}";
            await channel.ExchangeDeclareAsync(exchange, ExchangeType.Fanout, durable: true, autoDelete: false);
            await channel.QueueBindAsync(queue, exchange, "");
        }
        var consumer = new AsyncEventingBasicConsumer(channel);
        consumer.ReceivedAsync += (_, delivery) =>
        {
            var envelope = JsonDocument.Parse(delivery.Body.ToArray()).RootElement;
            var type = envelope.GetProperty("messageType")[0].GetString()!; // urn:message:Namespace:Type
            tap.received.Enqueue((type[(type.LastIndexOf(':') + 1)..], envelope.GetProperty("message").Clone()));
            return Task.CompletedTask;
        };
        await channel.BasicConsumeAsync(queue, autoAck: true, consumer);
        return tap;
    }

    /// <summary>Every message of this contract type received so far.</summary>
    public IReadOnlyList<JsonElement> All<TContract>() =>
        received.Where(m => m.Type == typeof(TContract).Name).Select(m => m.Message).ToList();

    /// <summary>Waits for a message of this contract type that matches, and returns its body.</summary>
    public async Task<JsonElement> WaitFor<TContract>(Func<JsonElement, bool> matches, TimeSpan? within = null)
    {
        var found = await Eventually.Until(
            () => Task.FromResult(All<TContract>().Where(matches).Select(m => (JsonElement?)m).FirstOrDefault()),
            m => m is not null, within ?? TimeSpan.FromSeconds(30), $"{typeof(TContract).Name} on RabbitMQ");
        return found!.Value;
    }

    public async ValueTask DisposeAsync()
    {
        await channel.DisposeAsync();
        await connection.DisposeAsync();
    }
}
