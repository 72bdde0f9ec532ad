using Marten;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using Network.Forum.Boards;
using Network.Forum.Posting;
using Network.Forum.Posts.Viewing;
using Network.Forum.Threads;
using Network.Platform.EventStore;
using Network.Platform.Http;

namespace Network.Forum.Posts.Replying;

/// <param name="QuotedPostId">A post of the same thread this one quotes.</param>
public sealed record ReplyRequest(string? Body, string? Language, Guid? QuotedPostId = null, Guid? OrganisationId = null, IReadOnlyList<Guid>? Mentions = null);

public static class ReplyToThread
{
    /// <summary>Not in a locked thread (409); a quote names a visible post of this thread (409 otherwise). The post is numbered next.</summary>
    public static IReadOnlyList<object> Decide(ForumThread thread, Post? quoted, Guid? quotedPostId, Guid postId, PostContent content,
        Participant author, Guid? organisationId, DateTimeOffset at)
    {
        if (thread.Locked)
            throw new DomainRuleViolation($"Thread '{thread.Id}' is locked; it takes no new posts.", StatusCodes.Status409Conflict, "Thread locked");
        if (quotedPostId is { } q && (quoted is null || quoted.ThreadId != thread.Id || quoted.Hidden))
            throw new DomainRuleViolation($"Post '{q}' is not a visible post of thread '{thread.Id}'; only those can be quoted.",
                StatusCodes.Status409Conflict, "Quoted post not in this thread");
        return [new PostAdded(thread.Id, thread.BoardId, postId, thread.PostCount + 1, content, author, organisationId, ForumThread.Stored(at))];
    }

    /// <summary>
    /// POST /threads/{id}/posts: a signed-in person who may post on the thread's board. Decided under the thread's lock (with
    /// the quoted post read in the round trip that takes it), so concurrent replies are numbered one after the other and none
    /// fails on a version race; the thread's snapshot is small, so the cost does not grow with the thread.
    /// </summary>
    public static async Task<Created<PostResponse>> Handle(
        Guid id, ReplyRequest request, HttpContext http, IDocumentSession session, TimeProvider clock, IOptions<NewcomerLimits> limits, CancellationToken ct)
    {
        var v = new Validation();
        var draft = PostDraft.Validate(request.Body, request.Language, request.Mentions, v);
        v.ThrowIfInvalid();

        var thread = await ThreadAccess.ReadableAsync(session, id, http.User, ct);
        var poster = await Poster.LoadAsync(http.User, session, ct);
        var organisation = PostingRules.EnsureMayPost(poster, thread.Board, request.OrganisationId);
        await draft.EnsureMentionsKnownAsync(session, ct);
        var content = draft.Render(request.QuotedPostId, out var rendered);
        var now = clock.GetUtcNow();
        var exempt = poster.IsStaff || http.User.MayModerate(thread.Board.Board);
        var activity = exempt ? AuthorActivity.None : await AuthorActivity.ReadAsync(session, poster.Participant.Id, limits.Value, now, ct);
        PostingRules.EnsureNewcomerLimits(exempt, activity, rendered, limits.Value, now);

        var decision = await session.DecideExclusivelyAsync<ForumThread, Post?>(id, null,
            batch => request.QuotedPostId is { } quoted ? batch.Load<Post>(quoted) : Task.FromResult<Post?>(null),
            (current, quoted) => Decide(current, quoted, request.QuotedPostId, Guid.CreateVersion7(), content, poster.Participant, organisation, now),
            ct, "Thread");
        var added = (PostAdded)decision.Events[0];
        var post = Post.Create(id, added.PostId, added.Number, added.Content, added.Author, added.OrganisationId, added.At);
        var names = await ParticipantNames.LoadAsync(session, [poster.Participant], [organisation, .. draft.Mentions.Select(m => (Guid?)m)], ct);
        http.Response.SetETag(post.Revision);
        return TypedResults.Created($"/posts/{post.Id}", PostResponse.From(post, names, exempt, http.Request));
    }
}
