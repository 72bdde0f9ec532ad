using Network.Platform.Http;
using Network.Platform.Auth;

namespace Network.Directory.Matchmaking;

public static class MatchmakingApi
{
    public static IEndpointRouteBuilder MapMatchmakingApi(this IEndpointRouteBuilder app)
    {
        app.MapGroup("/organisations").WithTags("Matchmaking")
            .MapGet("/{id:guid}/suggestions", SuggestPartners.Handle).RequireAuthorization(Policies.Person).ExpensiveRead();
        return app;
    }
}
