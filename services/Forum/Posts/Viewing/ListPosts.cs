using System.Globalization;
using Marten;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Network.Forum.Boards;
using Network.Forum.Members;
using Network.Forum.Posting;
using Network.Platform.Http;

namespace Network.Forum.Posts.Viewing;

public static class ListPosts
{
    /// <summary>
    /// GET /threads/{id}/posts: in order of writing, by keyset (<c>after</c> is the <c>next</c> of the page before): the
    /// cursor is the last post's number, so replies written meanwhile only lengthen the last page, and the thousandth page
    /// is one index seek as the first is. Hidden posts keep their place with a placeholder.
    /// </summary>
    public static async Task<Ok<KeysetPage<PostResponse>>> Handle(
        Guid id, HttpContext http, IQuerySession session, [FromQuery] string? after, [FromQuery] int? pageSize, CancellationToken ct)
    {
        var validation = new Validation();
        var size = Keyset.ValidateSize(pageSize, validation);
        var cursor = Keyset.Decode(after, 1, "after", validation);
        var afterNumber = 0;
        if (cursor is not null && (!int.TryParse(cursor[0], CultureInfo.InvariantCulture, out afterNumber) || afterNumber < 0))
            validation.Add("after", "'after' must be a cursor returned as 'next' by this list.");
        validation.ThrowIfInvalid();

        // One round trip whatever the thread's length: the thread's board and network (found by the thread's board id in SQL;
        // none for a thread that does not exist), and the page with the member who wrote each post and the names of the
        // organisations it was written for and mentions, joined in PostgreSQL.
        await using var sql = await ForumSql.OpenAsync(session, ct);
        sql.Add(BoardAccess.Sql(sql.Schema, byThread: true), id);
        sql.Add(PageSql(sql.Schema), id, afterNumber, size + 1);
        await using var reader = await sql.ExecuteAsync(ct);
        var board = await BoardAccess.ReadAsync(reader, sql, ct);
        await reader.NextResultAsync(ct);
        var rows = new List<Post>(size + 1);
        var members = new List<ForumMember>();
        var organisations = new Dictionary<Guid, string>();
        while (await reader.ReadAsync(ct))
        {
            rows.Add(sql.Document<Post>(reader, 0)!);
            if (ParticipantNames.MemberFrom(reader, 1) is { } member) members.Add(member);
            if (!reader.IsDBNull(5)) organisations[reader.GetGuid(5)] = reader.GetString(6);
            if (!reader.IsDBNull(7))
                foreach (var (mentioned, name) in reader.GetFieldValue<Guid[]>(7).Zip(reader.GetFieldValue<string[]>(8))) organisations[mentioned] = name;
        }
        if (board is null || !http.User.MayRead(board)) throw new ResourceNotFound("Thread", id);
        var page = rows.ToKeysetPage(size, p => Keyset.Encode(p.Number.ToString(CultureInfo.InvariantCulture)));
        var names = ParticipantNames.Of(members, organisations);
        var moderator = http.User.MayModerate(board.Board);
        return TypedResults.Ok(new KeysetPage<PostResponse>([.. page.Items.Select(p => PostResponse.From(p, names, moderator, http.Request))], page.Next));
    }

    /// <summary>Thread <c>$1</c>'s posts after number <c>$2</c>, at most <c>$3</c>: the post, its author's member entry, its organisation's name, its mentions' names.</summary>
    static string PageSql(string schema) => $"""
        select p.data, {ParticipantNames.MemberColumns("m")}, o.id, coalesce(o.data ->> 'Name', ''), mentioned.ids, mentioned.names
        from {schema}.mt_doc_post p
        left join {schema}.mt_doc_forummember m on m.id = {ParticipantNames.MemberIdSql("p.author_id", "p.data -> 'Author' ->> 'IsStaff'")}
        left join {schema}.mt_doc_memberorganisation o on o.id = (p.data ->> 'OrganisationId')::uuid
        left join lateral (
            select array_agg(mo.id) ids, array_agg(coalesce(mo.data ->> 'Name', '')) names from {schema}.mt_doc_memberorganisation mo
            where jsonb_array_length(p.data -> 'Mentions') > 0 and mo.id in (select jsonb_array_elements_text(p.data -> 'Mentions')::uuid)
        ) mentioned on true
        where p.thread_id = $1 and p.number > $2
        order by p.number limit $3
        """;
}
