using System.Collections.Concurrent;
using Marten;
using JasperFx;
using Microsoft.Extensions.Options;
using Network.Partners.Feed;
using Network.Partners.Safety;
using Network.Partners.Subscriptions;

namespace Network.Partners.Delivery;

/// <summary>
/// Sends the due deliveries: per subscription and entity only the earliest pending one (by the entity's version; the next waits until it was
/// accepted or given up, so each entity's events arrive in order), at most <see cref="DeliveryOptions.MaxConcurrency"/> at
/// once. A replica takes a delivery by a lease written against the delivery's version (optimistic concurrency): two
/// replicas never send the same attempt. Every attempt is logged; a failure is retried by <see cref="RetrySchedule"/>
/// until <see cref="DeliveryOptions.RetryFor"/> has passed since the first attempt. A 410 disables the subscription, and
/// so does failing continuously (<see cref="DeliveryOptions.DisableAfterFailingFor"/> or
/// <see cref="DeliveryOptions.DisableAfterConsecutiveFailures"/>). All times are the injected <see cref="TimeProvider"/>'s.
/// </summary>
public sealed class WebhookDeliverer(IDocumentStore store, WebhookSender sender, WebhookAddresses addresses, SecretProtection protection, DeliveryDoorbell doorbell,
    IOptions<DeliveryOptions> options, IOptions<PartnersOptions> partners, [FromKeyedServices(PartnersClock.Key)] TimeProvider clock, ILogger<WebhookDeliverer> logger) : BackgroundService
{
    const int Window = 2000;
    readonly ConcurrentDictionary<Guid, byte> inFlight = new();
    readonly ConcurrentDictionary<Guid, SemaphoreSlim> subscriptionLocks = new();
    readonly Random jitter = new();
    SemaphoreSlim slots = null!;
    /// <summary>Released whenever an attempt ends and its slot is free again: what a dispatch that found the slots full waits for.</summary>
    readonly SemaphoreSlim freed = new(0);

    protected override async Task ExecuteAsync(CancellationToken stopping)
    {
        var concurrency = Math.Max(1, options.Value.MaxConcurrency);
        slots = new SemaphoreSlim(concurrency);
        while (!stopping.IsCancellationRequested)
        {
            var dispatched = (Started: 0, SlotsFull: false);
            try
            {
                dispatched = await DispatchDueAsync(stopping);
            }
            catch (Exception e) when (!stopping.IsCancellationRequested)
            {
                logger.LogWarning(e, "Webhook delivery: looking for due deliveries failed; trying again");
            }
            try
            {
                // More was due than there were slots: look again as soon as a quarter of them are free (each look reads the
                // window of pending deliveries, so not for every single slot), at the latest after the poll interval.
                // Nothing more was due: wait the poll interval, or until the fan-out queued new deliveries.
                if (dispatched.SlotsFull) await WaitForFreeSlotsAsync(Math.Max(1, concurrency / 4), stopping);
                else if (dispatched.Started == 0) await doorbell.WaitAsync(options.Value.PollInterval, stopping);
            }
            catch (OperationCanceledException)
            {
                break;
            }
        }
    }

    async Task WaitForFreeSlotsAsync(int wanted, CancellationToken ct)
    {
        // Real time, like the poll interval (the partners clock may be a test's, standing still).
        var waited = System.Diagnostics.Stopwatch.StartNew();
        while (freed.Wait(0)) { } // releases from before now are in slots.CurrentCount already
        while (slots.CurrentCount < wanted)
        {
            var left = options.Value.PollInterval - waited.Elapsed;
            if (left <= TimeSpan.Zero || !await freed.WaitAsync(left, ct)) return;
        }
    }

    /// <returns>How many attempts it started, and whether it stopped because every slot was busy while more was due.</returns>
    async Task<(int Started, bool SlotsFull)> DispatchDueAsync(CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        await using var session = store.QuerySession();
        var active = (await session.Query<WebhookSubscription>()
            .Where(s => s.Status == SubscriptionStatus.Active && s.DeletedAt == null)
            .ToListAsync(ct)).ToDictionary(s => s.Id);
        if (active.Count == 0) return (0, false);
        var ids = active.Keys.ToArray();
        var pending = await session.Query<WebhookDelivery>()
            .Where(d => d.State == DeliveryState.Pending && d.SubscriptionId.IsOneOf(ids))
            .OrderBy(d => d.Position).ThenBy(d => d.Id)
            .Take(Window)
            .ToListAsync(ct);

        var started = 0;
        foreach (var head in pending.GroupBy(d => (d.SubscriptionId, d.Subject)).Select(g => g.MinBy(d => (d.SourceVersion, d.Position))!))
        {
            if (head.NextAttemptAt > now || head.LeasedUntil > now || inFlight.ContainsKey(head.Id)) continue;
            if (!await slots.WaitAsync(0, ct)) return (started, true); // every slot is busy: the rest waits for the next round
            inFlight[head.Id] = 0;
            started++;
            var subscription = active[head.SubscriptionId];
            _ = Task.Run(async () =>
            {
                try
                {
                    await AttemptAsync(head, subscription, ct);
                }
                catch (Exception e) when (!ct.IsCancellationRequested)
                {
                    logger.LogWarning(e, "Webhook delivery {DeliveryId}: the attempt could not be recorded; it is tried again", head.Id);
                }
                finally
                {
                    inFlight.TryRemove(head.Id, out _);
                    slots.Release();
                    if (freed.CurrentCount == 0) freed.Release(); // a signal, not a count: it never grows with the deliveries
                }
            }, CancellationToken.None);
        }
        return (started, false);
    }

    /// <param name="head">The delivery as the dispatch read it (its id and feed position; its state is read again).</param>
    async Task AttemptAsync(WebhookDelivery head, WebhookSubscription subscription, CancellationToken ct)
    {
        PartnerEvent partnerEvent;
        WebhookDelivery delivery;
        var now = clock.GetUtcNow();
        await using (var session = store.LightweightSession())
        {
            // The delivery (with its version, for the lease) and its feed event in one round trip.
            var batch = session.CreateBatchQuery();
            var loading = batch.Load<WebhookDelivery>(head.Id);
            var entryLoading = batch.Load<FeedEntry>(head.Position);
            await batch.Execute(ct);
            var loaded = await loading;
            if (loaded is not { State: DeliveryState.Pending } || loaded.LeasedUntil > now) return;
            loaded.LeasedUntil = now + options.Value.Lease;
            session.Update(loaded);
            try
            {
                await session.SaveChangesAsync(ct);
            }
            catch (ConcurrencyException)
            {
                return; // another replica took it
            }
            delivery = loaded;
            var entry = await entryLoading ?? throw new InvalidOperationException($"Feed event {delivery.Position} is missing.");
            partnerEvent = entry.ToEvent();
        }

        var secrets = subscription.SecretsValidAt(now, protection);
        var result = addresses.RefuseUrl(subscription.Url, out var url) is { } refusal
            ? new AttemptResult(false, null, TimeSpan.Zero, "Refused by the address guard: " + refusal)
            : await sender.SendAsync(url!, partnerEvent, delivery.Position, secrets, ct);
        await RecordAsync(delivery, result, ct);
    }

    /// <summary>
    /// The attempt in the log, the delivery's next state and the subscription's health, in one transaction; when the attempt
    /// disabled the subscription, also the <see cref="SubscriptionDisabled"/> event the partner's contact is told by.
    /// </summary>
    async Task RecordAsync(WebhookDelivery attempted, AttemptResult result, CancellationToken ct)
    {
        var gate = subscriptionLocks.GetOrAdd(attempted.SubscriptionId, _ => new SemaphoreSlim(1));
        await gate.WaitAsync(ct);
        try
        {
            for (var tries = 1; ; tries++)
            {
                await using var session = store.LightweightSession();
                var batch = session.CreateBatchQuery(); // both, with their versions, in one round trip
                var deliveryLoading = batch.Load<WebhookDelivery>(attempted.Id);
                var subscriptionLoading = batch.Load<WebhookSubscription>(attempted.SubscriptionId);
                await batch.Execute(ct);
                var delivery = await deliveryLoading;
                var subscription = await subscriptionLoading;
                if (delivery is null || subscription is null) return;
                var wasDisabled = subscription.Status == SubscriptionStatus.Disabled;
                var healthBefore = Health(subscription);
                var outcome = DeliveryRules.Apply(delivery, subscription, result, clock.GetUtcNow(), options.Value, jitter);
                if (!wasDisabled && subscription.Status == SubscriptionStatus.Disabled)
                    session.Events.Append(subscription.Id, new SubscriptionDisabled(subscription.Id, subscription.PartnerId, subscription.Url,
                        subscription.DisabledReason!, $"{partners.Value.PublicApiAddress}api/partners/subscriptions/{subscription.Id}/resume",
                        subscription.DisabledAt!.Value));
                session.Insert(new DeliveryAttempt(Guid.CreateVersion7(), delivery.Id, delivery.SubscriptionId, delivery.EventId, delivery.EventType,
                    delivery.Attempts, delivery.LastAttemptAt!.Value, result.Status, Math.Round(result.Duration.TotalMilliseconds, 1), result.Error, outcome));
                session.Update(delivery);
                // An accepted attempt on a healthy subscription changes nothing in it (the usual case): then it is not written.
                if (Health(subscription) != healthBefore) session.Update(subscription);
                try
                {
                    await session.SaveChangesAsync(ct);
                    if (!wasDisabled && subscription.Status == SubscriptionStatus.Disabled)
                        logger.LogWarning("Webhook subscription {SubscriptionId} of {PartnerId} disabled: {Reason}",
                            subscription.Id, subscription.PartnerId, subscription.DisabledReason);
                    return;
                }
                catch (ConcurrencyException) when (tries < 5)
                {
                    // The partner changed the subscription meanwhile (paused it, rotated its secret): apply to the new state.
                }
            }
        }
        finally
        {
            gate.Release();
        }
    }

    static (SubscriptionStatus, int, DateTimeOffset?, string?, DateTimeOffset?) Health(WebhookSubscription s) =>
        (s.Status, s.ConsecutiveFailures, s.FailingSince, s.DisabledReason, s.DisabledAt);
}
