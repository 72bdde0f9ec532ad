using Marten;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Network.Forum.Boards;
using Network.Forum.Posts;
using Network.Forum.Posts.Viewing;
using Network.Platform.Auth;
using Network.Platform.Http;

namespace Network.Forum.Moderation.Queue;

public sealed record QueueEntryResponse(Guid PostId, Guid ThreadId, Guid BoardId, int FlagCount, DateTimeOffset FirstFlaggedAt,
    IReadOnlyList<string> Reasons, PostResponse? Post);

public static class ModerationQueue
{
    /// <summary>
    /// GET /moderation/queue: the flagged posts nobody dealt with yet, most flags first, then the longest waiting; staff see
    /// every board's, a coordinator their network's boards' (403 for anybody who moderates none). Filter by board.
    /// </summary>
    public static async Task<Ok<Page<QueueEntryResponse>>> Handle(
        HttpContext http, IQuerySession session, [FromQuery] Guid? board, [FromQuery] int? page, [FromQuery] int? pageSize, CancellationToken ct)
    {
        var validation = new Validation();
        var paging = Paging.Validate(page, pageSize, validation);
        validation.ThrowIfInvalid();

        var query = session.Query<FlaggedPost>().Where(f => f.Open);
        if (!http.User.IsStaff())
        {
            var organisations = http.User.Organisations().ToArray();
            var moderated = organisations.Length == 0 ? [] : await session.Query<Board>()
                .Where(b => b.CoordinatorOrganisationId != null && organisations.Contains(b.CoordinatorOrganisationId.Value)).Select(b => b.Id).ToListAsync(ct);
            if (moderated.Count == 0) throw new Forbidden("Only staff and the coordinators of a local network moderate.");
            query = query.Where(f => moderated.Contains(f.BoardId));
        }
        if (board is { } only) query = query.Where(f => f.BoardId == only);
        var entries = await query.OrderByDescending(f => f.FlagCount).ThenBy(f => f.FirstFlaggedAt).ThenBy(f => f.Id).ToPageAsync(paging, ct);
        var posts = (await session.LoadManyAsync<Post>(ct, entries.Items.Select(e => e.Id).ToArray())).ToList();
        var responses = (await PostResponse.ManyAsync(session, posts, true, http.Request, ct)).ToDictionary(p => p.Id);
        return TypedResults.Ok(entries.Map(e => new QueueEntryResponse(e.Id, e.ThreadId, e.BoardId, e.FlagCount, e.FirstFlaggedAt, e.Reasons,
            responses.GetValueOrDefault(e.Id))));
    }
}
