using Marten;
using Network.Forum.Boards;
using Network.Forum.Threads;
using Network.Platform.Auth;

namespace Network.Forum.Following;

/// <summary>Follow and unfollow a board or a thread the caller reads; following what one follows already changes nothing.</summary>
public static class Follow
{
    public static IReadOnlyList<object> Decide(Reader? current, Guid readerId, string personId, Guid target, bool board, bool follow, DateTimeOffset at)
    {
        var following = board ? current?.FollowedBoards.Contains(target) == true : current?.FollowedThreads.Contains(target) == true;
        if (following == follow) return [];
        return (board, follow) switch
        {
            (true, true) => [new BoardFollowed(readerId, personId, target, at)],
            (true, false) => [new BoardUnfollowed(readerId, personId, target, at)],
            (false, true) => [new ThreadFollowed(readerId, personId, target, at)],
            _ => [new ThreadUnfollowed(readerId, personId, target, at)],
        };
    }

    /// <summary>PUT /boards/{id}/following: a signed-in person who reads the board; new threads there become notifications.</summary>
    public static async Task<IResult> FollowBoard(Guid id, HttpContext http, IDocumentSession session, TimeProvider clock, CancellationToken ct)
    {
        await BoardAccess.ReadableAsync(session, id, http.User, ct);
        return await ChangeAsync(http, session, id, board: true, follow: true, clock, ct);
    }

    /// <summary>DELETE /boards/{id}/following.</summary>
    public static Task<IResult> UnfollowBoard(Guid id, HttpContext http, IDocumentSession session, TimeProvider clock, CancellationToken ct) =>
        ChangeAsync(http, session, id, board: true, follow: false, clock, ct);

    /// <summary>PUT /threads/{id}/following: a signed-in person who reads the thread; its replies become notifications.</summary>
    public static async Task<IResult> FollowThread(Guid id, HttpContext http, IDocumentSession session, TimeProvider clock, CancellationToken ct)
    {
        await ThreadAccess.ReadableAsync(session, id, http.User, ct);
        return await ChangeAsync(http, session, id, board: false, follow: true, clock, ct);
    }

    /// <summary>DELETE /threads/{id}/following.</summary>
    public static Task<IResult> UnfollowThread(Guid id, HttpContext http, IDocumentSession session, TimeProvider clock, CancellationToken ct) =>
        ChangeAsync(http, session, id, board: false, follow: false, clock, ct);

    static async Task<IResult> ChangeAsync(HttpContext http, IDocumentSession session, Guid target, bool board, bool follow, TimeProvider clock, CancellationToken ct)
    {
        var person = http.User.Actor().Id;
        var readerId = Reader.IdFor(person);
        var stream = await session.Events.FetchForWriting<Reader>(readerId, ct);
        var events = Decide(stream.Aggregate, readerId, person, target, board, follow, clock.GetUtcNow());
        if (events.Count > 0)
        {
            stream.AppendMany(events);
            await session.SaveChangesAsync(ct);
        }
        return TypedResults.NoContent();
    }
}
