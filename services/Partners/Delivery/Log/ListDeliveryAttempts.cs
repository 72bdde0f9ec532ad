using Marten;
using Microsoft.AspNetCore.Http.HttpResults;
using Network.Partners.Subscriptions;
using Network.Platform.Http;

namespace Network.Partners.Delivery.Log;

/// <param name="Outcome"><c>delivered</c>, <c>retrying</c> (another attempt is scheduled), <c>given-up</c> or <c>gone</c> (410).</param>
public sealed record DeliveryAttemptResponse(Guid DeliveryId, Guid EventId, string EventType, int Attempt, DateTimeOffset At, int? Status,
    double DurationMs, string? Error, string Outcome);

/// <summary>A delivery's current state: one event owed to the subscription.</summary>
public sealed record DeliveryResponse(Guid Id, Guid EventId, string EventType, long Position, DeliveryState State, int Attempts,
    DateTimeOffset CreatedAt, DateTimeOffset? NextAttemptAt, DateTimeOffset? DeliveredAt, int? LastStatus, string? LastError, bool Redelivery)
{
    public static DeliveryResponse From(WebhookDelivery d) => new(d.Id, d.EventId, d.EventType, d.Position, d.State, d.Attempts, d.CreatedAt,
        d.State == DeliveryState.Pending ? d.NextAttemptAt : null, d.DeliveredAt, d.LastStatus, d.LastError, d.Redelivery);
}

public static class ListDeliveryAttempts
{
    /// <summary>GET /subscriptions/{id}/attempts: the delivery log, every HTTP attempt newest first, paged.</summary>
    public static async Task<Ok<Page<DeliveryAttemptResponse>>> Handle(Guid id, int? page, int? pageSize, HttpContext http, IQuerySession session,
        CancellationToken ct)
    {
        await PartnerCaller.From(http.User).OwnAsync(session, id, ct);
        var validation = new Validation();
        var paging = Paging.Validate(page, pageSize, validation);
        validation.ThrowIfInvalid();
        var attempts = await session.Query<DeliveryAttempt>()
            .Where(a => a.SubscriptionId == id)
            .OrderByDescending(a => a.At).ThenByDescending(a => a.Id)
            .ToPageAsync(paging, ct);
        return TypedResults.Ok(attempts.Map(a => new DeliveryAttemptResponse(a.DeliveryId, a.EventId, a.EventType, a.Attempt, a.At, a.Status,
            a.DurationMs, a.Error, a.Outcome)));
    }

    /// <summary>GET /subscriptions/{id}/deliveries?state=: the events owed to the subscription and where each stands, newest first, paged.</summary>
    public static async Task<Ok<Page<DeliveryResponse>>> HandleDeliveries(Guid id, DeliveryState? state, int? page, int? pageSize, HttpContext http,
        IQuerySession session, CancellationToken ct)
    {
        await PartnerCaller.From(http.User).OwnAsync(session, id, ct);
        var validation = new Validation();
        var paging = Paging.Validate(page, pageSize, validation);
        validation.ThrowIfInvalid();
        var query = session.Query<WebhookDelivery>().Where(d => d.SubscriptionId == id);
        if (state is { } wanted) query = query.Where(d => d.State == wanted);
        var deliveries = await query.OrderByDescending(d => d.Position).ThenByDescending(d => d.Id).ToPageAsync(paging, ct);
        return TypedResults.Ok(deliveries.Map(DeliveryResponse.From));
    }
}
