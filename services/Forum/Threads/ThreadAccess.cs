using System.Security.Claims;
using Marten;
using Network.Forum.Boards;
using Network.Platform.Http;

namespace Network.Forum.Threads;

/// <summary>A thread with its board: a thread is read by whoever reads its board; to anybody else it does not exist.</summary>
public sealed record ThreadInContext(ForumThread Thread, BoardInContext Board);

public static class ThreadAccess
{
    public static async Task<ThreadInContext> ReadableAsync(IQuerySession session, Guid threadId, ClaimsPrincipal user, CancellationToken ct)
    {
        var thread = await session.LoadAsync<ForumThread>(threadId, ct) ?? throw new ResourceNotFound("Thread", threadId);
        var board = await BoardAccess.LoadAsync(session, thread.BoardId, ct);
        return user.MayRead(board) ? new ThreadInContext(thread, board) : throw new ResourceNotFound("Thread", threadId);
    }

    /// <summary>Moderators of the thread's board only (403 for a reader who may not).</summary>
    public static void EnsureModerates(this ClaimsPrincipal user, ThreadInContext thread)
    {
        if (!user.MayModerate(thread.Board.Board))
            throw new Forbidden("Only staff and the coordinators of this board's local network may moderate it.");
    }

    /// <summary>A moderator's reason: required, so every action in a thread's history says why.</summary>
    public static string ValidReason(string? reason)
    {
        new Validation().Required("reason", reason, MaxReasonLength).ThrowIfInvalid();
        return reason!.Trim();
    }

    public const int MaxReasonLength = 1000;
}
