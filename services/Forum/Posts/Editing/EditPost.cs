using Marten;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using Network.Forum.Boards;
using Network.Forum.Posting;
using Network.Forum.Posts.Viewing;
using Network.Forum.Threads;
using Network.Platform.EventStore;
using Network.Platform.Http;

namespace Network.Forum.Posts.Editing;

public sealed record EditPostRequest(string? Body, string? Language, IReadOnlyList<Guid>? Mentions = null);

public static class EditPost
{
    /// <summary>
    /// Only the author (403), not in a locked thread, not a hidden post (409), against the revision the client saw
    /// (If-Match: the post's ETag is its number of revisions; 412 when stale). The same content again changes nothing.
    /// </summary>
    public static IReadOnlyList<object> Decide(ForumThread thread, Post? post, Guid postId, long? expectedRevision, PostContent content, Participant by, DateTimeOffset at)
    {
        if (post is null || post.ThreadId != thread.Id) throw new ResourceNotFound("Post", postId);
        if (post.AuthorId != by.Id) throw new Forbidden("Only its author may edit a post.");
        if (thread.Locked)
            throw new DomainRuleViolation($"Thread '{thread.Id}' is locked; its posts cannot be edited.", StatusCodes.Status409Conflict, "Thread locked");
        if (post.Hidden)
            throw new DomainRuleViolation($"Post '{post.Id}' was hidden by the moderators; it cannot be edited.", StatusCodes.Status409Conflict, "Post hidden");
        if (expectedRevision is { } expected && expected != post.Revision)
            throw new StaleVersion($"Post '{post.Id}' is at revision {post.Revision}, not {expected}; fetch it again.");
        if (post.Source == content.Source && post.Language == content.Language && post.Mentions.SequenceEqual(content.Mentions)) return [];
        return [new PostEdited(thread.Id, post.Id, content with { QuotedPostId = post.QuotedPostId }, by, ForumThread.Stored(at))];
    }

    /// <summary>PUT /posts/{id}: the author, while they may still post on the board; every version stays readable (GET /posts/{id}/revisions).</summary>
    public static async Task<Ok<PostResponse>> Handle(
        Guid id, EditPostRequest request, HttpContext http, IDocumentSession session, TimeProvider clock, IOptions<NewcomerLimits> limits, CancellationToken ct)
    {
        var v = new Validation();
        var draft = PostDraft.Validate(request.Body, request.Language, request.Mentions, v);
        v.ThrowIfInvalid();
        var expected = http.Request.ExpectedVersion();

        var now = clock.GetUtcNow();
        var batch = session.CreateBatchQuery();
        var postRead = batch.Load<Post>(id);
        var writerRead = WriterReads.Read(batch, session.DocumentStore.Options.DatabaseSchemaName, http.User, draft.Mentions, limits.Value, now);
        await batch.Execute(ct);
        var existing = await postRead ?? throw new ResourceNotFound("Post", id);
        var writer = await writerRead;
        var thread = await ThreadAccess.ReadableAsync(session, existing.ThreadId, http.User, ct);
        var poster = writer.Poster;
        if (existing.AuthorId != poster.Participant.Id) throw new Forbidden("Only its author may edit a post.");
        PostingRules.EnsureMayPost(poster, thread.Board, null);
        writer.EnsureMentionsKnown(draft.Mentions);
        var content = draft.Render(existing.QuotedPostId, out var rendered);
        var exempt = poster.IsStaff || http.User.MayModerate(thread.Board.Board);
        PostingRules.EnsureNewcomerLimits(exempt, writer.Activity, rendered, limits.Value, now, isNewPost: false);

        await session.DecideExclusivelyAsync<ForumThread, Post?>(existing.ThreadId, null,
            batch => batch.Load<Post>(id),
            (current, post) => Decide(current, post, id, expected, content, poster.Participant, now), ct, "Thread");
        var edited = await session.LoadAsync<Post>(id, ct) ?? existing;
        var names = await ParticipantNames.LoadAsync(session, [edited.Author], [edited.OrganisationId, .. edited.Mentions.Select(m => (Guid?)m)], ct);
        http.Response.SetETag(edited.Revision);
        return TypedResults.Ok(PostResponse.From(edited, names, exempt, http.Request));
    }
}
