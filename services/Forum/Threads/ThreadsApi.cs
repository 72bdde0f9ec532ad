using Network.Forum.Posts.Editing;
using Network.Forum.Posts.Replying;
using Network.Forum.Posts.Viewing;
using Network.Forum.Threads.Promoting;
using Network.Forum.Threads.Viewing;
using Network.Platform.Auth;
using Network.Platform.Http;

namespace Network.Forum.Threads;

public static class ThreadsApi
{
    /// <summary>Reads are open to everybody who reads the thread's board; writing needs a signed-in person (and the posting rules).</summary>
    public static IEndpointRouteBuilder MapThreadsApi(this IEndpointRouteBuilder app)
    {
        var threads = app.MapGroup("/threads").WithTags("Threads");
        threads.MapGet("/{id:guid}", GetThread.Handle).AllowAnonymous();
        threads.MapGet("/{id:guid}/posts", ListPosts.Handle).AllowAnonymous();
        threads.MapPost("/{id:guid}/posts", ReplyToThread.Handle).RequireAuthorization(Policies.Person);
        threads.MapGet("/{id:guid}/history", GetThreadHistory.Handle).AllowAnonymous();
        threads.MapPost("/{id:guid}/promotion", PromoteThread.Handle).RequireAuthorization(Policies.Staff);

        app.MapGet("/search", Search.SearchPosts.Handle).WithTags("Search").AllowAnonymous().ExpensiveRead();

        var posts = app.MapGroup("/posts").WithTags("Posts");
        posts.MapGet("/{id:guid}", GetPost.Handle).AllowAnonymous();
        posts.MapPut("/{id:guid}", EditPost.Handle).RequireAuthorization(Policies.Person);
        posts.MapGet("/{id:guid}/revisions", GetPost.Revisions).AllowAnonymous();
        return app;
    }
}
