using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace Network.Platform.Http;

/// <summary>
/// The nil GUID (<c>00000000-0000-0000-0000-000000000000</c>) names nothing in any service: a route that carries it as an
/// id is a 404 problem before its handler runs, the same as an id that was never used. Marten refuses an empty id in a
/// stream operation with an exception of its own, which would otherwise be a 500. Runs after authorisation, so a caller
/// who may not use the endpoint at all still gets the 401 or 403 first.
/// </summary>
public static class NilIds
{
    public static IApplicationBuilder UseNilIdsAsNotFound(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        foreach (var (name, value) in context.Request.RouteValues)
            if (value is string text && text.Length == 36 && Guid.TryParseExact(text, "D", out var id) && id == Guid.Empty)
                throw new ResourceNotFound(Resource(name), text);
        await next(context);
    });

    // "id" on /events/{id} names the route's resource; "registrationId" names a registration.
    static string Resource(string routeValue) => routeValue.EndsWith("Id", StringComparison.Ordinal) && routeValue.Length > 2
        ? char.ToUpperInvariant(routeValue[0]) + routeValue[1..^2]
        : "Resource";
}
