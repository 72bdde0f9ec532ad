using Marten;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using Network.Forum.Boards;
using Network.Forum.Posting;
using Network.Forum.Posts;
using Network.Forum.Posts.Viewing;
using Network.Forum.Threads.Viewing;
using Network.Platform.EventStore;
using Network.Platform.Http;

namespace Network.Forum.Threads.Starting;

/// <param name="OrganisationId">The organisation the author writes for (one they act for; the first fitting one when left out).</param>
public sealed record StartThreadRequest(string? Title, string? Body, string? Language, Guid? OrganisationId = null, IReadOnlyList<Guid>? Mentions = null);

public static class StartThread
{
    public const int MaxTitleLength = 200;

    public static IReadOnlyList<object> Decide(Guid threadId, Guid postId, Guid boardId, string title, PostContent content, Participant author,
        Guid? organisationId, DateTimeOffset at) =>
        [new ThreadStarted(threadId, boardId, title, postId, content, author, organisationId, ForumThread.Stored(at))];

    /// <summary>
    /// POST /boards/{id}/threads: a signed-in person who may post on the board (<see cref="PostingRules"/>); the thread starts
    /// with its first post.
    /// </summary>
    public static async Task<Created<ThreadResponse>> Handle(
        Guid id, StartThreadRequest request, HttpContext http, IDocumentSession session, TimeProvider clock, IOptions<NewcomerLimits> limits, CancellationToken ct)
    {
        var v = new Validation().Required("title", request.Title, MaxTitleLength);
        var draft = PostDraft.Validate(request.Body, request.Language, request.Mentions, v);
        v.ThrowIfInvalid();

        // One round trip before the append: the board and its network with everything about the writer.
        var now = clock.GetUtcNow();
        var batch = session.CreateBatchQuery();
        var boardRead = BoardAccess.Load(batch, id);
        var writerRead = WriterReads.Read(batch, session.DocumentStore.Options.DatabaseSchemaName, http.User, draft.Mentions, limits.Value, now);
        await batch.Execute(ct);
        if (await boardRead is not { } board || !http.User.MayRead(board)) throw new ResourceNotFound("Board", id);
        var writer = await writerRead;
        var poster = writer.Poster;
        var organisation = PostingRules.EnsureMayPost(poster, board, request.OrganisationId);
        writer.EnsureMentionsKnown(draft.Mentions);
        var content = draft.Render(null, out var rendered);
        var exempt = poster.IsStaff || http.User.MayModerate(board.Board);
        PostingRules.EnsureNewcomerLimits(exempt, writer.Activity, rendered, limits.Value, now);

        var threadId = Guid.CreateVersion7();
        var started = Decide(threadId, Guid.CreateVersion7(), id, request.Title!.Trim(), content, poster.Participant, organisation, now);
        var version = await session.StartAsync<ForumThread>(threadId, started, ct);
        var thread = Platform.Aggregates.Aggregate.Fold<ForumThread>(null, started)!;
        thread.Version = version;
        var e = (ThreadStarted)started[0];
        var first = Post.Create(threadId, e.PostId, 1, e.Content, e.Author, e.OrganisationId, e.At);
        http.Response.SetETag(version);
        return TypedResults.Created($"/threads/{threadId}",
            ThreadResponse.From(thread, writer.Names, PostResponse.From(first, writer.Names, exempt, http.Request)));
    }
}
