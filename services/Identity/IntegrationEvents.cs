using JasperFx.Events;
using Network.Identity.Accounts.Closing;
using Network.Identity.Partners;
using Network.Platform.Outbox;
using Published = Network.Contracts.Identity;

namespace Network.Identity;

/// <summary>What the Identity service tells other services: whose tokens to refuse from now on.</summary>
public sealed class IntegrationEvents : IIntegrationEventMap
{
    public IReadOnlyCollection<Type> PublishedDomainEvents { get; } = [typeof(AccountClosed), typeof(PartnerClientRevoked)];

    public object? ToIntegrationEvent(IEvent e) => e.Data switch
    {
        AccountClosed c => new Published.AccountClosed(c.Subject, c.At),
        PartnerClientRevoked r => new Published.PartnerClientRevoked(r.ClientId, r.At),
        _ => null,
    };
}
