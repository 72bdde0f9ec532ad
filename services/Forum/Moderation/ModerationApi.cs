using Network.Forum.Moderation.Flagging;
using Network.Forum.Moderation.Hiding;
using Network.Forum.Moderation.Locking;
using Network.Forum.Moderation.Moving;
using Network.Forum.Moderation.Queue;
using Network.Platform.Auth;

namespace Network.Forum.Moderation;

public static class ModerationApi
{
    /// <summary>Signed-in people only; each handler checks that the caller moderates the board concerned (403 otherwise).</summary>
    public static IEndpointRouteBuilder MapModerationApi(this IEndpointRouteBuilder app)
    {
        var posts = app.MapGroup("/posts").WithTags("Moderation").RequireAuthorization(Policies.Person);
        posts.MapPost("/{id:guid}/flags", FlagPost.Handle);
        posts.MapPost("/{id:guid}/hiding", HidePost.Hide);
        posts.MapPost("/{id:guid}/unhiding", HidePost.Unhide);

        var threads = app.MapGroup("/threads").WithTags("Moderation").RequireAuthorization(Policies.Person);
        threads.MapPost("/{id:guid}/lock", LockThread.Lock);
        threads.MapPost("/{id:guid}/unlock", LockThread.Unlock);
        threads.MapPost("/{id:guid}/move", MoveThread.Handle);

        app.MapGet("/moderation/queue", ModerationQueue.Handle).WithTags("Moderation").RequireAuthorization(Policies.Person);
        return app;
    }
}
