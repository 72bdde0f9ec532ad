using JasperFx.Events;
using Marten;
using Marten.Services.BatchQuerying;
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
    /// <see cref="DecideAsync{TAggregate}"/> returning the whole decision (the aggregate before and the events appended),
    /// so the answer to the write is folded from it instead of loading the aggregate again.
    /// </summary>
    public static async Task<Decision<TAggregate>> DecisionAsync<TAggregate>(
        this IDocumentSession session,
        Guid id,
        long? expectedVersion,
        Func<TAggregate, IReadOnlyList<object>> decide,
        CancellationToken ct,
        string? resourceName = null) where TAggregate : class
    {
        var stream = await session.Events.FetchForWriting<TAggregate>(id, ct);
        var before = EnsureCurrent(stream, expectedVersion, resourceName ?? typeof(TAggregate).Name);
        var events = decide(before);
        return new Decision<TAggregate>(before, events, await AppendAsync(session, stream, events, ct));
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

    /// <summary>
    /// The same exclusive write for a decision that needs a few rows beside the aggregate, read in the round trip that
    /// takes the stream's lock: <paramref name="alsoRead"/> adds their queries to that batch (and must not await them; they
    /// run when the batch does). PostgreSQL runs them after the lock is granted, each with a fresh snapshot, so they see
    /// every earlier writer's commit, as the aggregate does. A command then costs three round trips: lock and read,
    /// append, commit.
    /// </summary>
    public static async Task<Decision<TAggregate>> DecideExclusivelyAsync<TAggregate, TRead>(
        this IDocumentSession session,
        Guid id,
        long? expectedVersion,
        Func<IBatchedQuery, Task<TRead>> alsoRead,
        Func<TAggregate, TRead, IReadOnlyList<object>> decide,
        CancellationToken ct,
        string? resourceName = null) where TAggregate : class
    {
        using var turn = await StreamTurns.WaitAsync(id, ct);
        var batch = session.CreateBatchQuery();
        var fetched = batch.Events.FetchForExclusiveWriting<TAggregate>(id);
        var beside = alsoRead(batch);
        await batch.Execute(ct);
        var before = EnsureCurrent(await fetched, expectedVersion, resourceName ?? typeof(TAggregate).Name);
        TRead read;
        try
        {
            read = await beside.WaitAsync(ReadWaitLimit, ct);
        }
        catch (TimeoutException)
        {
            throw new InvalidOperationException("The read beside the aggregate awaited a query of its batch before the batch ran; return the batch's tasks instead.");
        }
        var events = decide(before, read);
        return new Decision<TAggregate>(before, events, await AppendAsync(session, await fetched, events, ct));
    }

    // The batch has run when its reads are awaited: only a read that awaited one of them before returning can still wait.
    static readonly TimeSpan ReadWaitLimit = TimeSpan.FromSeconds(5);

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
