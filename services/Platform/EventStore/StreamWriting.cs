using Marten;
using Network.Platform.Http;

namespace Network.Platform.EventStore;

/// <summary>The write side of every aggregate: load, decide, append, save.</summary>
public static class StreamWriting
{
    /// <summary>
    /// Loads the aggregate with <c>FetchForWriting</c>, checks the client's If-Match version, appends what
    /// <paramref name="decide"/> returns and saves. A writer that raced us makes the save fail with a
    /// concurrency exception (412 with If-Match, 409 without) instead of losing an update.
    /// </summary>
    /// <returns>The stream's version after the append (the new ETag).</returns>
    public static async Task<long> DecideAsync<TAggregate>(
        this IDocumentSession session,
        Guid id,
        long? expectedVersion,
        Func<TAggregate, IReadOnlyList<object>> decide,
        CancellationToken ct) where TAggregate : class
    {
        var stream = await session.Events.FetchForWriting<TAggregate>(id, ct);
        if (stream.Aggregate is null)
            throw new ResourceNotFound(typeof(TAggregate).Name, id);
        var current = stream.StartingVersion ?? 0;
        if (expectedVersion is { } expected && expected != current)
            throw new StaleVersion($"{typeof(TAggregate).Name} '{id}' is at version {current}, not {expected}; fetch it again.");

        var events = decide(stream.Aggregate);
        if (events.Count == 0) return current;
        stream.AppendMany(events);
        await session.SaveChangesAsync(ct);
        return current + events.Count;
    }

    /// <summary>Starts a new stream with its first events (a new aggregate).</summary>
    public static async Task<long> StartAsync<TAggregate>(
        this IDocumentSession session, Guid id, IReadOnlyList<object> events, CancellationToken ct) where TAggregate : class
    {
        session.Events.StartStream<TAggregate>(id, events.ToArray());
        await session.SaveChangesAsync(ct);
        return events.Count;
    }
}
