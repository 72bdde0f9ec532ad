using Marten;
using MassTransit;
using Network.Contracts.Privacy;
using Network.Platform.Inbox;

namespace Network.Directory.People.Erasing;

/// <summary>
/// The services that keep a person's name or e-mail and must confirm an erasure: Events (registrations, exports),
/// Forum (member list) and Identity (account). Knowledge keeps no personal data of people. Staff see on the person
/// which of them confirmed.
/// </summary>
public static class ErasureConfirmations
{
    public static readonly IReadOnlyList<string> ExpectedFrom = ["events", "forum", "identity"];

    /// <summary>One confirmation, once: nothing for a person not erased (a confirmation never comes first) or already confirmed by that service.</summary>
    public static IReadOnlyList<object> Decide(Person current, PersonalDataErasureConfirmed confirmation, DateTimeOffset at) =>
        !current.IsErased || current.ErasureConfirmedBy.Contains(confirmation.Service)
            ? []
            : [new ErasureConfirmed(current.Id, confirmation.Service, confirmation.ConfirmedAt, at)];
}

/// <summary>Appends each service's confirmation to the person's stream, in the inbox's transaction.</summary>
public sealed class ErasureConfirmationsConsumer(IDocumentStore store, TimeProvider clock) : IConsumer<PersonalDataErasureConfirmed>
{
    public Task Consume(ConsumeContext<PersonalDataErasureConfirmed> context) =>
        store.HandleOnceAsync(context, this, async (session, confirmation) =>
        {
            // Optimistic: two services' confirmations appended at once collide, and the retry of the loser re-reads.
            var stream = await session.Events.FetchForWriting<Person>(confirmation.PersonId, context.CancellationToken);
            if (stream.Aggregate is null) return;
            stream.AppendMany(ErasureConfirmations.Decide(stream.Aggregate, confirmation, clock.GetUtcNow()));
        });
}
