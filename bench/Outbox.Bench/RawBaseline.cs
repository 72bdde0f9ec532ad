using System.Collections.Concurrent;
using RabbitMQ.Client;
using RabbitMQ.Client.Events;

namespace Network.Bench.Outbox;

/// <summary>
/// What RabbitMQ.Client alone achieves on this machine, the floor the outbox is compared with: publisher
/// confirms (tracked by the client, no rate limiter), persistent messages to a durable queue, a consumer on its
/// own connection with the same prefetch as the outbox's consumer, acknowledging each message.
/// </summary>
public sealed class RawBaseline : IAsyncDisposable
{
    const string ThroughputQueue = "bench-raw-throughput";
    const string LatencyQueue = "bench-raw-latency";

    readonly IConnection publisherConnection;
    readonly IConnection consumerConnection;
    readonly IChannel publisher;
    readonly IChannel consumer;
    readonly byte[] payload;

    // Throughput phase state (the consumer runs on the client's dispatcher).
    int throughputExpected;
    int throughputReceived;
    long throughputLastReceive;
    TaskCompletionSource throughputDone = new(TaskCreationOptions.RunContinuationsAsynchronously);

    // Latency phase: receive timestamp per message id.
    readonly ConcurrentDictionary<string, long> latencyReceived = new();

    RawBaseline(IConnection publisherConnection, IConnection consumerConnection, IChannel publisher, IChannel consumer, byte[] payload)
    {
        this.publisherConnection = publisherConnection;
        this.consumerConnection = consumerConnection;
        this.publisher = publisher;
        this.consumer = consumer;
        this.payload = payload;
    }

    public int PayloadBytes => payload.Length;

    public static async Task<RawBaseline> StartAsync(string amqpUri, byte[] payload, ushort prefetch)
    {
        var factory = new ConnectionFactory { Uri = new Uri(amqpUri), AutomaticRecoveryEnabled = false };
        var publisherConnection = await factory.CreateConnectionAsync("bench-raw-publisher");
        var consumerConnection = await factory.CreateConnectionAsync("bench-raw-consumer");
        // Confirms tracked by the client: each BasicPublishAsync completes when the broker confirmed it. No rate
        // limiter: the benchmark bounds the outstanding confirms itself (the publish window).
        var publisher = await publisherConnection.CreateChannelAsync(new CreateChannelOptions(
            publisherConfirmationsEnabled: true, publisherConfirmationTrackingEnabled: true,
            outstandingPublisherConfirmationsRateLimiter: null));
        var consumer = await consumerConnection.CreateChannelAsync();
        await consumer.BasicQosAsync(0, prefetch, false);

        var raw = new RawBaseline(publisherConnection, consumerConnection, publisher, consumer, payload);
        foreach (var queue in new[] { ThroughputQueue, LatencyQueue })
        {
            await consumer.QueueDeclareAsync(queue, durable: true, exclusive: false, autoDelete: false);
            await consumer.QueuePurgeAsync(queue);
        }

        var throughputConsumer = new AsyncEventingBasicConsumer(consumer);
        throughputConsumer.ReceivedAsync += async (_, delivery) =>
        {
            var count = Interlocked.Increment(ref raw.throughputReceived);
            if (count == raw.throughputExpected)
            {
                raw.throughputLastReceive = Clock.Now;
                raw.throughputDone.TrySetResult();
            }
            await consumer.BasicAckAsync(delivery.DeliveryTag, multiple: false);
        };
        await consumer.BasicConsumeAsync(ThroughputQueue, autoAck: false, throughputConsumer);

        var latencyConsumer = new AsyncEventingBasicConsumer(consumer);
        latencyConsumer.ReceivedAsync += async (_, delivery) =>
        {
            raw.latencyReceived.TryAdd(delivery.BasicProperties.MessageId ?? "", Clock.Now);
            await consumer.BasicAckAsync(delivery.DeliveryTag, multiple: false);
        };
        await consumer.BasicConsumeAsync(LatencyQueue, autoAck: false, latencyConsumer);
        return raw;
    }

    /// <summary>
    /// Publishes <paramref name="messages"/> in windows of <paramref name="window"/> concurrent publishes whose
    /// confirms are awaited together (the client library's recommended batch pattern); returns the time from the
    /// first publish to the consumer's last receive.
    /// </summary>
    public async Task<Throughput> ThroughputAsync(int messages, int window, TimeSpan timeout)
    {
        throughputExpected = messages;
        throughputReceived = 0;
        throughputDone = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var properties = new BasicProperties { Persistent = true, ContentType = "application/json" };

        var start = Clock.Now;
        var inFlight = new List<Task>(window);
        for (var i = 0; i < messages; i++)
        {
            inFlight.Add(publisher.BasicPublishAsync("", ThroughputQueue, mandatory: false, properties, payload).AsTask());
            if (inFlight.Count == window)
            {
                await Task.WhenAll(inFlight);
                inFlight.Clear();
            }
        }
        await Task.WhenAll(inFlight);
        await Task.WhenAny(throughputDone.Task, Task.Delay(timeout));
        var received = Volatile.Read(ref throughputReceived);
        var end = received >= messages ? throughputLastReceive : Clock.Now;
        return new Throughput(messages, TimeSpan.FromMilliseconds(Clock.Ms(start, end)), Math.Min(received, messages));
    }

    /// <summary>One message at a time every <paramref name="interval"/>: time from publish to the consumer's receive.</summary>
    public async Task<(Percentiles PublishToReceive, Percentiles PublishToConfirm)> LatencyAsync(int messages, TimeSpan interval, TimeSpan timeout)
    {
        latencyReceived.Clear();
        var sent = new List<(string Id, long At, long Confirmed)>(messages);
        var schedule = Clock.Now;
        for (var i = 0; i < messages; i++)
        {
            await DelayUntil(schedule, interval * i);
            var id = Guid.NewGuid().ToString("N");
            var properties = new BasicProperties { Persistent = true, ContentType = "application/json", MessageId = id };
            var at = Clock.Now;
            await publisher.BasicPublishAsync("", LatencyQueue, mandatory: false, properties, payload);
            sent.Add((id, at, Clock.Now));
        }
        var deadline = Clock.Now;
        while (latencyReceived.Count < messages && Clock.Ms(deadline, Clock.Now) < timeout.TotalMilliseconds)
            await Task.Delay(10);
        return (
            Percentiles.Of(sent.Where(s => latencyReceived.ContainsKey(s.Id)).Select(s => Clock.Ms(s.At, latencyReceived[s.Id]))),
            Percentiles.Of(sent.Select(s => Clock.Ms(s.At, s.Confirmed))));
    }

    public static async Task DelayUntil(long start, TimeSpan offset)
    {
        var wait = offset.TotalMilliseconds - Clock.Ms(start, Clock.Now);
        if (wait > 0)
            await Task.Delay(TimeSpan.FromMilliseconds(wait));
    }

    public async ValueTask DisposeAsync()
    {
        await publisher.CloseAsync();
        await consumer.CloseAsync();
        await publisherConnection.CloseAsync();
        await consumerConnection.CloseAsync();
        publisher.Dispose();
        consumer.Dispose();
        publisherConnection.Dispose();
        consumerConnection.Dispose();
    }
}
