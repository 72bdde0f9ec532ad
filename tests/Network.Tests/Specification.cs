using Network.Platform.Aggregates;

namespace Network.Tests;

/// <summary>The "given these events" of a specification.</summary>
public static class Specification
{
    /// <summary>The aggregate as its one fold builds it from these events, exactly as Marten builds the snapshot.</summary>
    public static T Given<T>(params object[] events) where T : class, IAggregate<T> =>
        Aggregate.Fold<T>(null, events) ?? throw new ArgumentException($"These events do not start a {typeof(T).Name}.", nameof(events));
}
