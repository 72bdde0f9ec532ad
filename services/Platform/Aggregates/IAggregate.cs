namespace Network.Platform.Aggregates;

/// <summary>
/// An aggregate rebuilt from its events by one fold, <see cref="When"/>. Marten's snapshot
/// (<see cref="AggregateProjection{TAggregate, TEvent}"/>), the demo data and the tests' <c>Given</c> all call it,
/// so the state a command decides on, the state a reader sees and the state a test specifies cannot drift apart.
/// </summary>
/// <remarks>
/// Named <c>When</c>, not <c>Evolve</c>: Marten's source generator takes a public <c>Evolve</c> on a document type
/// for a self-aggregating convention of its own (an instance method on a default-constructed document).
/// </remarks>
public interface IAggregate<TSelf> where TSelf : class, IAggregate<TSelf>
{
    /// <summary>The state after <paramref name="event"/>; <paramref name="state"/> is null before the stream's first event.</summary>
    static abstract TSelf? When(TSelf? state, object @event);
}

public static class Aggregate
{
    /// <summary>Folds <paramref name="events"/> onto <paramref name="state"/> (null before the first event).</summary>
    public static TAggregate? Fold<TAggregate>(TAggregate? state, IEnumerable<object> events)
        where TAggregate : class, IAggregate<TAggregate> =>
        events.Aggregate(state, TAggregate.When);
}
