using Marten;
using Microsoft.AspNetCore.Http.HttpResults;
using Network.Forum.Posting;

namespace Network.Forum.Threads.Viewing;

public sealed record ThreadHistoryResponse(
    string Action, Guid? PostId, string? Reason, ParticipantResponse By, DateTimeOffset At, Guid? FromBoardId, Guid? ToBoardId);

public static class GetThreadHistory
{
    public const int MaxEntries = 1000;

    /// <summary>
    /// GET /threads/{id}/history: every edit and moderation action in the thread (who, when, why), oldest first, for
    /// everybody who reads the thread. The last 1,000 at most.
    /// </summary>
    public static async Task<Ok<IReadOnlyList<ThreadHistoryResponse>>> Handle(Guid id, HttpContext http, IQuerySession session, CancellationToken ct)
    {
        await ThreadAccess.ReadableAsync(session, id, http.User, ct);
        var entries = await session.Query<ThreadHistoryEntry>().Where(h => h.ThreadId == id)
            .OrderByDescending(h => h.Version).Take(MaxEntries).ToListAsync(ct);
        var names = await ParticipantNames.LoadAsync(session, entries.Select(e => e.By), [], ct);
        return TypedResults.Ok<IReadOnlyList<ThreadHistoryResponse>>([.. entries.OrderBy(h => h.Version)
            .Select(h => new ThreadHistoryResponse(h.Action, h.PostId, h.Reason, names.Of(h.By), h.At, h.FromBoardId, h.ToBoardId))]);
    }
}
