using JasperFx.Events;
using Marten;
using Marten.Events.Projections;

namespace Network.Knowledge.Items;

/// <summary>
/// Writes, in the append's transaction, each revision of an item's content (<see cref="ItemRevision"/>) and one history
/// entry per event (<see cref="ItemHistoryEntry"/>): inserts only, nothing read. Partial: JasperFx's source generator
/// registers the document types it writes.
/// </summary>
public sealed partial class ItemRecordsProjection : EventProjection
{
    public ItemRecordsProjection() => IncludeType<IKnowledgeItemEvent>();

    public override ValueTask ApplyAsync(IDocumentOperations operations, IEvent e, CancellationToken cancellation)
    {
        switch (e.Data)
        {
            case ItemDrafted d:
                operations.Insert(Revision(d.ItemId, 1, d.Content, d.By, d.ByName, d.At));
                break;
            case ItemRevised r:
                operations.Insert(Revision(r.ItemId, r.Revision, r.Content, r.By, r.ByName, r.At));
                break;
        }
        if (Entry(e) is { } entry) operations.Insert(entry);
        return ValueTask.CompletedTask;
    }

    static ItemRevision Revision(Guid item, int revision, ItemContent content, string by, string byName, DateTimeOffset at) => new()
    {
        Id = ItemRevision.IdOf(item, revision), ItemId = item, Revision = revision, Content = content, By = by, ByName = byName, At = at,
    };

    static ItemHistoryEntry? Entry(IEvent e)
    {
        var (item, what, revision, text, by, byName, at) = e.Data switch
        {
            ItemDrafted d => (d.ItemId, "Drafted", (int?)1, (string?)null, d.By, d.ByName, d.At),
            ItemRevised r => (r.ItemId, "Revised", r.Revision, null, r.By, r.ByName, r.At),
            ItemSubmitted s => (s.ItemId, "Submitted", s.Revision, null, s.By, s.ByName, s.At),
            ReviewStarted s => (s.ItemId, "ReviewStarted", s.Revision, null, s.By, s.ByName, s.At),
            ReviewCommented c => (c.ItemId, "Commented", c.Revision, c.Comment, c.By, c.ByName, c.At),
            ChangesRequested c => (c.ItemId, "ChangesRequested", c.Revision, c.Reason, c.By, c.ByName, c.At),
            ItemPublished p => (p.ItemId, "Published", p.Revision, null, p.By, p.ByName, p.At),
            ItemArchived a => (a.ItemId, "Archived", null, a.Reason, a.By, a.ByName, a.At),
            PublicationFileAttached f => (f.ItemId, "FileAttached", null, $"{f.File.FileName} ({f.File.Pages} pages)", f.By, f.ByName, f.At),
            _ => default,
        };
        if (what is null) return null;
        return new ItemHistoryEntry
        {
            Id = $"{item:D}/{e.Version}", ItemId = item, Sequence = e.Version, What = what, Revision = revision, Text = text,
            By = by, ByName = byName, At = at,
        };
    }
}
