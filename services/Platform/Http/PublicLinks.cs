using Microsoft.AspNetCore.Http;

namespace Network.Platform.Http;

/// <summary>
/// Links a client follows work from where the client stands. Handlers write service-relative paths
/// (<c>/events/{id}</c>), as the service's own routes read; behind the gateway the request's
/// <see cref="HttpRequest.PathBase"/> is the gateway's prefix for the service (X-Forwarded-Prefix, see
/// <see cref="ForwardedHeadersSetup"/>), and that is put in front:
/// <list type="bullet">
/// <item>a relative <c>Location</c> header, by <see cref="PrefixLocationHeaders"/> for every response, so no handler has to;</item>
/// <item>a link inside a response body, by the handler with <see cref="Absolute"/>.</item>
/// </list>
/// Called directly (tests, inside the AppHost) the paths stay as they are.
/// </summary>
public static class PublicLinks
{
    /// <summary>The absolute address of a service path as the caller reached the service: through the gateway, the gateway's.</summary>
    public static string Absolute(HttpRequest request, string servicePath) =>
        $"{request.Scheme}://{request.Host}{request.PathBase}{servicePath}";

    /// <summary>Middleware: a <c>Location</c> that is a service-relative path gets the request's path base in front.</summary>
    public static Task PrefixLocationHeaders(HttpContext http, RequestDelegate next)
    {
        if (http.Request.PathBase.HasValue)
            http.Response.OnStarting(static state =>
            {
                var response = ((HttpContext)state).Response;
                var location = response.Headers.Location.ToString();
                if (location.StartsWith('/') && !location.StartsWith("//", StringComparison.Ordinal))
                    response.Headers.Location = ((HttpContext)state).Request.PathBase.ToUriComponent() + location;
                return Task.CompletedTask;
            }, http);
        return next(http);
    }
}
