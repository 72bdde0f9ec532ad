using Marten;
using Microsoft.AspNetCore.Http.HttpResults;
using Network.Forum.Posting;
using Network.Forum.Posts;
using Network.Forum.Posts.Viewing;
using Network.Forum.Threads;
using Network.Platform.Auth;
using Network.Platform.EventStore;
using Network.Platform.Http;

namespace Network.Forum.Moderation.Hiding;

/// <summary>Hide and unhide a post: readers see a placeholder with the reason, moderators the content; both in the thread's history.</summary>
public static class HidePost
{
    public static IReadOnlyList<object> Decide(ForumThread thread, Post? post, Guid postId, bool hide, string reason, Participant by, DateTimeOffset at)
    {
        if (post is null || post.ThreadId != thread.Id) throw new ResourceNotFound("Post", postId);
        if (post.Hidden == hide)
            throw new DomainRuleViolation($"Post '{post.Id}' is {(hide ? "hidden" : "visible")} already.", StatusCodes.Status409Conflict,
                hide ? "Post hidden" : "Post not hidden");
        var when = ForumThread.Stored(at);
        return hide ? [new PostHidden(thread.Id, post.Id, reason, by, when)] : [new PostUnhidden(thread.Id, post.Id, reason, by, when)];
    }

    /// <summary>POST /posts/{id}/hiding: the board's moderators (staff, the network's coordinators).</summary>
    public static Task<Ok<PostResponse>> Hide(Guid id, ModerationRequest request, HttpContext http, IDocumentSession session, TimeProvider clock, CancellationToken ct) =>
        Change(id, true, request, http, session, clock, ct);

    /// <summary>POST /posts/{id}/unhiding: the board's moderators; the post reads as before.</summary>
    public static Task<Ok<PostResponse>> Unhide(Guid id, ModerationRequest request, HttpContext http, IDocumentSession session, TimeProvider clock, CancellationToken ct) =>
        Change(id, false, request, http, session, clock, ct);

    static async Task<Ok<PostResponse>> Change(Guid id, bool hide, ModerationRequest request, HttpContext http, IDocumentSession session, TimeProvider clock, CancellationToken ct)
    {
        var reason = ThreadAccess.ValidReason(request.Reason);
        var existing = await session.LoadAsync<Post>(id, ct) ?? throw new ResourceNotFound("Post", id);
        var thread = await ThreadAccess.ReadableAsync(session, existing.ThreadId, http.User, ct);
        http.User.EnsureModerates(thread);
        var by = Moderator(http);
        await session.DecideExclusivelyAsync<ForumThread, Post?>(existing.ThreadId, null, batch => batch.Load<Post>(id),
            (current, post) => Decide(current, post, id, hide, reason, by, clock.GetUtcNow()), ct, "Thread");
        var changed = await session.LoadAsync<Post>(id, ct) ?? existing;
        var posts = await PostResponse.ManyAsync(session, [changed], true, http.Request, ct);
        return TypedResults.Ok(posts[0]);
    }

    public static Participant Moderator(HttpContext http)
    {
        var actor = http.User.Actor();
        return new Participant(actor.Id, http.User.IsStaff(), http.User.IsStaff() ? actor.Name : null);
    }
}
