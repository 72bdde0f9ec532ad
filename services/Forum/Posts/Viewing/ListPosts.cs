using System.Globalization;
using Marten;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Network.Forum.Boards;
using Network.Forum.Boards.LocalNetworks;
using Network.Forum.Members;
using Network.Forum.Organisations;
using Network.Forum.Posting;
using Network.Forum.Threads;
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

        // One round trip whatever the thread's length: the thread, its board and network (found by the thread's board id in
        // SQL), the page, and the people and organisations the page names (found by the same keyset in SQL).
        var schema = session.DocumentStore.Options.DatabaseSchemaName;
        var batch = session.CreateBatchQuery();
        var threadRead = batch.Load<ForumThread>(id);
        var boardOfThread = $"where id = (select board_id from {schema}.mt_doc_forumthread where id = ?)";
        var boardRead = batch.Query<Board>(boardOfThread, id);
        var networkRead = batch.Query<LocalNetworkCopy>(boardOfThread, id);
        var rowsRead = batch.Query<Post>().Where(p => p.ThreadId == id && p.Number > afterNumber).OrderBy(p => p.Number).Take(size + 1).ToList();
        var pageRows = $"(select author_id, data from {schema}.mt_doc_post where thread_id = ? and number > ? order by number limit ?) p";
        var membersRead = batch.Query<ForumMember>(
            $"where id in (select case when p.author_id ~ '^[0-9a-fA-F-]{{36}}$' then p.author_id::uuid end from {pageRows})", id, afterNumber, size);
        var organisationsRead = batch.Query<MemberOrganisation>(
            $"where id in (select (p.data ->> 'OrganisationId')::uuid from {pageRows} union all select jsonb_array_elements_text(p.data -> 'Mentions')::uuid from {pageRows})",
            id, afterNumber, size, id, afterNumber, size);
        await batch.Execute(ct);
        var thread = await threadRead ?? throw new ResourceNotFound("Thread", id);
        var page = (await rowsRead).ToKeysetPage(size, p => Keyset.Encode(p.Number.ToString(CultureInfo.InvariantCulture)));
        var inContext = (await boardRead) is [var found] ? new BoardInContext(found, found.LocalNetworkId is null ? null : (await networkRead).FirstOrDefault()) : null;
        var names = ParticipantNames.Of(await membersRead, await organisationsRead);
        if (inContext is not { } board || !http.User.MayRead(board)) throw new ResourceNotFound("Thread", id);
        var moderator = http.User.MayModerate(board.Board);
        return TypedResults.Ok(new KeysetPage<PostResponse>([.. page.Items.Select(p => PostResponse.From(p, names, moderator, http.Request))], page.Next));
    }
}
