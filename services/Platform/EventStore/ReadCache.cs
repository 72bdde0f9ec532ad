using System.Collections.Concurrent;
using Marten;

namespace Network.Platform.EventStore;

/// <summary>
/// Expensive reads (a report over every organisation, say) computed once and served again while nothing was appended to
/// the service's event store. Each call costs one tiny query (the event sequence's last value, which every append
/// moves) instead of the whole computation; concurrent misses of one key compute once. An entry also ages out after
/// <see cref="MaxAge"/>: a transaction that took a sequence number before the computation but committed after it does
/// not move the sequence again, so without the age limit its change could stay unseen until the next append.
/// Every replica keeps its own entries; they all see the same sequence, so none serves anything older than that.
/// Use it only for reads computed from event-sourced documents (a document written without an event would not be seen).
/// </summary>
public sealed class ReadCache(TimeProvider clock)
{
    public static readonly TimeSpan MaxAge = TimeSpan.FromSeconds(15);

    sealed record Entry(long Version, DateTimeOffset ComputedAt, object Value);

    readonly ConcurrentDictionary<string, Entry> _entries = new();
    readonly ConcurrentDictionary<string, SemaphoreSlim> _computing = new();

    /// <summary>Computations since start (hits are not counted): what the tests and the load bench read.</summary>
    public long Computations => Interlocked.Read(ref _computations);
    long _computations;

    /// <param name="key">What was computed, with everything the result depends on (e.g. <c>coverage:public</c>).</param>
    public async Task<T> GetAsync<T>(IQuerySession session, string key, Func<CancellationToken, Task<T>> compute, CancellationToken ct)
        where T : class
    {
        var version = await VersionAsync(session, ct);
        if (Fresh(key, version) is { } hit) return (T)hit;

        var gate = _computing.GetOrAdd(key, _ => new SemaphoreSlim(1, 1));
        await gate.WaitAsync(ct);
        try
        {
            if (Fresh(key, version) is { } computedMeanwhile) return (T)computedMeanwhile;
            var value = await compute(ct);
            Interlocked.Increment(ref _computations);
            _entries[key] = new Entry(version, clock.GetUtcNow(), value);
            return value;
        }
        finally
        {
            gate.Release();
        }
    }

    object? Fresh(string key, long version) =>
        _entries.TryGetValue(key, out var entry) && entry.Version == version && clock.GetUtcNow() - entry.ComputedAt < MaxAge
            ? entry.Value
            : null;

    /// <summary>The event sequence's last value: moved by every append (also by one that rolls back, which only costs a recomputation).</summary>
    static async Task<long> VersionAsync(IQuerySession session, CancellationToken ct)
    {
        var schema = session.DocumentStore.Options.Events.DatabaseSchemaName;
        var values = await session.QueryAsync<long>($"select last_value from {schema}.mt_events_sequence", ct);
        return values.Count > 0 ? values[0] : 0;
    }
}
