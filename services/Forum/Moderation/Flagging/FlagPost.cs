using Marten;
using Marten.Services.BatchQuerying;
using Microsoft.AspNetCore.Http.HttpResults;
using Network.Forum.Posting;
using Network.Forum.Posts;
using Network.Forum.Threads;
using Network.Platform.Auth;
using Network.Platform.EventStore;
using Network.Platform.Http;

namespace Network.Forum.Moderation.Flagging;

public sealed record FlagResponse(Guid PostId, string Reason, DateTimeOffset At);

public static class FlagPost
{
    /// <summary>Not your own post, once per person and post, not a post already hidden (each 409).</summary>
    public static IReadOnlyList<object> Decide(ForumThread thread, Post? post, Flag? existing, Guid postId, string reason, Participant by, DateTimeOffset at)
    {
        if (post is null || post.ThreadId != thread.Id) throw new ResourceNotFound("Post", postId);
        if (post.AuthorId == by.Id)
            throw new DomainRuleViolation("You cannot flag your own post; edit it instead.", StatusCodes.Status409Conflict, "Own post");
        if (existing is not null)
            throw new DomainRuleViolation($"You flagged post '{post.Id}' already.", StatusCodes.Status409Conflict, "Already flagged");
        if (post.Hidden)
            throw new DomainRuleViolation($"Post '{post.Id}' is hidden already.", StatusCodes.Status409Conflict, "Post hidden");
        return [new PostFlagged(thread.Id, thread.BoardId, post.Id, reason, by, ForumThread.Stored(at))];
    }

    /// <summary>POST /posts/{id}/flags: a signed-in person who reads the post; it goes to the moderation queue of its board.</summary>
    public static async Task<Created<FlagResponse>> Handle(
        Guid id, ModerationRequest request, HttpContext http, IDocumentSession session, TimeProvider clock, CancellationToken ct)
    {
        var reason = ThreadAccess.ValidReason(request.Reason);
        var existing = await session.LoadAsync<Post>(id, ct) ?? throw new ResourceNotFound("Post", id);
        await ThreadAccess.ReadableAsync(session, existing.ThreadId, http.User, ct);
        var actor = http.User.Actor();
        var by = new Participant(actor.Id, http.User.IsStaff(), http.User.IsStaff() ? actor.Name : null);
        var decision = await session.DecideExclusivelyAsync<ForumThread, (Post?, Flag?)>(existing.ThreadId, null,
            batch => Both(batch.Load<Post>(id), batch.Load<Flag>(Flag.IdFor(id, by.Id))),
            (thread, read) => Decide(thread, read.Item1, read.Item2, id, reason, by, clock.GetUtcNow()), ct, "Thread");
        var flagged = (PostFlagged)decision.Events[0];
        return TypedResults.Created($"/posts/{id}", new FlagResponse(id, flagged.Reason, flagged.At));
    }

    static async Task<(Post?, Flag?)> Both(Task<Post?> post, Task<Flag?> flag) => (await post, await flag);
}
