using System.Globalization;
using Marten;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Network.Forum.Boards;
using Network.Forum.Posting;
using Network.Platform.Http;

namespace Network.Forum.Threads.Viewing;

public static class ListThreads
{
    /// <summary>
    /// GET /boards/{id}/threads: newest activity first, by keyset (<c>after</c> is the <c>next</c> of the page before). The
    /// order is (last activity, id) on columns of their own with an index on board and activity, so a page is one index
    /// range scan however many threads the board holds.
    /// </summary>
    public static async Task<Ok<KeysetPage<ThreadResponse>>> Handle(
        Guid id, HttpContext http, IQuerySession session, [FromQuery] string? after, [FromQuery] int? pageSize, CancellationToken ct)
    {
        var validation = new Validation();
        var size = Keyset.ValidateSize(pageSize, validation);
        var cursor = Keyset.Decode(after, 2, "after", validation);
        DateTimeOffset activity = default;
        Guid last = default;
        if (cursor is not null && (!long.TryParse(cursor[0], CultureInfo.InvariantCulture, out var ticks) || ticks < 0 || ticks > DateTimeOffset.MaxValue.UtcTicks
                || !Guid.TryParse(cursor[1], out last)))
            validation.Add("after", "'after' must be a cursor returned as 'next' by this list.");
        else if (cursor is not null) activity = new DateTimeOffset(long.Parse(cursor[0], CultureInfo.InvariantCulture), TimeSpan.Zero);
        validation.ThrowIfInvalid();

        // The board and the page in one round trip, the page's names in a second.
        var batch = session.CreateBatchQuery();
        var boardRead = BoardAccess.Load(batch, id);
        var rowsRead = cursor is null
            ? batch.Query<ForumThread>("where board_id = ? order by last_activity_at desc, id desc limit ?", id, size + 1)
            : batch.Query<ForumThread>("where board_id = ? and (last_activity_at, id) < (?, ?) order by last_activity_at desc, id desc limit ?",
                id, activity, last, size + 1);
        await batch.Execute(ct);
        if (await boardRead is not { } board || !http.User.MayRead(board)) throw new ResourceNotFound("Board", id);
        var page = (await rowsRead).ToKeysetPage(size, t => Keyset.Encode(t.LastActivityAt.UtcTicks.ToString(CultureInfo.InvariantCulture), t.Id.ToString()));
        var names = await ParticipantNames.LoadAsync(session, page.Items.Select(t => t.StartedBy), [], ct);
        return TypedResults.Ok(page.Map(t => ThreadResponse.From(t, names)));
    }
}
