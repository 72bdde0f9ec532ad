using Marten;
using MassTransit;
using Microsoft.AspNetCore.Identity;
using Network.Contracts.Forum;
using Network.Platform.Inbox;
using Network.Platform.Mail;

namespace Network.Identity.Accounts.MailingDigests;

/// <summary>
/// Mails a reader's Forum digest to their account's address: only this service holds addresses, so the Forum words the digest
/// and this consumer delivers it. Nothing is sent to an account that is closed (the person was erased) or was never activated.
/// The mail goes out before the inbox record commits, so a crash in between may mail a digest twice, never lose one; a mail
/// server that is down (<see cref="MailUnavailable"/>) fails the message, and MassTransit's retry sends it again.
/// </summary>
public sealed class ForumDigestsConsumer(IDocumentStore store, UserManager<Account> accounts, IMailSender mail, ILogger<ForumDigestsConsumer> logger)
    : IConsumer<ForumDigestComposed>
{
    public Task Consume(ConsumeContext<ForumDigestComposed> context) =>
        store.HandleOnceAsync(context, this, async (_, digest) =>
        {
            var account = await accounts.FindByIdAsync(digest.PersonId.ToString());
            if (account is not { IsActive: true, Email: { } address })
            {
                logger.LogInformation("Forum digest {Digest} not mailed: account {Account} is not active.", digest.DigestId, digest.PersonId);
                return;
            }
            await mail.SendAsync(new OutgoingMail(address, digest.Subject, $"Hallo {account.DisplayName},\n\n{digest.TextBody}",
                ToName: account.DisplayName), context.CancellationToken);
        });
}
