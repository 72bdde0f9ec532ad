using JasperFx.Events;
using JasperFx.Events.Daemon;
using JasperFx.Events.Projections;
using Marten;
using Marten.Subscriptions;
using Network.Partners.Feed;
using Network.Partners.Subscriptions;
using Network.Platform.EventStore;

namespace Network.Partners.Delivery;

/// <summary>
/// A Marten subscription over the feed, in sequence order: for each event, its <see cref="FeedEntry"/> (what the replay
/// lists) and a <see cref="WebhookDelivery"/> for every subscription that receives it (its filter and its scopes; not disabled; created before the event). The deliveries are
/// written by the daemon in the transaction that moves the subscription's progress, so each event is queued exactly once
/// per subscription, also after a crash; the daemon's high-water mark keeps the order even when appends commit out of order.
/// </summary>
public sealed class DeliveryFanOut : SubscriptionBase
{
    public const string SubscriptionName = "partner-delivery-fan-out";
    readonly TimeProvider clock;
    readonly DeliveryDoorbell doorbell;

    public DeliveryFanOut(IServiceProvider services)
    {
        clock = services.GetRequiredKeyedService<TimeProvider>(PartnersClock.Key);
        doorbell = services.GetRequiredService<DeliveryDoorbell>();
        Name = SubscriptionName;
        IncludeType<PartnerEvent>();
        Options.BatchSize = 500;
    }

    public override async Task<IChangeListener> ProcessEventsAsync(EventRange page, ISubscriptionController controller,
        IDocumentOperations operations, CancellationToken ct)
    {
        var events = page.Events.Where(e => e.Data is PartnerEvent).ToList();
        if (events.Count == 0) return NoChangeListener.Instance;
        var subscriptions = await operations.Query<WebhookSubscription>()
            .Where(s => s.DeletedAt == null && s.Status != SubscriptionStatus.Disabled)
            .ToListAsync(ct);
        var now = clock.GetUtcNow();
        var queued = 0;
        foreach (var e in events)
        {
            var partnerEvent = (PartnerEvent)e.Data;
            operations.Store(FeedEntry.From(partnerEvent, e.Sequence, now));
            foreach (var subscription in subscriptions.Where(s => s.StartsAfter < e.Sequence && s.Receives(partnerEvent.Type, partnerEvent.Service)))
            {
                operations.Store(New(subscription.Id, partnerEvent, e.Sequence, now));
                queued++;
            }
        }
        // After the commit, this replica's deliverer looks at once (the others at their next poll).
        return queued > 0 ? doorbell : NoChangeListener.Instance;
    }

    public static WebhookDelivery New(Guid subscription, PartnerEvent e, long position, DateTimeOffset now, bool redelivery = false) => new()
    {
        Id = Guid.CreateVersion7(now),
        SubscriptionId = subscription,
        EventId = e.Id,
        EventType = e.Type,
        Position = position,
        Subject = e.Subject,
        SourceVersion = e.SourceVersion,
        State = DeliveryState.Pending,
        CreatedAt = now,
        NextAttemptAt = now,
        Redelivery = redelivery,
    };
}
