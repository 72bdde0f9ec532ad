using Marten;
using Microsoft.AspNetCore.Http.HttpResults;
using Network.Forum.Boards;
using Network.Forum.Moderation.Hiding;
using Network.Forum.Moderation.Locking;
using Network.Forum.Posting;
using Network.Forum.Threads;
using Network.Forum.Threads.Viewing;
using Network.Platform.EventStore;
using Network.Platform.Http;

namespace Network.Forum.Moderation.Moving;

public sealed record MoveThreadRequest(Guid? BoardId, string? Reason);

public static class MoveThread
{
    /// <summary>To another board that is not archived (409).</summary>
    public static IReadOnlyList<object> Decide(ForumThread thread, Board target, string reason, Participant by, DateTimeOffset at)
    {
        if (thread.BoardId == target.Id)
            throw new DomainRuleViolation($"Thread '{thread.Id}' is on board '{target.Id}' already.", StatusCodes.Status409Conflict, "Same board");
        if (target.Archived)
            throw new DomainRuleViolation($"Board '{target.Id}' is archived; it takes no threads.", StatusCodes.Status409Conflict, "Board archived");
        return [new ThreadMoved(thread.Id, thread.BoardId, target.Id, reason, by, ForumThread.Stored(at))];
    }

    /// <summary>POST /threads/{id}/move: moderators of both boards (staff; a coordinator within their network's board cannot move it out).</summary>
    public static async Task<Ok<ThreadResponse>> Handle(Guid id, MoveThreadRequest request, HttpContext http, IDocumentSession session, TimeProvider clock, CancellationToken ct)
    {
        var v = new Validation();
        if (request.BoardId is null || request.BoardId == Guid.Empty) v.Add("boardId", "'boardId' is the board to move the thread to.");
        v.Required("reason", request.Reason, ThreadAccess.MaxReasonLength).ThrowIfInvalid();
        var expected = http.Request.ExpectedVersion();
        var thread = await ThreadAccess.ReadableAsync(session, id, http.User, ct);
        http.User.EnsureModerates(thread);
        var target = await BoardAccess.ReadableAsync(session, request.BoardId!.Value, http.User, ct);
        if (!http.User.MayModerate(target.Board)) throw new Forbidden("You may move a thread only to a board you moderate.");
        var by = HidePost.Moderator(http);
        var decision = await session.DecideExclusivelyAsync<ForumThread>(id, expected,
            (current, _) => Task.FromResult(Decide(current, target.Board, request.Reason!.Trim(), by, clock.GetUtcNow())), ct, "Thread");
        return await LockThread.Respond(session, decision, http, ct);
    }
}
