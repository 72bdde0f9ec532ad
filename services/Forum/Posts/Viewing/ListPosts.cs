using System.Globalization;
using Marten;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Network.Forum.Boards;
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

        // Two round trips whatever the thread's length: the thread with the page, then its board with the page's names.
        var first = session.CreateBatchQuery();
        var threadRead = first.Load<ForumThread>(id);
        var rowsRead = first.Query<Post>().Where(p => p.ThreadId == id && p.Number > afterNumber).OrderBy(p => p.Number).Take(size + 1).ToList();
        await first.Execute(ct);
        var thread = await threadRead ?? throw new ResourceNotFound("Thread", id);
        var page = (await rowsRead).ToKeysetPage(size, p => Keyset.Encode(p.Number.ToString(CultureInfo.InvariantCulture)));

        var second = session.CreateBatchQuery();
        var boardRead = BoardAccess.Load(second, thread.BoardId);
        var namesRead = ParticipantNames.Load(second, page.Items.Select(p => p.Author), PostResponse.OrganisationsOf(page.Items));
        await second.Execute(ct);
        if (await boardRead is not { } board || !http.User.MayRead(board)) throw new ResourceNotFound("Thread", id);
        var names = await namesRead;
        var moderator = http.User.MayModerate(board.Board);
        return TypedResults.Ok(new KeysetPage<PostResponse>([.. page.Items.Select(p => PostResponse.From(p, names, moderator, http.Request))], page.Next));
    }
}
