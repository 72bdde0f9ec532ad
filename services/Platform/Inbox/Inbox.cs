using Marten;
using MassTransit;

namespace Network.Platform.Inbox;

/// <summary>The inbox: one row per (consumer, message id) handled, written in the same transaction as the effect.</summary>
public sealed record ProcessedMessage(string Id, string MessageType, DateTimeOffset ProcessedAt)
{
    public static string KeyFor(string consumer, Guid messageId) => $"{consumer}/{messageId:N}";
}

/// <summary>
/// How every consumer of integration events applies a message exactly once. The effect and the inbox record
/// are saved in one Marten transaction: a redelivered message (the outbox re-sends after a crash, RabbitMQ
/// redelivers after a lost ack) finds its record and changes nothing; two copies racing each other collide on
/// the record's key, one transaction rolls back, and its retry finds the record.
/// </summary>
public static class Inbox
{
    /// <returns>false when the message had already been handled by this consumer.</returns>
    public static async Task<bool> HandleOnceAsync<TMessage>(
        this IDocumentStore store,
        ConsumeContext<TMessage> context,
        object consumer,
        Func<IDocumentSession, TMessage, Task> effect) where TMessage : class
    {
        var messageId = context.MessageId
            ?? throw new InvalidOperationException($"{typeof(TMessage).Name} arrived without a message id; the outbox always sets one.");
        var key = ProcessedMessage.KeyFor(consumer.GetType().Name, messageId);

        await using var session = store.LightweightSession();
        if (await session.LoadAsync<ProcessedMessage>(key, context.CancellationToken) is not null)
            return false;

        await effect(session, context.Message);
        session.Insert(new ProcessedMessage(key, typeof(TMessage).Name, DateTimeOffset.UtcNow));
        await session.SaveChangesAsync(context.CancellationToken);
        return true;
    }
}
