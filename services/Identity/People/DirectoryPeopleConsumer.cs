using Marten;
using MassTransit;
using Network.Contracts.Directory;
using Network.Identity.Accounts.Closing;
using Network.Platform.Inbox;

namespace Network.Identity.People;

/// <summary>Keeps <see cref="KnownPerson"/> in step with the Directory's people events, each applied once.</summary>
public sealed class DirectoryPeopleConsumer(IDocumentStore store, CloseAccount closeAccount) :
    IConsumer<PersonRecorded>,
    IConsumer<PersonJoinedOrganisation>,
    IConsumer<PersonLeftOrganisation>,
    IConsumer<PersonDisplayNameChanged>,
    IConsumer<PersonErased>
{
    public Task Consume(ConsumeContext<PersonRecorded> context) =>
        store.HandleOnceAsync(context, this, (session, e) => Change(session, e.PersonId,
            person => person.Recorded(e.DisplayName, e.Version), context.CancellationToken));

    public Task Consume(ConsumeContext<PersonJoinedOrganisation> context) =>
        store.HandleOnceAsync(context, this, (session, e) => Change(session, e.PersonId,
            person => person.Joined(e.OrganisationId, e.Role, e.DisplayName, e.Version), context.CancellationToken));

    public Task Consume(ConsumeContext<PersonLeftOrganisation> context) =>
        store.HandleOnceAsync(context, this, (session, e) => Change(session, e.PersonId,
            person => person.Left(e.OrganisationId, e.Version), context.CancellationToken));

    public Task Consume(ConsumeContext<PersonDisplayNameChanged> context) =>
        store.HandleOnceAsync(context, this, (session, e) => Change(session, e.PersonId,
            person => person.Rename(e.DisplayName, e.Version), context.CancellationToken));

    /// <summary>
    /// The account is closed first (idempotent: a redelivery closes nothing twice), then the tombstone, the closure's
    /// events and the erasure's confirmation in one transaction with the inbox record.
    /// </summary>
    public async Task Consume(ConsumeContext<PersonErased> context)
    {
        var closed = await closeAccount.CloseAsync(context.Message.PersonId, context.Message.ErasedAt, context.CancellationToken);
        await store.ForgetOnceAsync(context, this, async (session, e) =>
        {
            await Change(session, e.PersonId, person => person.Erase(), context.CancellationToken);
            if (closed is not null) closeAccount.Record(session, closed);
        });
    }

    static Task Change(IDocumentSession session, Guid id, Action<KnownPerson> change, CancellationToken ct) =>
        session.ChangeAsync(id, () => new KnownPerson { Id = id }, change, ct);
}
