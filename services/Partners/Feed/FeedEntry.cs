using System.Text.Json;

namespace Network.Partners.Feed;

/// <summary>
/// A feed event as the replay lists it, keyed by its position. Written by <see cref="Delivery.DeliveryFanOut"/> behind the
/// daemon's high-water mark, so a position once listed never has an earlier one appear after it (a replay from the last
/// position seen misses nothing, even when appends commit out of order).
/// </summary>
public sealed class FeedEntry
{
    /// <summary>The feed position (Marten's event sequence).</summary>
    public long Id { get; set; }
    public Guid EventId { get; set; }
    public string Type { get; set; } = "";
    public string Service { get; set; } = "";
    public Guid Subject { get; set; }
    public long SourceVersion { get; set; }
    public DateTimeOffset OccurredAt { get; set; }
    /// <summary>When the feed recorded it (the replay's <c>since</c> reads this).</summary>
    public DateTimeOffset RecordedAt { get; set; }
    public JsonElement Data { get; set; }
    public string? Link { get; set; }

    public static FeedEntry From(PartnerEvent e, long position, DateTimeOffset recordedAt) => new()
    {
        Id = position, EventId = e.Id, Type = e.Type, Service = e.Service, Subject = e.Subject, SourceVersion = e.SourceVersion,
        OccurredAt = e.OccurredAt, RecordedAt = recordedAt, Data = e.Data, Link = e.Link,
    };

    public PartnerEvent ToEvent() => new(EventId, Type, Service, Subject, SourceVersion, OccurredAt, Data, Link);
}
