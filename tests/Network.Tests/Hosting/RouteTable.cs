using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Network.Tests.Hosting;

/// <summary>
/// A running service's endpoints as the gateway addresses them (<c>/api/&lt;service&gt;/...</c>), for the tests that must
/// cover every endpoint of a kind (the authorisation matrix, the links through the gateway): a new endpoint cannot slip by.
/// </summary>
public static partial class RouteTable
{
    /// <summary>Every route endpoint of the service with its gateway route (<see cref="Normalised"/>).</summary>
    public static IEnumerable<(RouteEndpoint Endpoint, string Route)> Endpoints(string prefix, IServiceProvider services) =>
        services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Select(endpoint => (endpoint, Normalised(prefix + "/" + endpoint.RoutePattern.RawText?.TrimStart('/'))));

    /// <summary>Parameters as {} (names and constraints differ between a route's text and a test's), no trailing slash.</summary>
    public static string Normalised(string route)
    {
        var path = Parameter().Replace(route, "{}");
        return path.Length > 1 ? path.TrimEnd('/') : path;
    }

    [GeneratedRegex(@"\{[^}]*\}")]
    private static partial Regex Parameter();
}
