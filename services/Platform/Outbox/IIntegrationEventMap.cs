using JasperFx.Events;

namespace Network.Platform.Outbox;

/// <summary>
/// What a service tells the world: maps a committed domain event to the integration event (from the shared
/// Contracts assembly) that other services consume, or null when the event stays private.
/// </summary>
public interface IIntegrationEventMap
{
    /// <summary>The domain event types that can produce an integration event (the outbox reads only these).</summary>
    IReadOnlyCollection<Type> PublishedDomainEvents { get; }

    object? ToIntegrationEvent(IEvent domainEvent);
}
