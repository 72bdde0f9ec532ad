using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using Marten;
using Marten.Events.Daemon.Coordination;
using Network.Directory.Organisations;
using Network.Platform.Outbox;

namespace Network.Bench.Outbox;

public sealed record LiveResult(Throughput Throughput, TimeSpan AppendDuration, TimeSpan TailLag, int Duplicates);

public sealed record DrainResult(int Messages, int Received, int ArrivedWhilePaused, TimeSpan ResumeToFirst, TimeSpan FirstToLast)
{
    public double PerSecond => Received / FirstToLast.TotalSeconds;
}

public sealed record LatencyResult(
    Percentiles AppendToReceive,
    Percentiles SaveChanges,
    Percentiles AppendToSent,
    Percentiles SentToReceive,
    Percentiles OutboxAppendToConfirm,
    int Sent,
    string Bands);

/// <summary>
/// Drives the Directory's real event store: appends <see cref="OrganisationRegistered"/> streams straight through
/// the service's Marten <see cref="IDocumentStore"/> (the same store, projections and daemon the HTTP API uses)
/// and times their arrival at the <see cref="OutboxProbe"/>.
/// </summary>
public sealed class OutboxBench : IDisposable
{
    readonly IDocumentStore store;
    readonly IProjectionCoordinator coordinator;
    readonly OutboxProbe probe;
    readonly ConcurrentQueue<double> appendToConfirm = new();
    readonly MeterListener listener;
    int sequence;

    public OutboxBench(IDocumentStore store, IProjectionCoordinator coordinator, OutboxProbe probe)
    {
        this.store = store;
        this.coordinator = coordinator;
        this.probe = probe;
        // The outbox's own histogram (event timestamp -> broker confirm), recorded inside the subscription.
        listener = new MeterListener
        {
            InstrumentPublished = (instrument, l) =>
            {
                if (instrument.Meter.Name == "Network.Platform" && instrument.Name == "network.outbox.append_to_confirm")
                    l.EnableMeasurementEvents(instrument);
            },
        };
        listener.SetMeasurementEventCallback<double>((_, value, _, _) => appendToConfirm.Enqueue(value));
        listener.Start();
    }

    /// <summary>Appends one session with a new organisation stream per id (one OrganisationRegistered each).</summary>
    public async Task AppendAsync(IReadOnlyList<Guid> ids)
    {
        await using var session = store.LightweightSession();
        foreach (var id in ids)
            session.Events.StartStream<Organisation>(id, Samples.Registration(id, Interlocked.Increment(ref sequence)));
        await session.SaveChangesAsync();
    }

    static List<Guid> NewIds(int count) => Enumerable.Range(0, count).Select(_ => Guid.CreateVersion7()).ToList();

    /// <summary>Waits for the daemon to win HotCold leadership and start the outbox (a single event goes through).</summary>
    public async Task<TimeSpan> WaitForOutboxAsync(TimeSpan timeout)
    {
        var start = Clock.Now;
        var ids = NewIds(1);
        await AppendAsync(ids);
        if (await probe.WaitForAsync(ids, timeout) != 1)
            throw new TimeoutException($"The outbox delivered nothing within {timeout.TotalSeconds:0} s.");
        return TimeSpan.FromMilliseconds(Clock.Ms(start, Clock.Now));
    }

    /// <summary>
    /// Outbox delivery while appending: <paramref name="messages"/> streams in sessions of <paramref name="perSession"/>
    /// by one writer; time from the first append to the last receive.
    /// </summary>
    public async Task<LiveResult> LiveAsync(int messages, int perSession, TimeSpan timeout)
    {
        var ids = NewIds(messages);
        var duplicatesBefore = probe.Duplicates;
        var start = Clock.Now;
        foreach (var chunk in ids.Chunk(perSession))
            await AppendAsync(chunk);
        var appended = Clock.Now;
        var received = await probe.WaitForAsync(ids, timeout);
        var last = received == messages ? ids.Max(id => probe.TryGet(id, out var a) ? a.At : 0) : Clock.Now;
        return new LiveResult(
            new Throughput(messages, TimeSpan.FromMilliseconds(Clock.Ms(start, last)), received),
            TimeSpan.FromMilliseconds(Clock.Ms(start, appended)),
            TimeSpan.FromMilliseconds(Math.Max(0, Clock.Ms(appended, last))),
            probe.Duplicates - duplicatesBefore);
    }

    /// <summary>
    /// The outbox's own pace without the writer in the way: the daemon is paused, <paramref name="messages"/> events
    /// are appended, the daemon resumes, and the backlog is timed from its first to its last receive.
    /// </summary>
    public async Task<DrainResult> DrainAsync(int messages, int perSession, TimeSpan timeout)
    {
        var ids = NewIds(messages);
        await coordinator.PauseAsync();
        foreach (var chunk in ids.Chunk(perSession))
            await AppendAsync(chunk);
        await Task.Delay(500);
        var whilePaused = probe.CountOf(ids);
        var resumed = Clock.Now;
        await coordinator.ResumeAsync();
        var received = await probe.WaitForAsync(ids, timeout);
        var times = ids.Select(id => probe.TryGet(id, out var a) ? a.At : (long?)null).OfType<long>().ToList();
        var first = times.Count > 0 ? times.Min() : resumed;
        var last = received == messages ? times.Max() : Clock.Now;
        return new DrainResult(messages, received, whilePaused,
            TimeSpan.FromMilliseconds(Clock.Ms(resumed, first)), TimeSpan.FromMilliseconds(Clock.Ms(first, last)));
    }

    /// <summary>
    /// Appends at a steady pace: every <paramref name="interval"/> a session of <paramref name="perAppend"/> new streams
    /// (one event each), each session started on time whether or not the ones before it have returned (an open loop, as
    /// requests arrive: a slow append does not slow the load down), at most <see cref="InFlightLimit"/> at once; for each
    /// message, the time from its SaveChangesAsync returning to the probe receiving it (by its OrganisationId). Light load
    /// is one stream every 30 ms; half the measured capacity is a small session every 10 ms.
    /// </summary>
    public async Task<LatencyResult> LatencyAsync(int messages, TimeSpan interval, TimeSpan timeout, int perAppend = 1)
    {
        appendToConfirm.Clear();
        var sessions = (messages + perAppend - 1) / perAppend;
        var sent = new (Guid Id, long Started, long Saved, DateTime SavedUtc)[sessions * perAppend];
        var appends = new List<Task>(sessions);
        using var inFlight = new SemaphoreSlim(InFlightLimit);
        var schedule = Clock.Now;
        for (var i = 0; i < sessions; i++)
        {
            await RawBaseline.DelayUntil(schedule, interval * i);
            await inFlight.WaitAsync();
            var first = i * perAppend;
            appends.Add(Task.Run(async () =>
            {
                try
                {
                    var ids = NewIds(perAppend);
                    var started = Clock.Now;
                    await AppendAsync(ids);
                    var (saved, savedUtc) = (Clock.Now, DateTime.UtcNow);
                    for (var k = 0; k < ids.Count; k++) sent[first + k] = (ids[k], started, saved, savedUtc);
                }
                finally
                {
                    inFlight.Release();
                }
            }));
        }
        await Task.WhenAll(appends);
        await probe.WaitForAsync(sent.Select(s => s.Id).ToList(), timeout);
        await Task.Delay(200); // the outbox records its confirm metric just after the probe may have received the last one
        var arrived = sent
            .Select(s => (Sent: s, Arrived: probe.TryGet(s.Id, out var a) ? a : null))
            .Where(x => x.Arrived is not null)
            .Select(x => (x.Sent, Arrival: x.Arrived!))
            .ToList();
        var appendToReceive = arrived.Select(x => Clock.Ms(x.Sent.Saved, x.Arrival.At)).ToList();
        return new LatencyResult(
            Percentiles.Of(appendToReceive),
            Percentiles.Of(sent.Select(s => Clock.Ms(s.Started, s.Saved))),
            Percentiles.Of(arrived.Where(x => x.Arrival.SentUtc is not null)
                .Select(x => (x.Arrival.SentUtc!.Value - x.Sent.SavedUtc).TotalMilliseconds)),
            Percentiles.Of(arrived.Where(x => x.Arrival.SentUtc is not null)
                .Select(x => (x.Arrival.ReceivedUtc - x.Arrival.SentUtc!.Value).TotalMilliseconds)),
            Percentiles.Of(appendToConfirm.ToArray()),
            sent.Length,
            Percentiles.Bands(appendToReceive));
    }

    /// <summary>Appends running at once at most while pacing (the load generator falls behind rather than pile up).</summary>
    public const int InFlightLimit = 32;

    public void Dispose() => listener.Dispose();
}
