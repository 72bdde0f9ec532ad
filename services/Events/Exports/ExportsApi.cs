using Network.Platform.Http;
using Network.Platform.Auth;

namespace Network.Events.Exports;

public static class ExportsApi
{
    public static IEndpointRouteBuilder MapExportsApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/events/{id:guid}/registrations.csv", EventCsv.HandleRegistrations).WithTags("Exports").RequireAuthorization(Policies.Staff).ExpensiveRead();
        app.MapGet("/events/{id:guid}/attendance.csv", EventCsv.HandleAttendance).WithTags("Exports").RequireAuthorization(Policies.Staff).ExpensiveRead();
        return app;
    }
}
