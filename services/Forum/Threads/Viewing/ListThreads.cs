using System.Globalization;
using Marten;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Network.Forum.Boards;
using Network.Forum.Members;
using Network.Forum.Posting;
using Network.Platform.Http;

namespace Network.Forum.Threads.Viewing;

public static class ListThreads
{
    /// <summary>
    /// GET /boards/{id}/threads: newest activity first, by keyset (<c>after</c> is the <c>next</c> of the page before). The
    /// order is (last activity, id) on columns of their own with an index on board and activity, so a page is one index
    /// range scan however many threads the board holds, in one round trip with the board and the names.
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

        // One round trip: the board and its network, the page, and the people who started the page's threads (found by the
        // same keyset in SQL).
        var schema = session.DocumentStore.Options.DatabaseSchemaName;
        var (keyset, keys) = cursor is null
            ? ("board_id = ?", new object[] { id })
            : ("board_id = ? and (last_activity_at, id) < (?, ?)", new object[] { id, activity, last });
        var batch = session.CreateBatchQuery();
        var boardRead = BoardAccess.Load(batch, id);
        var rowsRead = batch.Query<ForumThread>($"where {keyset} order by last_activity_at desc, id desc limit ?", [.. keys, size + 1]);
        var starter = "t.data -> 'StartedBy' ->> 'Id'";
        var startersRead = batch.Query<ForumMember>(
            $"where id in (select case when {starter} ~ '^[0-9a-fA-F-]{{36}}$' then ({starter})::uuid end "
            + $"from (select data from {schema}.mt_doc_forumthread where {keyset} order by last_activity_at desc, id desc limit ?) t)", [.. keys, size]);
        await batch.Execute(ct);
        if (await boardRead is not { } board || !http.User.MayRead(board)) throw new ResourceNotFound("Board", id);
        var page = (await rowsRead).ToKeysetPage(size, t => Keyset.Encode(t.LastActivityAt.UtcTicks.ToString(CultureInfo.InvariantCulture), t.Id.ToString()));
        var names = ParticipantNames.Of(await startersRead, []);
        return TypedResults.Ok(page.Map(t => ThreadResponse.From(t, names)));
    }
}
