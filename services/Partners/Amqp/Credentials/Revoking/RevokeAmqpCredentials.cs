using Marten;
using MassTransit;
using Network.Contracts.Identity;
using Network.Partners.Amqp.Credentials.Deleting;

namespace Network.Partners.Amqp.Credentials.Revoking;

/// <summary>
/// A partner client revoked in Identity loses its broker user at once, and its open connections are closed: its tokens
/// stop working everywhere, and so does its AMQP password. Deleting twice is harmless, so a redelivered message needs no inbox.
/// </summary>
public sealed class RevokeAmqpCredentials(IDocumentStore store, BrokerUsers brokerUsers) : IConsumer<PartnerClientRevoked>
{
    public async Task Consume(ConsumeContext<PartnerClientRevoked> context)
    {
        await using var session = store.LightweightSession();
        await DeleteAmqpCredentials.RemoveAsync(context.Message.ClientId, session, brokerUsers, context.CancellationToken);
    }
}
