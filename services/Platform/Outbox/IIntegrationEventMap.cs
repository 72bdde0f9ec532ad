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

/// <summary>
/// An <see cref="IIntegrationEventMap"/> built from one <see cref="Publish{TDomainEvent}"/> line per published domain
/// event, so the list of types the outbox reads and the mapping cannot disagree.
/// </summary>
public abstract class IntegrationEventMap : IIntegrationEventMap
{
    readonly Dictionary<Type, Func<IEvent, object?>> mappings = [];

    public IReadOnlyCollection<Type> PublishedDomainEvents => mappings.Keys;

    public object? ToIntegrationEvent(IEvent domainEvent) =>
        mappings.TryGetValue(domainEvent.Data.GetType(), out var map) ? map(domainEvent) : null;

    /// <summary>
    /// Publishes <typeparamref name="TDomainEvent"/> as what <paramref name="toIntegrationEvent"/> makes of it and of
    /// the stream version it was committed at (consumers use the version to drop what they applied already).
    /// </summary>
    protected void Publish<TDomainEvent>(Func<TDomainEvent, long, object?> toIntegrationEvent) where TDomainEvent : notnull =>
        mappings.Add(typeof(TDomainEvent), e => toIntegrationEvent((TDomainEvent)e.Data, e.Version));

    /// <summary>
    /// Publishes this service's answers to the Directory's erasures (<see cref="Inbox.PersonalDataErasure"/>) as its own
    /// contract (<c>Network.Contracts.&lt;Service&gt;.PersonalDataErasureConfirmed</c>): only the service itself may publish
    /// to that exchange, so a confirmation cannot be sent in another service's name.
    /// </summary>
    protected void PublishErasureConfirmations<TConfirmation>(Func<Guid, DateTimeOffset, TConfirmation> confirmation)
        where TConfirmation : class =>
        Publish<Inbox.PersonalDataForgotten>((f, _) => confirmation(f.PersonId, f.At));
}
