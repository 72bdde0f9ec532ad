using Marten;
using Microsoft.AspNetCore.Http.HttpResults;
using Network.Partners.Delivery.Log;
using Network.Partners.Feed;
using Network.Partners.Subscriptions;
using Network.Platform.Http;

namespace Network.Partners.Delivery.Redelivering;

public sealed record RedeliverSinceRequest(DateTimeOffset? Since);

public sealed record RedeliveriesQueued(int Queued, DateTimeOffset Since);

public static class Redeliver
{
    public const int MaxPerRequest = 10_000;

    /// <summary>
    /// POST /subscriptions/{id}/deliveries/{deliveryId}/redelivery: the delivery's event is sent again (a new delivery with
    /// the same event id, so the receiver can tell it is the same event), whatever became of the first: delivered, given up.
    /// </summary>
    public static async Task<Accepted<DeliveryResponse>> One(Guid id, Guid deliveryId, HttpContext http, IDocumentSession session, [FromKeyedServices(PartnersClock.Key)] TimeProvider clock,
        CancellationToken ct)
    {
        await PartnerCaller.From(http.User).OwnAsync(session, id, ct);
        var original = await session.LoadAsync<WebhookDelivery>(deliveryId, ct);
        if (original is null || original.SubscriptionId != id) throw new ResourceNotFound("Delivery", deliveryId);
        var entry = await session.LoadAsync<FeedEntry>(original.Position, ct) ?? throw new ResourceNotFound("Delivery", deliveryId);
        var again = DeliveryFanOut.New(id, entry.ToEvent(), entry.Id, clock.GetUtcNow(), redelivery: true);
        session.Insert(again);
        await session.SaveChangesAsync(ct);
        return TypedResults.Accepted($"/subscriptions/{id}/deliveries?state=Pending", DeliveryResponse.From(again));
    }

    /// <summary>
    /// POST /subscriptions/{id}/redeliveries {since}: every event the subscription was owed since that time is sent again,
    /// once each, in feed order (at most 10,000 per request; ask again from the last one's time for more).
    /// </summary>
    public static async Task<Accepted<RedeliveriesQueued>> Since(Guid id, RedeliverSinceRequest request, HttpContext http, IDocumentSession session,
        [FromKeyedServices(PartnersClock.Key)] TimeProvider clock, CancellationToken ct)
    {
        await PartnerCaller.From(http.User).OwnAsync(session, id, ct);
        var validation = new Validation();
        if (request.Since is null) validation.Add("since", "'since' is required: the time from which to send everything again.");
        validation.Moment("since", request.Since).ThrowIfInvalid();

        var since = request.Since!.Value;
        var owed = await session.Query<WebhookDelivery>()
            .Where(d => d.SubscriptionId == id && d.CreatedAt >= since && !d.Redelivery)
            .OrderBy(d => d.Position)
            .Take(MaxPerRequest)
            .ToListAsync(ct);
        var positions = owed.Select(d => d.Position).Distinct().ToArray();
        var entries = await session.LoadManyAsync<FeedEntry>(ct, positions);
        var now = clock.GetUtcNow();
        foreach (var entry in entries.OrderBy(e => e.Id))
            session.Insert(DeliveryFanOut.New(id, entry.ToEvent(), entry.Id, now, redelivery: true));
        await session.SaveChangesAsync(ct);
        return TypedResults.Accepted($"/subscriptions/{id}/deliveries?state=Pending", new RedeliveriesQueued(entries.Count, since));
    }
}
