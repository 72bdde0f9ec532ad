using Marten;

namespace Network.Platform.Inbox;

/// <summary>
/// How consumers change the documents of a local read model. Messages about one entity can be handled at the
/// same moment (a page of events is published at once, consumers run concurrently), so a plain upsert would let
/// the later writer erase the earlier one's change. A new document is inserted (a racing insert fails), an
/// existing one is updated against the version it was read at (mark the type
/// <see cref="Marten.Schema.UseOptimisticConcurrencyAttribute"/>); the loser's message is retried and re-reads.
/// </summary>
public static class ReadModels
{
    public static async Task ChangeAsync<TDocument>(
        this IDocumentSession session, Guid id, Func<TDocument> create, Action<TDocument> change, CancellationToken ct)
        where TDocument : class
    {
        var existing = await session.LoadAsync<TDocument>(id, ct);
        var document = existing ?? create();
        change(document);
        if (existing is null) session.Insert(document);
        else session.Update(document);
    }
}
