using Network.Platform.Http;
namespace Network.Directory.Search;

public static class SearchApi
{
    public static IEndpointRouteBuilder MapSearchApi(this IEndpointRouteBuilder app)
    {
        app.MapGroup("/search").WithTags("Search")
            .MapGet("/organisations", SearchOrganisations.Handle).AllowAnonymous().ExpensiveRead();
        return app;
    }
}
