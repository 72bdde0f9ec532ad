using Network.Identity.Accounts.Closing;
using Network.Identity.Partners;
using Network.Platform.Outbox;
using Published = Network.Contracts.Identity;

namespace Network.Identity;

/// <summary>What the Identity service tells other services: whose tokens to refuse from now on, and that it forgot an erased person.</summary>
public sealed class IntegrationEvents : IntegrationEventMap
{
    public IntegrationEvents()
    {
        Publish<AccountClosed>((c, _) => new Published.AccountClosed(c.Subject, c.At));
        Publish<PartnerClientRevoked>((r, _) => new Published.PartnerClientRevoked(r.ClientId, r.At));
        PublishErasureConfirmations((person, at) => new Network.Contracts.Identity.PersonalDataErasureConfirmed(person, at));
    }
}
