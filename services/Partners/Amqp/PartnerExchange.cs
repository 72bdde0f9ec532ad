using Microsoft.Extensions.Options;
using Network.Partners.Feed;
using Network.Platform.Messaging;
using RabbitMQ.Client;

namespace Network.Partners.Amqp;

/// <summary>
/// The service's one connection to the partners' virtual host: a channel with publisher confirms on which each feed event is
/// published to its service's exchange with its type as the routing key, as the same CloudEvent the webhooks carry
/// (<see cref="PublicCloudEvents"/>), persistent, its message id the CloudEvent id. It declares the exchanges whenever it
/// connects. No automatic recovery: after a failure the next publish connects anew, and the caller decides what to send again.
/// </summary>
public sealed class PartnerExchange(IOptions<AmqpOptions> options, IConfiguration configuration) : IAsyncDisposable
{
    readonly SemaphoreSlim connecting = new(1, 1);
    IConnection? connection;
    IChannel? channel;

    /// <summary>Publishes one event and returns once the broker confirmed it (it throws when it did not).</summary>
    public async Task PublishAsync(PartnerEvent e, long position, CancellationToken ct)
    {
        var open = await ChannelAsync(ct);
        var (body, contentType) = PublicCloudEvents.Encode(PublicCloudEvents.From(e, position));
        var properties = new BasicProperties
        {
            ContentType = contentType,
            MessageId = e.Id.ToString(),
            Type = e.Type,
            DeliveryMode = DeliveryModes.Persistent,
            Timestamp = new AmqpTimestamp(e.OccurredAt.ToUnixTimeSeconds()),
            AppId = "network-partners",
        };
        await open.BasicPublishAsync(PartnerExchanges.For(e.Service), e.Type, mandatory: false, properties, body, ct);
    }

    /// <summary>Connects if it is not connected, which declares the exchanges: they exist before the first event is published.</summary>
    public async Task EnsureDeclaredAsync(CancellationToken ct) => await ChannelAsync(ct);

    /// <summary>Drops the connection, so the next publish connects anew (after a failure, or a confirm that did not come).</summary>
    public async Task ResetAsync()
    {
        await connecting.WaitAsync();
        try
        {
            await CloseAsync();
        }
        finally
        {
            connecting.Release();
        }
    }

    async Task<IChannel> ChannelAsync(CancellationToken ct)
    {
        if (channel is { IsOpen: true } current) return current;
        await connecting.WaitAsync(ct);
        try
        {
            if (channel is { IsOpen: true } opened) return opened;
            await CloseAsync();
            var broker = RabbitMqAddress.Parse(options.Value.Broker ?? configuration.GetConnectionString(RabbitMqAddress.ConnectionStringName)
                ?? throw new InvalidOperationException($"Neither {AmqpOptions.Section}:Broker nor ConnectionStrings:rabbitmq is set."));
            var factory = new ConnectionFactory
            {
                HostName = broker.Host,
                Port = broker.Port,
                UserName = broker.UserName,
                Password = broker.Password,
                VirtualHost = options.Value.VirtualHost,
                AutomaticRecoveryEnabled = false,
                TopologyRecoveryEnabled = false,
                RequestedConnectionTimeout = TimeSpan.FromSeconds(5),
                ClientProvidedName = "partners-api partner exchange",
            };
            connection = await factory.CreateConnectionAsync(ct);
            var confirmed = await connection.CreateChannelAsync(
                new CreateChannelOptions(publisherConfirmationsEnabled: true, publisherConfirmationTrackingEnabled: true), ct);
            foreach (var exchange in PartnerExchanges.All)
                await confirmed.ExchangeDeclareAsync(exchange, ExchangeType.Topic, durable: true, autoDelete: false, cancellationToken: ct);
            channel = confirmed;
            return confirmed;
        }
        finally
        {
            connecting.Release();
        }
    }

    async Task CloseAsync()
    {
        var (oldChannel, oldConnection) = (channel, connection);
        (channel, connection) = (null, null);
        try
        {
            if (oldChannel is not null) await oldChannel.DisposeAsync();
            if (oldConnection is not null)
            {
                // Abort: a broker that is gone or frozen would never answer a polite close.
                await oldConnection.AbortAsync(TimeSpan.FromSeconds(2));
                await oldConnection.DisposeAsync();
            }
        }
        catch (Exception)
        {
            // It is being thrown away because it failed; its own failure to close says nothing new.
        }
    }

    public async ValueTask DisposeAsync()
    {
        await CloseAsync();
        connecting.Dispose();
    }
}
