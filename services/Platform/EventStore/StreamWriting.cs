using JasperFx.Events;
using Marten;
using Network.Platform.Http;

namespace Network.Platform.EventStore;

/// <summary>What a write decided: the aggregate as it was before, the events appended, the stream's new version.</summary>
public sealed record Decision<TAggregate>(TAggregate Before, IReadOnlyList<object> Events, long Version);

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
        return await AppendDecisionAsync(session, stream, expectedVersion, decide, typeof(TAggregate).Name, ct);
    }

    /// <summary>
    /// Like <see cref="DecideAsync{TAggregate}"/>, but under the stream's row lock (Marten's FetchForExclusiveWriting):
    /// concurrent writers of one stream are serialised, so each decision sees every earlier one and none fails on a
    /// version race. For aggregates whose decisions depend on a count (seats on an event), where a lost race would
    /// otherwise mean overbooking or a retry storm. Writers in this process first wait their turn in
    /// <see cref="StreamTurns"/>, holding no database connection while they wait.
    /// </summary>
    public static async Task<long> DecideExclusivelyAsync<TAggregate>(
        this IDocumentSession session,
        Guid id,
        long? expectedVersion,
        Func<TAggregate, IReadOnlyList<object>> decide,
        CancellationToken ct,
        string? resourceName = null) where TAggregate : class
    {
        using var turn = await StreamTurns.WaitAsync(id, ct);
        var stream = await session.Events.FetchForExclusiveWriting<TAggregate>(id, ct);
        return await AppendDecisionAsync(session, stream, expectedVersion, decide, resourceName ?? typeof(TAggregate).Name, ct);
    }

    /// <summary>
    /// <see cref="DecideExclusivelyAsync{TAggregate}(IDocumentSession, Guid, long?, Func{TAggregate, IReadOnlyList{object}}, CancellationToken, string?)"/>
    /// for a decision that also needs rows beside the aggregate (e.g. one person's registration among thousands): it may
    /// query them through the same session, inside the transaction that holds the stream's lock, so they cannot change
    /// under it. Returns the whole decision, so the answer is built from it instead of loading the aggregate again.
    /// </summary>
    public static async Task<Decision<TAggregate>> DecideExclusivelyAsync<TAggregate>(
        this IDocumentSession session,
        Guid id,
        long? expectedVersion,
        Func<TAggregate, CancellationToken, Task<IReadOnlyList<object>>> decide,
        CancellationToken ct,
        string? resourceName = null) where TAggregate : class
    {
        using var turn = await StreamTurns.WaitAsync(id, ct);
        var stream = await session.Events.FetchForExclusiveWriting<TAggregate>(id, ct);
        var name = resourceName ?? typeof(TAggregate).Name;
        var before = EnsureCurrent(stream, expectedVersion, name);
        var events = await decide(before, ct);
        return new Decision<TAggregate>(before, events, await AppendAsync(session, stream, events, ct));
    }

    static TAggregate EnsureCurrent<TAggregate>(IEventStream<TAggregate> stream, long? expectedVersion, string resourceName) where TAggregate : class
    {
        if (stream.Aggregate is null)
            throw new ResourceNotFound(resourceName, stream.Id);
        var current = stream.StartingVersion ?? 0;
        if (expectedVersion is { } expected && expected != current)
            throw new StaleVersion($"{resourceName} '{stream.Id}' is at version {current}, not {expected}; fetch it again.");
        return stream.Aggregate;
    }

    static async Task<long> AppendAsync<TAggregate>(IDocumentSession session, IEventStream<TAggregate> stream,
        IReadOnlyList<object> events, CancellationToken ct) where TAggregate : class
    {
        var current = stream.StartingVersion ?? 0;
        if (events.Count == 0) return current;
        stream.AppendMany(events);
        await session.SaveChangesAsync(ct);
        return current + events.Count;
    }

    static async Task<long> AppendDecisionAsync<TAggregate>(
        IDocumentSession session, IEventStream<TAggregate> stream, long? expectedVersion,
        Func<TAggregate, IReadOnlyList<object>> decide, string resourceName, CancellationToken ct) where TAggregate : class =>
        await AppendAsync(session, stream, decide(EnsureCurrent(stream, expectedVersion, resourceName)), ct);

    /// <summary>Starts a new stream with its first events (a new aggregate).</summary>
    public static async Task<long> StartAsync<TAggregate>(
        this IDocumentSession session, Guid id, IReadOnlyList<object> events, CancellationToken ct) where TAggregate : class
    {
        session.Events.StartStream<TAggregate>(id, events.ToArray());
        await session.SaveChangesAsync(ct);
        return events.Count;
    }
}
