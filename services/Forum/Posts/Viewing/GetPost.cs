using Marten;
using Microsoft.AspNetCore.Http.HttpResults;
using Network.Forum.Boards;
using Network.Forum.Posting;
using Network.Forum.Threads;
using Network.Platform.Http;

namespace Network.Forum.Posts.Viewing;

public sealed record PostRevisionResponse(int Revision, string? Source, string? Html, string Language, DateTimeOffset At);

public static class GetPost
{
    /// <summary>GET /posts/{id}: a post of a thread the caller may read; the ETag is its number of revisions (If-Match of an edit).</summary>
    public static async Task<Ok<PostResponse>> Handle(Guid id, HttpContext http, IQuerySession session, CancellationToken ct)
    {
        var (post, thread) = await ReadableAsync(session, id, http, ct);
        var posts = await PostResponse.ManyAsync(session, [post], http.User.MayModerate(thread.Board.Board), http.Request, ct);
        http.Response.SetETag(post.Revision);
        return TypedResults.Ok(posts[0]);
    }

    /// <summary>GET /posts/{id}/revisions: every version of the post, the first as written; a hidden post's for its moderators only.</summary>
    public static async Task<Ok<IReadOnlyList<PostRevisionResponse>>> Revisions(Guid id, HttpContext http, IQuerySession session, CancellationToken ct)
    {
        var (post, thread) = await ReadableAsync(session, id, http, ct);
        var show = !post.Hidden || http.User.MayModerate(thread.Board.Board);
        return TypedResults.Ok<IReadOnlyList<PostRevisionResponse>>([.. post.Revisions().Select(r =>
            new PostRevisionResponse(r.Revision, show ? r.Source : null, show ? r.Html : null, r.Language, r.At))]);
    }

    static async Task<(Post, ThreadInContext)> ReadableAsync(IQuerySession session, Guid id, HttpContext http, CancellationToken ct)
    {
        var post = await session.LoadAsync<Post>(id, ct) ?? throw new ResourceNotFound("Post", id);
        try
        {
            return (post, await ThreadAccess.ReadableAsync(session, post.ThreadId, http.User, ct));
        }
        catch (ResourceNotFound)
        {
            throw new ResourceNotFound("Post", id);
        }
    }
}
