using Network.Platform.Auth;
using Network.Platform.Exports;
using Network.Platform.Http;

namespace Network.Events.Exports;

public static class ExportsApi
{
    public static IEndpointRouteBuilder MapExportsApi(this IEndpointRouteBuilder app)
    {
        var exports = app.MapGroup("/events/{id:guid}").WithTags("Exports").RequireAuthorization(Policies.Staff).ExpensiveRead();
        exports.MapGet("/registrations.{format}", RegistrationExports.HandleRegistrations).ProducesExports();
        exports.MapGet("/attendance.{format}", RegistrationExports.HandleAttendance).ProducesExports();
        return app;
    }
}
