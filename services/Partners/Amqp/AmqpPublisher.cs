using JasperFx.Events;
using JasperFx.Events.Daemon;
using JasperFx.Events.Projections;
using Marten;
using Marten.Subscriptions;
using Microsoft.Extensions.Options;
using Network.Partners.Feed;
using Network.Platform.EventStore;

namespace Network.Partners.Amqp;

/// <summary>
/// A Marten subscription over the feed, beside the webhook fan-out: it publishes every feed event to the partner exchange
/// (<see cref="PartnerExchange"/>) and returns, so the daemon records its progress, only when the broker confirmed all of the
/// page. So nothing is lost while the broker is down: the page is tried again, inside this method (a thrown exception would
/// pause the subscription and nothing would restart it, Marten #5294), until it is confirmed. An entity's events are
/// published one after the other, each after the previous one's confirm, in feed order: a partner's queue gets them in
/// that order. Different entities go in parallel. Sent again after a failure, an event keeps its message id: partners drop
/// duplicates by it.
/// </summary>
public sealed class AmqpPublisher : SubscriptionBase
{
    public const string SubscriptionName = "partner-exchange-publisher";
    const int Parallel = 32;

    readonly PartnerExchange exchange;
    readonly AmqpOptions options;
    readonly ILogger<AmqpPublisher> logger;

    public AmqpPublisher(PartnerExchange exchange, IOptions<AmqpOptions> options, ILogger<AmqpPublisher> logger)
    {
        this.exchange = exchange;
        this.options = options.Value;
        this.logger = logger;
        Name = SubscriptionName;
        IncludeType<PartnerEvent>();
        Options.BatchSize = 500;
    }

    public override async Task<IChangeListener> ProcessEventsAsync(EventRange page, ISubscriptionController controller,
        IDocumentOperations operations, CancellationToken ct)
    {
        var pending = page.Events.Where(e => e.Data is PartnerEvent).Select(e => new Outgoing((PartnerEvent)e.Data, e.Sequence)).ToList();
        for (var attempt = 1; pending.Count > 0; attempt++)
        {
            using var deadline = CancellationTokenSource.CreateLinkedTokenSource(ct);
            deadline.CancelAfter(options.ConfirmTimeout);
            var unconfirmed = new List<Outgoing>();
            Exception? failure = null;
            await System.Threading.Tasks.Parallel.ForEachAsync(pending.GroupBy(o => o.Event.Subject),
                new ParallelOptions { MaxDegreeOfParallelism = Parallel, CancellationToken = ct }, async (entity, _) =>
                {
                    var events = entity.ToList();
                    for (var i = 0; i < events.Count; i++)
                    {
                        try
                        {
                            await exchange.PublishAsync(events[i].Event, events[i].Position, deadline.Token);
                        }
                        catch (Exception e) when (!ct.IsCancellationRequested)
                        {
                            // This one and the entity's later ones wait for the next attempt, so they keep their order.
                            lock (unconfirmed)
                            {
                                unconfirmed.AddRange(events.Skip(i));
                                failure ??= e;
                            }
                            return;
                        }
                    }
                });
            if (unconfirmed.Count == 0) break;

            var delay = TimeSpan.FromMilliseconds(Math.Min(5000, 100 * Math.Pow(2, Math.Min(attempt, 6))));
            logger.LogWarning(failure,
                "Partner exchange: {Unconfirmed} of {Total} feed events in sequence range {Floor}..{Ceiling} not confirmed by the broker (attempt {Attempt}); retrying in {Delay} ms",
                unconfirmed.Count, pending.Count, page.SequenceFloor, page.SequenceCeiling, attempt, delay.TotalMilliseconds);
            pending = [.. unconfirmed.OrderBy(o => o.Position)];
            await exchange.ResetAsync();
            await Task.Delay(delay, ct);
        }
        return NoChangeListener.Instance;
    }

    sealed record Outgoing(PartnerEvent Event, long Position);
}
