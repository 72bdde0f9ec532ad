using Marten.Schema;

namespace Network.Partners.Delivery;

public enum DeliveryState { Pending, Delivered, Failed }

/// <summary>
/// One feed event owed to one subscription, until the receiver accepts it (2xx), or it is given up (after
/// <see cref="DeliveryOptions.RetryFor"/>, a 410, the subscription's deletion). Per subscription and entity
/// (<see cref="Subject"/>) only the earliest pending one is sent, so a receiver sees each entity's events in order:
/// earliest by the entity's version in its own service (<see cref="SourceVersion"/>), because two changes published
/// together may reach the feed in either order; then by feed position.
/// </summary>
[UseOptimisticConcurrency]
public sealed class WebhookDelivery
{
    public Guid Id { get; set; }
    public Guid SubscriptionId { get; set; }
    public Guid EventId { get; set; }
    public string EventType { get; set; } = "";
    /// <summary>The feed position of the event (order over everything).</summary>
    public long Position { get; set; }
    /// <summary>The entity the event is about (order per entity).</summary>
    public Guid Subject { get; set; }
    /// <summary>The entity's version after the change, in the service it comes from (the order within the entity).</summary>
    public long SourceVersion { get; set; }
    public DeliveryState State { get; set; }
    public int Attempts { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset NextAttemptAt { get; set; }
    public DateTimeOffset? FirstAttemptAt { get; set; }
    public DateTimeOffset? LastAttemptAt { get; set; }
    public DateTimeOffset? DeliveredAt { get; set; }
    public int? LastStatus { get; set; }
    public string? LastError { get; set; }
    /// <summary>A replica is sending it until then.</summary>
    public DateTimeOffset? LeasedUntil { get; set; }
    /// <summary>Made by a manual redelivery (of this delivery, or of everything since a time), not by the event itself.</summary>
    public bool Redelivery { get; set; }
}

/// <summary>One HTTP attempt of a delivery, as the delivery log shows it.</summary>
/// <param name="Status">The receiver's HTTP status; null when no answer came (refused address, connection failure, timeout).</param>
public sealed record DeliveryAttempt(Guid Id, Guid DeliveryId, Guid SubscriptionId, Guid EventId, string EventType, int Attempt,
    DateTimeOffset At, int? Status, double DurationMs, string? Error, string Outcome);
