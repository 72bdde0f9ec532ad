using System.Globalization;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;

namespace Network.Platform.Http;

/// <summary>
/// One answer for every rate limit of the platform: 429 as problem details with <c>Retry-After</c>. A service adds
/// its own policies (<see cref="PerClientAddress"/>) with <c>services.Configure&lt;RateLimiterOptions&gt;</c>.
/// </summary>
public static class RateLimiting
{
    public static IServiceCollection AddNetworkRateLimiting(this IServiceCollection services) =>
        services.AddRateLimiter(limiter =>
        {
            limiter.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            limiter.OnRejected = WriteTooManyRequestsAsync;
        });

    /// <summary>A fixed window per client address (the gateway forwards it); 0 or less switches the limit off.</summary>
    public static RateLimitPartition<string> PerClientAddress(HttpContext http, int permitsPerMinute)
    {
        var client = http.Connection.RemoteIpAddress?.ToString() ?? "unknown";
        if (permitsPerMinute <= 0)
            return RateLimitPartition.GetNoLimiter(client);
        return RateLimitPartition.GetFixedWindowLimiter(client, _ => new FixedWindowRateLimiterOptions
        {
            PermitLimit = permitsPerMinute,
            Window = TimeSpan.FromMinutes(1),
            QueueLimit = 0,
        });
    }

    static async ValueTask WriteTooManyRequestsAsync(OnRejectedContext rejected, CancellationToken cancellationToken)
    {
        var http = rejected.HttpContext;
        if (rejected.Lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter))
            http.Response.Headers.RetryAfter = ((int)Math.Ceiling(retryAfter.TotalSeconds)).ToString(CultureInfo.InvariantCulture);

        http.Response.StatusCode = StatusCodes.Status429TooManyRequests;
        await http.RequestServices.GetRequiredService<IProblemDetailsService>().WriteAsync(new ProblemDetailsContext
        {
            HttpContext = http,
            ProblemDetails =
            {
                Status = StatusCodes.Status429TooManyRequests,
                Title = "Too many requests",
                Detail = "This client sent too many requests; wait for the Retry-After interval and try again.",
            },
        });
    }
}
