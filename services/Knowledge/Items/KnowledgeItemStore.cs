using JasperFx.Events.Projections;
using Marten;
using Network.Platform.Aggregates;

namespace Network.Knowledge.Items;

/// <summary>
/// How items are stored: the snapshot inline (folded by <see cref="KnowledgeItem.When"/>), its revisions and history as
/// documents of their own (<see cref="ItemRecordsProjection"/>), what the lists filter on, and the rows search reads (<see cref="Searching.SearchRows"/>).
/// </summary>
public static class KnowledgeItemStore
{
    public static void Configure(StoreOptions store)
    {
        store.AddAggregate<KnowledgeItem, IKnowledgeItemEvent>()
            .Index(i => i.Status).Index(i => i.Type).Index(i => i.OrganisationId);
        store.Projections.Add(new ItemRecordsProjection(), ProjectionLifecycle.Inline);
        store.Schema.For<ItemRevision>().Index(r => r.ItemId);
        store.Schema.For<ItemHistoryEntry>().Index([h => h.ItemId, h => h.Sequence]);
        Files.PublicationFileStore.Configure(store);
        store.Schema.For<Links.LinkedOrganisation>();
        store.Schema.For<Links.LinkedEvent>();
        Searching.SearchRows.Configure(store);
    }
}
