using Network.Platform.Http;
using Yarp.ReverseProxy.Configuration;
using Yarp.ReverseProxy.Transforms;

namespace Network.Gateway.Routing;

/// <summary>
/// <c>/api/&lt;service&gt;/...</c> goes to that service with the prefix removed
/// (<c>/api/directory/organisations</c> reaches the Directory at <c>/organisations</c>). The OpenID Connect
/// provider's standard addresses (discovery, JWKS, token, authorize, ...) and its sign-in pages go to the Identity
/// service unchanged: the gateway's address is the provider's issuer.
/// A service learns the prefix it is reached under from <c>X-Forwarded-Prefix</c> (its path base), so the
/// <c>Location</c> headers and links it answers with resolve through the gateway (see <c>PublicLinks</c>).
/// Destinations are service names that service discovery resolves, under Aspire from
/// <c>services__&lt;name&gt;__http__0</c>.
/// </summary>
public static class ServiceRoutes
{
    public sealed record Service(string PathSegment, string Name)
    {
        public string Prefix => $"/api/{PathSegment}";
    }

    public static readonly IReadOnlyList<Service> Services =
    [
        new("directory", "directory-api"),
        new("forum", "forum-api"),
        new("events", "events-api"),
        new("knowledge", "knowledge-api"),
        new("partners", "partners-api"),
        new("identity", "identity-api"),
    ];

    /// <summary>Paths the Identity service answers as they are: its protocol endpoints and HTML pages.</summary>
    public static readonly IReadOnlyList<string> ProviderPaths = ["/.well-known", "/connect", "/account"];

    public static IReadOnlyList<RouteConfig> Routes() =>
    [
        .. Services.Select(service => new RouteConfig
        {
            RouteId = service.PathSegment,
            ClusterId = service.Name,
            Match = new RouteMatch { Path = service.Prefix + "/{**rest}" },
        }.WithTransformPathRemovePrefix(service.Prefix)
         // YARP's own X-Forwarded-Prefix is the gateway's path base; the service needs the part the gateway removed.
         .WithTransformXForwarded(xPrefix: ForwardedTransformActions.Off)
         .WithTransformRequestHeader("X-Forwarded-Prefix", service.Prefix, append: false)),
        // The provider sees the caller's Host: the addresses in its discovery document and its redirects to the sign-in
        // page must be the gateway's, not its own inside the AppHost.
        .. ProviderPaths.Select(path => new RouteConfig
        {
            RouteId = "identity" + path.Replace('/', '-'),
            ClusterId = "identity-api",
            Match = new RouteMatch { Path = path + "/{**rest}" },
        }.WithTransformUseOriginalHostHeader(useOriginal: true)),
    ];

    public static IReadOnlyList<ClusterConfig> Clusters() =>
    [
        .. Services.Select(service => new ClusterConfig
        {
            ClusterId = service.Name,
            Destinations = new Dictionary<string, DestinationConfig>
            {
                [service.Name] = new() { Address = $"http://{service.Name}" },
            },
        }),
    ];

    public static IServiceCollection AddServiceRoutes(this IServiceCollection services)
    {
        // Unknown paths (and wrong methods or media types) are answered by routing with a bare status,
        // which UseStatusCodePages turns into a problem; this says what does exist.
        services.CustomizeProblemDetailsToo(ProxyErrors.DescribeUnknownApiPath);
        services.AddReverseProxy()
            .LoadFromMemory(Routes(), Clusters())
            .AddServiceDiscoveryDestinationResolver();
        return services;
    }

    public static IEndpointRouteBuilder MapServiceRoutes(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapReverseProxy(proxy =>
        {
            proxy.Use(ProxyErrors.RefuseOversizedBodiesAsync);
            proxy.Use(ProxyErrors.AsProblemDetailsAsync);
            proxy.UseSessionAffinity();
            proxy.UseLoadBalancing();
            proxy.UsePassiveHealthChecks();
        });
        return endpoints;
    }
}
