using Marten;
using MassTransit;
using Network.Contracts.Directory;
using Network.Platform.Inbox;

namespace Network.Knowledge.People;

/// <summary>
/// Forgets an erased person's name wherever the Knowledge service wrote it: as the author of events of item streams
/// (<c>ByName</c>), of revisions and of history entries. The records stay (who did what is kept by subject); the name
/// reads "(erased)". One transaction with the inbox record; the confirmation goes out with it (see PersonalDataErasure).
/// What people typed into an item's texts is the item's content, not kept about the person, and stays.
/// </summary>
public sealed class DirectoryPeopleConsumer(IDocumentStore store) : IConsumer<PersonErased>
{
    public Task Consume(ConsumeContext<PersonErased> context) =>
        store.ForgetOnceAsync(context, this, (session, e) =>
        {
            var subject = e.PersonId.ToString();
            var schema = session.DocumentStore.Options.DatabaseSchemaName;
            var erased = PersonalDataErasure.ErasedName;
            session.QueueSqlCommand(
                $"update {session.DocumentStore.Options.Events.DatabaseSchemaName}.mt_events set data = jsonb_set(data, '{{ByName}}', to_jsonb(?::text)) " +
                "where data ->> 'By' = ? and data ->> 'ByName' <> ?", erased, subject, erased);
            foreach (var table in new[] { "mt_doc_itemrevision", "mt_doc_itemhistoryentry" })
                session.QueueSqlCommand(
                    $"update {schema}.{table} set data = jsonb_set(data, '{{ByName}}', to_jsonb(?::text)) where data ->> 'By' = ? and data ->> 'ByName' <> ?",
                    erased, subject, erased);
            return Task.CompletedTask;
        });
}
