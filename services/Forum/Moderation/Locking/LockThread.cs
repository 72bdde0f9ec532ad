using Marten;
using Microsoft.AspNetCore.Http.HttpResults;
using Network.Forum.Moderation.Hiding;
using Network.Forum.Posting;
using Network.Forum.Threads;
using Network.Forum.Threads.Viewing;
using Network.Platform.EventStore;
using Network.Platform.Http;

namespace Network.Forum.Moderation.Locking;

/// <summary>Lock and unlock a thread: a locked one takes no posts and no edits; both in the thread's history.</summary>
public static class LockThread
{
    public static IReadOnlyList<object> Decide(ForumThread thread, bool @lock, string reason, Participant by, DateTimeOffset at)
    {
        if (thread.Locked == @lock)
            throw new DomainRuleViolation($"Thread '{thread.Id}' is {(@lock ? "locked" : "unlocked")} already.", StatusCodes.Status409Conflict,
                @lock ? "Thread locked" : "Thread not locked");
        var when = ForumThread.Stored(at);
        return @lock ? [new ThreadLocked(thread.Id, reason, by, when)] : [new ThreadUnlocked(thread.Id, reason, by, when)];
    }

    /// <summary>POST /threads/{id}/lock: the board's moderators; honours If-Match (the thread's version).</summary>
    public static Task<Ok<ThreadResponse>> Lock(Guid id, ModerationRequest request, HttpContext http, IDocumentSession session, TimeProvider clock, CancellationToken ct) =>
        Change(id, true, request, http, session, clock, ct);

    /// <summary>POST /threads/{id}/unlock: the board's moderators; honours If-Match.</summary>
    public static Task<Ok<ThreadResponse>> Unlock(Guid id, ModerationRequest request, HttpContext http, IDocumentSession session, TimeProvider clock, CancellationToken ct) =>
        Change(id, false, request, http, session, clock, ct);

    static async Task<Ok<ThreadResponse>> Change(Guid id, bool @lock, ModerationRequest request, HttpContext http, IDocumentSession session, TimeProvider clock, CancellationToken ct)
    {
        var reason = ThreadAccess.ValidReason(request.Reason);
        var expected = http.Request.ExpectedVersion();
        var thread = await ThreadAccess.ReadableAsync(session, id, http.User, ct);
        http.User.EnsureModerates(thread);
        var by = HidePost.Moderator(http);
        var decision = await session.DecideExclusivelyAsync<ForumThread>(id, expected,
            (current, _) => Task.FromResult(Decide(current, @lock, reason, by, clock.GetUtcNow())), ct, "Thread");
        return await Respond(session, decision, http, ct);
    }

    /// <summary>The thread as a moderator's decision left it (folded here, not read again), with its new ETag.</summary>
    public static async Task<Ok<ThreadResponse>> Respond(IQuerySession session, Decision<ForumThread> decision, HttpContext http, CancellationToken ct)
    {
        var thread = Platform.Aggregates.Aggregate.Fold(decision.Before, decision.Events)!;
        thread.Version = decision.Version;
        var names = await ParticipantNames.LoadAsync(session, [thread.StartedBy], [], ct);
        http.Response.SetETag(decision.Version);
        return TypedResults.Ok(ThreadResponse.From(thread, names));
    }
}
