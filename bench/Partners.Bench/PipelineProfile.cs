using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text.RegularExpressions;
using JasperFx;
using Marten;
using Network.Partners.Delivery;
using Network.Partners.Feed;

namespace Network.Bench.Partners;

/// <summary>
/// Every command Npgsql sends from this process while it runs (the service's consumer, daemon and deliverer alike: they
/// all run here), counted by what it does: its verb and the first Marten table it names (<c>select mt_doc_webhookdelivery</c>).
/// Commits are not traced by Npgsql and not counted. Divided by the deliveries, it says which statements a delivery costs.
/// </summary>
public sealed partial class NpgsqlCommands : IDisposable
{
    readonly ActivityListener listener;
    readonly ConcurrentDictionary<string, int> counts = new();
    volatile bool counting;

    public NpgsqlCommands()
    {
        listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name == "Npgsql",
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllData,
            ActivityStopped = activity =>
            {
                if (!counting || activity.DisplayName.StartsWith("CONNECT", StringComparison.Ordinal)) return;
                counts.AddOrUpdate(Classify(activity.GetTagItem("db.query.text") as string), 1, (_, n) => n + 1);
            },
        };
        ActivitySource.AddActivityListener(listener);
    }

    /// <summary>Counts from now until <see cref="Stop"/>, adding to what was counted before.</summary>
    public void Start() => counting = true;

    public void Stop() => counting = false;

    public IReadOnlyDictionary<string, int> Counts => counts;

    public int Total => counts.Values.Sum();

    static string Classify(string? sql)
    {
        if (string.IsNullOrWhiteSpace(sql)) return "(no text)";
        var verb = sql.TrimStart().Split([' ', '\n', '\t', '('], 2)[0].ToLowerInvariant();
        var table = Table().Match(sql);
        if (table.Success) return $"{verb} {table.Groups[1].Value}";
        var function = Function().Match(sql);
        return function.Success ? $"{verb} {function.Groups[1].Value}()" : verb.Length > 20 ? verb[..20] : verb;
    }

    [GeneratedRegex(@"(?:from|into|update)\s+(?:[a-z_]+\.)?((?:mt|pg)_[a-z_]+)", RegexOptions.IgnoreCase)]
    private static partial Regex Table();

    [GeneratedRegex(@"((?:mt|pg)_[a-z_]+)\s*\(", RegexOptions.IgnoreCase)]
    private static partial Regex Function();

    public void Dispose() => listener.Dispose();
}

/// <summary>
/// Where a delivery's time went, from what the service stored (its clock is this machine's): published by the bench ->
/// appended to the feed by the consumer (the feed event's timestamp) -> fanned out by the daemon (the delivery's
/// <c>CreatedAt</c>) -> received at the partner (the receiver's clock) -> its attempt recorded (the log's <c>At</c>),
/// and the attempt's own duration as the sender timed it (the HTTP exchange alone).
/// </summary>
public sealed record StageTimes(
    Percentiles Consumer, Percentiles FanOut, Percentiles UntilSent, Percentiles Attempt, Percentiles Recording,
    double LastAppendedMs, double LastFannedOutMs, double LastReceivedMs, double IdleMs, int IdleGaps, int Attempts, int Failed)
{
    public static async Task<StageTimes> ReadAsync(IDocumentStore store, IReadOnlyList<BenchEvent> events, Arrivals arrivals,
        IReadOnlyList<BenchPartner> partners, DateTimeOffset from)
    {
        await using var session = store.QuerySession();
        var ids = events.Select(e => e.MessageId).ToHashSet();
        var feed = (await session.Events.QueryAllRawEvents().Where(e => e.Timestamp >= from.AddSeconds(-1)).ToListAsync())
            .Where(e => e.Data is PartnerEvent p && ids.Contains(p.Id)).ToDictionary(e => ((PartnerEvent)e.Data).Id, e => e.Timestamp);
        var deliveries = (await session.Query<WebhookDelivery>().Where(d => d.CreatedAt >= from.AddSeconds(-1)).ToListAsync())
            .Where(d => ids.Contains(d.EventId)).ToList();
        var attempts = (await session.Query<DeliveryAttempt>().Where(a => a.At >= from.AddSeconds(-1)).ToListAsync())
            .Where(a => ids.Contains(a.EventId)).ToList();
        var published = events.ToDictionary(e => e.MessageId, e => e.PublishedAt);
        var receiverOf = partners.ToDictionary(p => p.SubscriptionId, p => p.Receiver.Index);
        var start = events.Min(e => e.PublishedAt);

        var received = new List<(WebhookDelivery Delivery, DateTimeOffset At)>();
        foreach (var d in deliveries)
            if (receiverOf.TryGetValue(d.SubscriptionId, out var r) && arrivals.TryGet(r, d.EventId.ToString(), out var at)) received.Add((d, at));
        var recordedAt = attempts.Where(a => a.Outcome == "delivered").GroupBy(a => a.DeliveryId).ToDictionary(g => g.Key, g => g.Min(a => a.At));

        // While deliveries were owed, the stretches in which none arrived for more than 100 ms: the deliverer waiting.
        var times = received.Select(r => r.At).Order().ToList();
        double idle = 0;
        var gaps = 0;
        for (var i = 1; i < times.Count; i++)
            if ((times[i] - times[i - 1]).TotalMilliseconds is var gap and > 100) (idle, gaps) = (idle + gap, gaps + 1);

        static double Ms(DateTimeOffset a, DateTimeOffset b) => (b - a).TotalMilliseconds;
        return new StageTimes(
            Percentiles.Of(feed.Select(f => Ms(published[f.Key], f.Value))),
            Percentiles.Of(deliveries.Where(d => feed.ContainsKey(d.EventId)).Select(d => Ms(feed[d.EventId], d.CreatedAt))),
            Percentiles.Of(received.Select(r => Ms(r.Delivery.CreatedAt, r.At))),
            Percentiles.Of(attempts.Select(a => a.DurationMs)),
            Percentiles.Of(received.Where(r => recordedAt.ContainsKey(r.Delivery.Id)).Select(r => Ms(r.At, recordedAt[r.Delivery.Id]))),
            feed.Count == 0 ? double.NaN : feed.Values.Max(t => Ms(start, t)),
            deliveries.Count == 0 ? double.NaN : deliveries.Max(d => Ms(start, d.CreatedAt)),
            times.Count == 0 ? double.NaN : Ms(start, times[^1]),
            idle, gaps, attempts.Count, attempts.Count(a => a.Outcome != "delivered"));
    }
}

/// <summary>What one dispatch of the deliverer reads: its time and how many documents it returned.</summary>
public sealed record DispatchCost(Percentiles Latency, int Rows);

/// <summary>
/// The deliverer's dispatch query as <c>WebhookDeliverer.DispatchDueAsync</c> writes it (its shape copied here, to time it
/// with a backlog queued): the subscriptions, then up to 2,000 pending deliveries of the given subscriptions as whole
/// documents, by feed position, each dispatch in a session of its own.
/// </summary>
public static class DispatchQuery
{
    public static async Task<DispatchCost> TimeAsync(IDocumentStore store, Guid[] subscriptions, int times)
    {
        var samples = new List<double>();
        var rows = 0;
        for (var i = 0; i < times; i++)
        {
            var started = Clock.Now;
            await using var session = store.QuerySession();
            _ = await session.Query<Network.Partners.Subscriptions.WebhookSubscription>().Where(s => s.DeletedAt == null).ToListAsync();
            var pending = await session.Query<WebhookDelivery>()
                .Where(d => d.State == DeliveryState.Pending && d.SubscriptionId.IsOneOf(subscriptions))
                .OrderBy(d => d.Position).ThenBy(d => d.Id)
                .Take(2000)
                .ToListAsync();
            samples.Add(Clock.Ms(started, Clock.Now));
            rows = pending.Count;
        }
        return new DispatchCost(Percentiles.Of(samples), rows);
    }

    /// <summary>Waits until the fan-out queued <paramref name="expected"/> pending deliveries for <paramref name="subscriptions"/>.</summary>
    public static async Task WaitUntilQueuedAsync(IDocumentStore store, Guid[] subscriptions, int expected, TimeSpan timeout)
    {
        var deadline = Clock.Now + (long)(timeout.TotalSeconds * Stopwatch.Frequency);
        while (true)
        {
            await using var session = store.QuerySession();
            var queued = await session.Query<WebhookDelivery>().CountAsync(d => d.State == DeliveryState.Pending && d.SubscriptionId.IsOneOf(subscriptions));
            if (queued >= expected) return;
            if (Clock.Now > deadline) throw new TimeoutException($"{queued} of {expected} deliveries queued after {timeout.TotalSeconds:0} s.");
            await Task.Delay(100);
        }
    }
}
