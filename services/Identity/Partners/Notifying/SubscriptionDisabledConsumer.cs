using Marten;
using MassTransit;
using Network.Contracts.Partners;
using Network.Identity.Audit;
using Network.Platform.Inbox;
using Network.Platform.Mail;

namespace Network.Identity.Partners.Notifying;

/// <summary>
/// Tells a partner's contact that the Partners service disabled one of its webhook subscriptions, why, and how to resume it:
/// only this service holds the contact's address. Nothing is sent for a partner that was revoked or has no contact (a
/// partner let in before contacts were asked for): the audit says so. The mail goes out before the inbox record commits,
/// so a crash in between may send it twice, never lose it; a mail server that is down fails the message and MassTransit's
/// retry sends it again.
/// </summary>
public sealed class SubscriptionDisabledConsumer(IDocumentStore store, IMailSender mail, AuditLog audit, ILogger<SubscriptionDisabledConsumer> logger)
    : IConsumer<PartnerSubscriptionDisabled>
{
    public Task Consume(ConsumeContext<PartnerSubscriptionDisabled> context) =>
        store.HandleOnceAsync(context, this, async (session, disabled) =>
        {
            var partner = await session.Query<PartnerClient>().FirstOrDefaultAsync(p => p.ClientId == disabled.PartnerClientId, context.CancellationToken);
            if (partner is not { IsActive: true, ContactEmail: { } contact })
            {
                logger.LogWarning("Partner {ClientId}: subscription {Subscription} was disabled, but the partner {Why}; nobody was told.",
                    disabled.PartnerClientId, disabled.SubscriptionId, partner is null ? "is unknown" : partner.IsActive ? "has no contact" : "was revoked");
                return;
            }
            await mail.SendAsync(Notice(partner, disabled), context.CancellationToken);
            audit.Add(session, AuditKind.PartnerNotified, partner.ClientId, "system",
                $"Subscription {disabled.SubscriptionId} was disabled: the contact was mailed.");
        });

    /// <summary>The notice, in German and English like the platform's other mails.</summary>
    public static OutgoingMail Notice(PartnerClient partner, PartnerSubscriptionDisabled disabled) => new(
        partner.ContactEmail!,
        $"Webhook-Abonnement deaktiviert / Webhook subscription disabled: {disabled.Url}",
        $"""
        Guten Tag,

        das Network hat ein Webhook-Abonnement von „{partner.Name}“ ({partner.ClientId}) am {disabled.DisabledAt:yyyy-MM-dd HH:mm} UTC deaktiviert
        und stellt dorthin nichts mehr zu:

          Abonnement: {disabled.SubscriptionId}
          Empfänger:  {disabled.Url}
          Grund:      {disabled.Reason}

        Ereignisse seitdem werden nicht vorgemerkt; Ihr System holt sie über GET /api/partners/events nach.
        Wenn der Empfänger wieder bereit ist, setzen Sie das Abonnement mit dem Token Ihres Systems fort:
          POST {disabled.ResumeLink}

        ---

        Hello,

        Network disabled a webhook subscription of "{partner.Name}" ({partner.ClientId}) on {disabled.DisabledAt:yyyy-MM-dd HH:mm} UTC
        and delivers nothing more to it:

          Subscription: {disabled.SubscriptionId}
          Receiver:     {disabled.Url}
          Reason:       {disabled.Reason}

        Events from now on are not queued for it; your system catches up with GET /api/partners/events.
        When the receiver is ready again, resume the subscription with your system's token:
          POST {disabled.ResumeLink}
        """);
}
