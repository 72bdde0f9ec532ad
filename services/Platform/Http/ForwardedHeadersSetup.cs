using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Network.Platform.Http;

/// <summary>
/// Services sit behind the gateway: the caller's address (rate limits, the sign-in audit's "from where"), scheme, host
/// and the gateway's path prefix (<c>/api/events</c>, which becomes <see cref="HttpRequest.PathBase"/>) come from its
/// X-Forwarded-For/-Proto/-Host/-Prefix headers. Only proxies on loopback are trusted, plus the networks listed in
/// <c>Network:TrustedProxyNetworks</c> (CIDR, e.g. the cluster's pod network in production); anyone else's
/// X-Forwarded-* headers are ignored.
/// </summary>
public static class ForwardedHeadersSetup
{
    public static WebApplication UseNetworkForwardedHeaders(this WebApplication app)
    {
        var options = new ForwardedHeadersOptions
        {
            ForwardedHeaders = Microsoft.AspNetCore.HttpOverrides.ForwardedHeaders.XForwardedFor
                | Microsoft.AspNetCore.HttpOverrides.ForwardedHeaders.XForwardedProto
                | Microsoft.AspNetCore.HttpOverrides.ForwardedHeaders.XForwardedHost
                | Microsoft.AspNetCore.HttpOverrides.ForwardedHeaders.XForwardedPrefix,
        };
        foreach (var network in app.Configuration.GetSection("Network:TrustedProxyNetworks").Get<string[]>() ?? [])
            options.KnownIPNetworks.Add(System.Net.IPNetwork.Parse(network));
        app.UseForwardedHeaders(options);
        app.Use(PublicLinks.PrefixLocationHeaders);
        return app;
    }
}
