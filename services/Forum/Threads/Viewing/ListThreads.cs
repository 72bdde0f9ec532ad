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

        // One round trip: the board and its network, and the page with the member who started each thread (joined in
        // PostgreSQL), by an index range scan on (board, last activity, id).
        await using var sql = await ForumSql.OpenAsync(session, ct);
        sql.Add(BoardAccess.Sql(sql.Schema, byThread: false), id);
        if (cursor is null) sql.Add(PageSql(sql.Schema, "t.board_id = $1", "$2"), id, size + 1);
        else sql.Add(PageSql(sql.Schema, "t.board_id = $1 and (t.last_activity_at, t.id) < ($2, $3)", "$4"), id, activity, last, size + 1);
        await using var reader = await sql.ExecuteAsync(ct);
        var board = await BoardAccess.ReadAsync(reader, sql, ct);
        await reader.NextResultAsync(ct);
        var rows = new List<ForumThread>(size + 1);
        var starters = new List<ForumMember>();
        while (await reader.ReadAsync(ct))
        {
            rows.Add(sql.Document<ForumThread>(reader, 0)!);
            if (ParticipantNames.MemberFrom(reader, 1) is { } member) starters.Add(member);
        }
        if (board is null || !http.User.MayRead(board)) throw new ResourceNotFound("Board", id);
        var page = rows.ToKeysetPage(size, t => Keyset.Encode(t.LastActivityAt.UtcTicks.ToString(CultureInfo.InvariantCulture), t.Id.ToString()));
        var names = ParticipantNames.Of(starters, new Dictionary<Guid, string>());
        return TypedResults.Ok(page.Map(t => ThreadResponse.From(t, names)));
    }

    static string PageSql(string schema, string keyset, string limit) =>
        $"select t.data, {ParticipantNames.MemberColumns("m")} from {schema}.{ThreadStore.ThreadTable} t "
        + $"left join {schema}.mt_doc_forummember m on m.id = {ParticipantNames.MemberIdSql("t.data -> 'StartedBy' ->> 'Id'", "t.data -> 'StartedBy' ->> 'IsStaff'")} "
        + $"where {keyset} order by t.last_activity_at desc, t.id desc limit {limit}";
}
