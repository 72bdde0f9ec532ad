using Microsoft.AspNetCore.Diagnostics;
using Yarp.ReverseProxy.Forwarder;

namespace Network.Gateway.Routing;

/// <summary>Failures of the front door itself, answered as RFC 9457 problem details.</summary>
public static class ProxyErrors
{
    /// <summary>
    /// A body larger than every service accepts is refused before anything is forwarded (413); Kestrel's limit (Program.cs)
    /// catches the bodies that announce no length.
    /// </summary>
    public static Task RefuseOversizedBodiesAsync(HttpContext http, Func<Task> next) =>
        http.Request.ContentLength > Network.Platform.Hosting.NetworkService.MaxRequestBodyBytes
            ? throw new BadHttpRequestException(
                $"The request body is larger than the {Network.Platform.Hosting.NetworkService.MaxRequestBodyBytes} bytes a service accepts.",
                StatusCodes.Status413PayloadTooLarge)
            : next();

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

        // The caller's own body was the problem (over the size limit, cut off): theirs to fix, not the service's fault.
        if (error.Error is ForwarderError.RequestBodyClient)
        {
            var refused = FindBadRequest(error.Exception);
            http.Response.StatusCode = refused?.StatusCode ?? StatusCodes.Status400BadRequest;
            await http.RequestServices.GetRequiredService<IProblemDetailsService>().WriteAsync(new ProblemDetailsContext
            {
                HttpContext = http,
                ProblemDetails =
                {
                    Status = http.Response.StatusCode,
                    Title = http.Response.StatusCode == StatusCodes.Status413PayloadTooLarge ? "The request body is too large" : "The request body could not be read",
                    Detail = refused?.Message ?? "The request body broke off before its end.",
                },
            });
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

    static BadHttpRequestException? FindBadRequest(Exception? exception)
    {
        for (var e = exception; e is not null; e = e.InnerException)
            if (e is BadHttpRequestException bad) return bad;
        return null;
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
        context.ProblemDetails.Detail = $"No API answers at {http.Request.Path}. The gateway routes "
            + string.Join(", ", ServiceRoutes.Services.Select(s => s.Prefix)) + " and the sign-in provider's "
            + string.Join(", ", ServiceRoutes.ProviderPaths) + ".";
    }
}
