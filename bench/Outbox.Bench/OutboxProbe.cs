using System.Collections.Concurrent;
using MassTransit;
using Network.Platform.Messaging;
using Contract = Network.Contracts.Directory;

namespace Network.Bench.Outbox;

/// <summary>When and how a <see cref="Contract.OrganisationRegistered"/> reached the probe.</summary>
/// <param name="At">Stopwatch timestamp of the receive (same clock as the appends).</param>
/// <param name="SentUtc">MassTransit's SentTime: when the outbox handed the message to the transport.</param>
public sealed record Arrival(long At, DateTime ReceivedUtc, DateTime? SentUtc);

/// <summary>
/// The consumer side of the outbox measurement: a MassTransit receive endpoint in the bench process, on the
/// Directory's virtual host, subscribed to <see cref="Contract.OrganisationRegistered"/> like any service's
/// consumer (same serializer, envelope, publish exchange and binding), whose handler only notes the arrival.
/// It does no work of its own, so what it measures is the outbox (daemon + publish with confirms) plus the
/// broker, not a consumer's database writes. Prefetch is the same as the raw baseline's consumer.
/// </summary>
public sealed class OutboxProbe : IAsyncDisposable
{
    public const string QueueName = "bench-outbox-probe";

    readonly ConcurrentDictionary<Guid, Arrival> arrivals = new();
    IBusControl? bus;
    int duplicates;
    long envelopeBytes;

    public int Duplicates => Volatile.Read(ref duplicates);

    /// <summary>Size of one message as MassTransit put it on the wire (its JSON envelope around the event).</summary>
    public long EnvelopeBytes => Interlocked.Read(ref envelopeBytes);

    public static async Task<OutboxProbe> StartAsync(string amqpUri, ushort prefetch)
    {
        var probe = new OutboxProbe();
        var address = RabbitMqAddress.Parse(amqpUri);
        probe.bus = Bus.Factory.CreateUsingRabbitMq(rabbit =>
        {
            rabbit.Host(address.Host, (ushort)address.Port, address.VirtualHost, host =>
            {
                host.Username(address.UserName);
                host.Password(address.Password);
            });
            rabbit.ReceiveEndpoint(QueueName, endpoint =>
            {
                endpoint.PrefetchCount = prefetch;
                endpoint.Handler<Contract.OrganisationRegistered>(context =>
                {
                    probe.Record(context);
                    return Task.CompletedTask;
                });
            });
        });
        var handle = await probe.bus.StartAsync(new CancellationTokenSource(TimeSpan.FromSeconds(60)).Token);
        await handle.Ready;
        return probe;
    }

    void Record(ConsumeContext<Contract.OrganisationRegistered> context)
    {
        var arrival = new Arrival(Clock.Now, DateTime.UtcNow, context.SentTime);
        if (!arrivals.TryAdd(context.Message.OrganisationId, arrival))
            Interlocked.Increment(ref duplicates);
        if (Interlocked.Read(ref envelopeBytes) == 0)
            Interlocked.Exchange(ref envelopeBytes, context.ReceiveContext.Body.GetBytes().Length);
    }

    public bool TryGet(Guid organisationId, out Arrival arrival) => arrivals.TryGetValue(organisationId, out arrival!);

    public int CountOf(IEnumerable<Guid> ids) => ids.Count(arrivals.ContainsKey);

    /// <summary>Waits until all <paramref name="ids"/> arrived or <paramref name="timeout"/> passed; returns how many did.</summary>
    public async Task<int> WaitForAsync(IReadOnlyCollection<Guid> ids, TimeSpan timeout)
    {
        var start = Clock.Now;
        var pending = ids.ToList();
        while (true)
        {
            pending.RemoveAll(arrivals.ContainsKey);
            if (pending.Count == 0 || Clock.Ms(start, Clock.Now) > timeout.TotalMilliseconds)
                return ids.Count - pending.Count;
            await Task.Delay(10);
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (bus is not null)
            await bus.StopAsync(TimeSpan.FromSeconds(10));
    }
}
