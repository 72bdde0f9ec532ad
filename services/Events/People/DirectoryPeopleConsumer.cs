using Marten;
using MassTransit;
using Network.Contracts.Directory;
using Network.Events.Calendars;
using Network.Events.Registrations;
using Network.Platform.Inbox;

namespace Network.Events.People;

/// <summary>
/// A person the Directory erased: the Events service forgets them. The name they registered with (token claim, kept in
/// their registrations and in the PersonRegistered events of the events' streams) becomes "(erased)", their calendar
/// feed goes, and a tombstone refuses registrations that still come with their token until its revocation arrives.
/// All in one transaction with the inbox record and the confirmation. The registrations stay (seat counts, waiting
/// list order, statistics), identified by the person id only. Registrations are kept under the token subject, which is
/// the person id for every account the provider made from the Directory.
/// </summary>
public sealed class DirectoryPeopleConsumer(IDocumentStore store) : IConsumer<PersonErased>
{
    public Task Consume(ConsumeContext<PersonErased> context) =>
        store.ForgetOnceAsync(context, this, async (session, e) =>
        {
            var subject = e.PersonId.ToString();
            var registrations = await session.Query<Registration>().Where(r => r.PersonId == subject).ToListAsync(context.CancellationToken);
            foreach (var registration in registrations)
            {
                registration.PersonName = PersonalDataErasure.ErasedName;
                session.Update(registration);
            }
            // Marten's masking runs in a transaction of its own and masks every event of a type in a stream; here only
            // this person's events among everybody's registrations of an event are masked, in the inbox's transaction.
            session.QueueSqlCommand(
                $"update {session.DocumentStore.Options.Events.DatabaseSchemaName}.mt_events " +
                "set data = jsonb_set(data, '{PersonName}', to_jsonb(?::text)) " +
                "where data ->> 'PersonId' = ? and data ->> 'PersonName' is not null and data ->> 'PersonName' <> ?",
                PersonalDataErasure.ErasedName, subject, PersonalDataErasure.ErasedName);
            session.Delete<CalendarFeed>(subject);
            session.Store(new ErasedPerson { Id = subject, ErasedAt = e.ErasedAt });
        });
}

/// <summary>A person the Directory erased (Id: their token subject): the registration refuses them from then on.</summary>
public sealed class ErasedPerson
{
    public string Id { get; set; } = "";
    public DateTimeOffset ErasedAt { get; set; }
}
