using Network.Platform.Http;
namespace Network.Directory.Coverage;

public static class CoverageApi
{
    public static IEndpointRouteBuilder MapCoverageApi(this IEndpointRouteBuilder app)
    {
        var coverage = app.MapGroup("/coverage").WithTags("Coverage").AllowAnonymous().ExpensiveRead();
        coverage.MapGet("/", GetCoverage.HandleAll);
        coverage.MapGet("/{ags}", GetCoverage.Handle);
        coverage.MapGet("/{ags}.csv", GetCoverage.HandleCsv);
        app.MapGet("/coverage.csv", GetCoverage.HandleAllCsv).WithTags("Coverage").AllowAnonymous().ExpensiveRead();
        return app;
    }
}
