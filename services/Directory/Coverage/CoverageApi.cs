using Network.Platform.Exports;
using Network.Platform.Http;
namespace Network.Directory.Coverage;

public static class CoverageApi
{
    public static IEndpointRouteBuilder MapCoverageApi(this IEndpointRouteBuilder app)
    {
        var coverage = app.MapGroup("/coverage").WithTags("Coverage").AllowAnonymous().ExpensiveRead();
        coverage.MapGet("/", GetCoverage.HandleAll);
        coverage.MapGet("/{ags}", GetCoverage.Handle);
        coverage.MapGet("/{ags}.{format}", GetCoverage.HandleExport).ProducesExports();
        app.MapGet("/coverage.{format}", GetCoverage.HandleAllExport).WithTags("Coverage").AllowAnonymous().ExpensiveRead().ProducesExports();
        return app;
    }
}
