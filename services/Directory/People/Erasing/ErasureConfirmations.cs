using Marten;
using MassTransit;
using Network.Platform.Inbox;

namespace Network.Directory.People.Erasing;

/// <summary>
/// The services that keep a person's name or e-mail and must confirm an erasure: Events (registrations, exports),
/// Forum (member list), Identity (account) and Knowledge (the authors of items' revisions and history). Staff see on the
/// person which of them confirmed.
/// </summary>
public static class ErasureConfirmations
{
    public static readonly IReadOnlyList<string> ExpectedFrom = ["events", "forum", "identity", "knowledge"];

    /// <summary>One confirmation, once: nothing for a person not erased (a confirmation never comes first) or already confirmed by that service.</summary>
    public static IReadOnlyList<object> Decide(Person current, string service, DateTimeOffset confirmedAt, DateTimeOffset at) =>
        !current.IsErased || current.ErasureConfirmedBy.Contains(service)
            ? []
            : [new ErasureConfirmed(current.Id, service, confirmedAt, at)];
}

/// <summary>
/// Appends each service's confirmation to the person's stream, in the inbox's transaction. Each service confirms with
/// a contract of its own (which only it may publish), so the contract's type says who confirmed.
/// </summary>
public sealed class ErasureConfirmationsConsumer(IDocumentStore store, TimeProvider clock) :
    IConsumer<Network.Contracts.Events.PersonalDataErasureConfirmed>,
    IConsumer<Network.Contracts.Forum.PersonalDataErasureConfirmed>,
    IConsumer<Network.Contracts.Identity.PersonalDataErasureConfirmed>,
    IConsumer<Network.Contracts.Knowledge.PersonalDataErasureConfirmed>
{
    public Task Consume(ConsumeContext<Network.Contracts.Events.PersonalDataErasureConfirmed> context) =>
        Confirm(context, "events", context.Message.PersonId, context.Message.ConfirmedAt);

    public Task Consume(ConsumeContext<Network.Contracts.Forum.PersonalDataErasureConfirmed> context) =>
        Confirm(context, "forum", context.Message.PersonId, context.Message.ConfirmedAt);

    public Task Consume(ConsumeContext<Network.Contracts.Identity.PersonalDataErasureConfirmed> context) =>
        Confirm(context, "identity", context.Message.PersonId, context.Message.ConfirmedAt);

    public Task Consume(ConsumeContext<Network.Contracts.Knowledge.PersonalDataErasureConfirmed> context) =>
        Confirm(context, "knowledge", context.Message.PersonId, context.Message.ConfirmedAt);

    Task Confirm<TMessage>(ConsumeContext<TMessage> context, string service, Guid personId, DateTimeOffset confirmedAt) where TMessage : class =>
        store.HandleOnceAsync(context, this, async (session, _) =>
        {
            // Optimistic: two services' confirmations appended at once collide, and the retry of the loser re-reads.
            var stream = await session.Events.FetchForWriting<Person>(personId, context.CancellationToken);
            if (stream.Aggregate is null) return;
            stream.AppendMany(ErasureConfirmations.Decide(stream.Aggregate, service, confirmedAt, clock.GetUtcNow()));
        });
}
