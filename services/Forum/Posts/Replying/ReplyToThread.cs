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
    /// the board, the writer and the quoted post read in the round trip that takes it), so concurrent replies are numbered one after the other and none
    /// fails on a version race; the thread's snapshot is small, so the cost does not grow with the thread.
    /// </summary>
    public static async Task<Created<PostResponse>> Handle(
        Guid id, ReplyRequest request, HttpContext http, IDocumentSession session, TimeProvider clock, IOptions<NewcomerLimits> limits, CancellationToken ct)
    {
        var v = new Validation();
        var draft = PostDraft.Validate(request.Body, request.Language, request.Mentions, v);
        v.ThrowIfInvalid();

        // Rendered before the thread is locked (nothing it needs is read); then one round trip takes the thread's lock and
        // reads, after it, everything the rules need: the thread's board and network (found by the thread's board id in SQL:
        // none for a thread that does not exist), everything about the writer, the quoted post. A reply costs three round
        // trips: lock and read, append, commit.
        var content = draft.Render(request.QuotedPostId, out var rendered);
        var now = clock.GetUtcNow();
        var schema = session.DocumentStore.Options.DatabaseSchemaName;
        WriterReads? writer = null;
        bool exempt = false;
        var decision = await session.DecideExclusivelyAsync<ForumThread, (BoardInContext? Board, WriterReads Writer, Post? Quoted)>(id, null,
            batch => Together(BoardAccess.LoadOfThread(batch, schema, id), WriterReads.Read(batch, schema, http.User, draft.Mentions, limits.Value, now),
                request.QuotedPostId is { } quoted ? batch.Load<Post>(quoted) : Task.FromResult<Post?>(null)),
            (current, read) =>
            {
                if (read.Board is not { } board || !http.User.MayRead(board)) throw new ResourceNotFound("Thread", id);
                writer = read.Writer;
                var poster = writer.Poster;
                var organisation = PostingRules.EnsureMayPost(poster, board, request.OrganisationId);
                writer.EnsureMentionsKnown(draft.Mentions);
                exempt = poster.IsStaff || http.User.MayModerate(board.Board);
                PostingRules.EnsureNewcomerLimits(exempt, writer.Activity, rendered, limits.Value, now);
                return Decide(current, read.Quoted, request.QuotedPostId, Guid.CreateVersion7(), content, poster.Participant, organisation, now);
            },
            ct, "Thread");
        var added = (PostAdded)decision.Events[0];
        var post = Post.Create(id, added.PostId, added.Number, added.Content, added.Author, added.OrganisationId, added.At);
        http.Response.SetETag(post.Revision);
        return TypedResults.Created($"/posts/{post.Id}", PostResponse.From(post, writer!.Names, exempt, http.Request));
    }

    // The batch's reads as one task, awaited after the batch ran.
    static async Task<(BoardInContext?, WriterReads, Post?)> Together(Task<BoardInContext?> board, Task<WriterReads> writer, Task<Post?> quoted) =>
        (await board, await writer, await quoted);
}
