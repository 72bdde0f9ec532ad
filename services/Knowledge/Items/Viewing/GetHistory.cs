using Marten;
using Microsoft.AspNetCore.Http.HttpResults;
using Network.Platform.Http;

namespace Network.Knowledge.Items.Viewing;

public sealed record HistoryEntryResponse(long Sequence, string What, int? Revision, string? Text, string By, DateTimeOffset At);

public static class GetHistory
{
    /// <summary>
    /// GET /items/{id}/history?page=&amp;pageSize=: who did what when and why (drafts, revisions, review comments and
    /// decisions), oldest first; for staff and the item's organisation (review talk is not public).
    /// </summary>
    public static async Task<Ok<Page<HistoryEntryResponse>>> Handle(Guid id, int? page, int? pageSize, HttpContext http, IQuerySession session, CancellationToken ct)
    {
        var validation = new Validation();
        var paging = Paging.Validate(page, pageSize, validation);
        validation.ThrowIfInvalid();
        var item = await ItemResponse.Visible(id, http.User, session, ct);
        if (!http.User.IsOwnerOrStaff(item)) throw new ResourceNotFound("History of item", id);
        var entries = await session.Query<ItemHistoryEntry>().Where(h => h.ItemId == id).OrderBy(h => h.Sequence).ToPageAsync(paging, ct);
        return TypedResults.Ok(entries.Map(h => new HistoryEntryResponse(h.Sequence, h.What, h.Revision, h.Text, h.ByName, h.At)));
    }
}
