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

        var board = await BoardAccess.ReadableAsync(session, id, http.User, ct);
        var poster = await Poster.LoadAsync(http.User, session, ct);
        var organisation = PostingRules.EnsureMayPost(poster, board, request.OrganisationId);
        await draft.EnsureMentionsKnownAsync(session, ct);
        var content = draft.Render(null, out var rendered);
        var now = clock.GetUtcNow();
        var exempt = poster.IsStaff || http.User.MayModerate(board.Board);
        var activity = exempt ? AuthorActivity.None : await AuthorActivity.ReadAsync(session, poster.Participant.Id, limits.Value, now, ct);
        PostingRules.EnsureNewcomerLimits(exempt, activity, rendered, limits.Value, now);

        var threadId = Guid.CreateVersion7();
        var started = Decide(threadId, Guid.CreateVersion7(), id, request.Title!.Trim(), content, poster.Participant, organisation, now);
        var version = await session.StartAsync<ForumThread>(threadId, started, ct);
        var thread = Platform.Aggregates.Aggregate.Fold<ForumThread>(null, started)!;
        thread.Version = version;
        var e = (ThreadStarted)started[0];
        var first = Post.Create(threadId, e.PostId, 1, e.Content, e.Author, e.OrganisationId, e.At);
        var names = await ParticipantNames.LoadAsync(session, [poster.Participant], [organisation, .. draft.Mentions.Select(m => (Guid?)m)], ct);
        http.Response.SetETag(version);
        return TypedResults.Created($"/threads/{threadId}",
            ThreadResponse.From(thread, names, PostResponse.From(first, names, exempt, http.Request)));
    }
}
