using JasperFx.Events;
using JasperFx.Events.Projections;
using Marten;
using Marten.Events.Aggregation;

namespace Network.Platform.Aggregates;

/// <summary>
/// The snapshot of an aggregate whose stream id is a Guid, folded by the aggregate's own <see cref="IAggregate{TSelf}.When"/>.
/// Only events of <typeparamref name="TEvent"/> (the marker interface of the aggregate's events) reach it, so a
/// save that appends to other streams does not make Marten load this aggregate's documents.
/// </summary>
public sealed class AggregateProjection<TAggregate, TEvent> : SingleStreamProjection<TAggregate, Guid>
    where TAggregate : class, IAggregate<TAggregate>
{
    public AggregateProjection() => IncludeType<TEvent>();

    public override TAggregate? Evolve(TAggregate? snapshot, Guid id, IEvent e) => TAggregate.When(snapshot, e.Data);
}

public static class AggregateStore
{
    /// <summary>
    /// Keeps <typeparamref name="TAggregate"/> as an inline snapshot (written in the transaction of its events, so the
    /// next read and <c>FetchForWriting</c> see it at once) and returns its document mapping for indexes.
    /// </summary>
    public static MartenRegistry.DocumentMappingExpression<TAggregate> AddAggregate<TAggregate, TEvent>(this StoreOptions store)
        where TAggregate : class, IAggregate<TAggregate>
    {
        store.Projections.Add(new AggregateProjection<TAggregate, TEvent>(), ProjectionLifecycle.Inline);
        return store.Schema.For<TAggregate>();
    }
}
