using Network.Partners.Subscriptions;
using Network.Platform.Outbox;
using Published = Network.Contracts.Partners;

namespace Network.Partners;

/// <summary>What the Partners service tells other services: that it disabled a partner's subscription (the Identity service tells the partner's contact).</summary>
public sealed class IntegrationEvents : IntegrationEventMap
{
    public IntegrationEvents()
    {
        Publish<SubscriptionDisabled>((d, _) => new Published.PartnerSubscriptionDisabled(d.SubscriptionId, d.PartnerId, d.Url, d.Reason, d.ResumeLink, d.At));
    }
}
