using Network.Forum.Digests;
using Network.Forum.Notifications;
using Network.Platform.Auth;

namespace Network.Forum.Following;

public static class FollowingApi
{
    /// <summary>Signed-in people only: what they follow and what they are told.</summary>
    public static IEndpointRouteBuilder MapFollowingApi(this IEndpointRouteBuilder app)
    {
        app.MapPut("/boards/{id:guid}/following", Follow.FollowBoard).WithTags("Following").RequireAuthorization(Policies.Person);
        app.MapDelete("/boards/{id:guid}/following", Follow.UnfollowBoard).WithTags("Following").RequireAuthorization(Policies.Person);
        app.MapPut("/threads/{id:guid}/following", Follow.FollowThread).WithTags("Following").RequireAuthorization(Policies.Person);
        app.MapDelete("/threads/{id:guid}/following", Follow.UnfollowThread).WithTags("Following").RequireAuthorization(Policies.Person);
        app.MapGet("/notifications/mine", MyNotifications.Handle).WithTags("Notifications").RequireAuthorization(Policies.Person);
        app.MapPost("/notifications/mine/read", MyNotifications.MarkRead).WithTags("Notifications").RequireAuthorization(Policies.Person);
        app.MapGet("/notifications/mine/digest", ChooseDigest.Get).WithTags("Notifications").RequireAuthorization(Policies.Person);
        app.MapPut("/notifications/mine/digest", ChooseDigest.Handle).WithTags("Notifications").RequireAuthorization(Policies.Person);
        return app;
    }
}
