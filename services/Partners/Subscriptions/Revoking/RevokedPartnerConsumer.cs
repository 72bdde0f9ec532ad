using Marten;
using MassTransit;
using Network.Contracts.Identity;
using Network.Platform.Inbox;

namespace Network.Partners.Subscriptions.Revoking;

/// <summary>
/// Staff revoked a partner client in the Identity service: its tokens stop working everywhere (the platform), and here its
/// webhook subscriptions end as if it had deleted them: nothing more is queued or sent, their secrets are forgotten, the
/// delivery log stays. Deliveries already queued are not sent (the deliverer takes only active subscriptions' ones).
/// </summary>
public sealed class RevokedPartnerConsumer(IDocumentStore store, [FromKeyedServices(PartnersClock.Key)] TimeProvider clock,
    ILogger<RevokedPartnerConsumer> logger) : IConsumer<PartnerClientRevoked>
{
    public Task Consume(ConsumeContext<PartnerClientRevoked> context) =>
        store.HandleOnceAsync(context, this, async (session, revoked) =>
        {
            var subscriptions = await session.Query<WebhookSubscription>()
                .Where(s => s.PartnerId == revoked.ClientId && s.DeletedAt == null).ToListAsync(context.CancellationToken);
            var now = clock.GetUtcNow();
            foreach (var subscription in subscriptions)
            {
                subscription.DeletedAt = now;
                subscription.Secrets = [];
                session.Update(subscription);
            }
            if (subscriptions.Count > 0)
                logger.LogInformation("Partner {ClientId} was revoked: ended its {Count} webhook subscriptions.", revoked.ClientId, subscriptions.Count);
        });
}
