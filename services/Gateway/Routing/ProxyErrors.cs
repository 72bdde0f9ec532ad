using Microsoft.AspNetCore.Diagnostics;
using Yarp.ReverseProxy.Forwarder;

namespace Network.Gateway.Routing;

/// <summary>Failures of the front door itself, answered as RFC 9457 problem details.</summary>
public static class ProxyErrors
{
    /// <summary>
    /// YARP answers a failed forward (service down, timeout, no destination) with a bare 502/503/504;
    /// this gives it a problem body. What a service answered itself passes through untouched.
    /// </summary>
    public static async Task AsProblemDetailsAsync(HttpContext http, Func<Task> next)
    {
        await next();

        var error = http.GetForwarderErrorFeature();
        if (error is null || http.Response.HasStarted)
        {
            // The service's own response (including its 4xx with an empty body) is not the gateway's to rewrite.
            if (http.Features.Get<IStatusCodePagesFeature>() is { } statusCodePages)
                statusCodePages.Enabled = false;
            return;
        }

        var service = http.GetReverseProxyFeature().Cluster.Config.ClusterId;
        var status = http.Response.StatusCode >= 500 ? http.Response.StatusCode : StatusCodes.Status502BadGateway;
        http.Response.StatusCode = status;
        await http.RequestServices.GetRequiredService<IProblemDetailsService>().WriteAsync(new ProblemDetailsContext
        {
            HttpContext = http,
            ProblemDetails =
            {
                Status = status,
                Title = status switch
                {
                    StatusCodes.Status503ServiceUnavailable => "Service unavailable",
                    StatusCodes.Status504GatewayTimeout => "Service timed out",
                    _ => "Service unreachable",
                },
                Detail = $"The gateway could not get an answer from {service}: {Describe(error.Error)}.",
            },
        });
    }

    static string Describe(ForwarderError error) => error switch
    {
        ForwarderError.NoAvailableDestinations => "no instance of the service is known",
        ForwarderError.Request => "the service could not be reached",
        ForwarderError.RequestTimedOut => "the service did not answer in time",
        _ => $"forwarding failed ({error})",
    };

    public static void DescribeUnknownApiPath(ProblemDetailsContext context)
    {
        var http = context.HttpContext;
        if (context.ProblemDetails.Status != StatusCodes.Status404NotFound
            || context.ProblemDetails.Detail is not null
            || http.GetEndpoint() is not null
            || !http.Request.Path.StartsWithSegments("/api"))
            return;
        context.ProblemDetails.Detail = $"No API answers at {http.Request.Path}. The gateway routes /api/auth, "
            + string.Join(", ", ServiceRoutes.Services.Select(s => s.Prefix)) + ".";
    }
}
