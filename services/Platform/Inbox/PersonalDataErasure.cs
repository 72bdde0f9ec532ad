using Marten;
using MassTransit;
using Network.Contracts.Directory;

namespace Network.Platform.Inbox;

/// <summary>
/// Domain event a service appends when it has forgotten a Directory person (stream: the person's id); its outbox
/// publishes it as the service's own <c>PersonalDataErasureConfirmed</c> contract (see
/// <see cref="Outbox.IntegrationEventMap.PublishErasureConfirmations"/>).
/// </summary>
public sealed record PersonalDataForgotten(Guid PersonId, DateTimeOffset At);

/// <summary>
/// How every service that keeps a Directory person's name or e-mail answers <see cref="PersonErased"/>: it forgets
/// them and records the confirmation in one Marten transaction with the inbox record, so the confirmation is
/// published exactly when the forgetting is committed, and a redelivered PersonErased changes nothing.
/// </summary>
public static class PersonalDataErasure
{
    /// <summary>What a forgotten name reads as, wherever a record must stay (a registration, an event in a stream).</summary>
    public const string ErasedName = "(erased)";

    public static Task<bool> ForgetOnceAsync(
        this IDocumentStore store,
        ConsumeContext<PersonErased> context,
        object consumer,
        Func<IDocumentSession, PersonErased, Task> forget) =>
        store.HandleOnceAsync(context, consumer, async (session, erased) =>
        {
            await forget(session, erased);
            session.Events.Append(erased.PersonId, new PersonalDataForgotten(erased.PersonId, DateTimeOffset.UtcNow));
        });
}
