using System.Globalization;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Network.Platform.Auth;

namespace Network.Platform.Http;

/// <summary>
/// Limits per client (configuration section <c>Network:RateLimits</c>; 0 or less switches one off):
/// <list type="bullet">
/// <item><c>WritesPerMinute</c> (default 300): every POST, PUT, PATCH and DELETE of the service;</item>
/// <item><c>ExpensiveReadsPerMinute</c> (default 120): the reads an endpoint marks with <see cref="ExpensiveRead{TBuilder}"/>
/// (searches, reports, long lists).</item>
/// </list>
/// A signed-in caller is counted by the token's subject, anybody else by the address the gateway forwards.
/// The sign-in endpoints have their own, stricter policy (the Identity service's, by address).
/// </summary>
public sealed class RateLimits
{
    public const string Section = "Network:RateLimits";
    public int WritesPerMinute { get; set; } = 300;
    public int ExpensiveReadsPerMinute { get; set; } = 120;
}

/// <summary>
/// One answer for every rate limit of the platform: 429 as problem details with <c>Retry-After</c>. A service adds
/// its own policies (<see cref="PerClientAddress"/>) with <c>services.Configure&lt;RateLimiterOptions&gt;</c>.
/// </summary>
public static class RateLimiting
{
    public const string ExpensiveReadPolicy = "expensive-read";

    public static IServiceCollection AddNetworkRateLimiting(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<RateLimits>(configuration.GetSection(RateLimits.Section));
        return services.AddRateLimiter(limiter =>
        {
            limiter.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            limiter.OnRejected = WriteTooManyRequestsAsync;
            limiter.GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, string>(http =>
                HttpMethods.IsGet(http.Request.Method) || HttpMethods.IsHead(http.Request.Method) || HttpMethods.IsOptions(http.Request.Method)
                    ? RateLimitPartition.GetNoLimiter("reads")
                    : PerClient(http, "writes", Limits(http).WritesPerMinute));
            limiter.AddPolicy(ExpensiveReadPolicy, http => PerClient(http, "expensive-reads", Limits(http).ExpensiveReadsPerMinute));
        });
    }

    /// <summary>Marks a read that costs the service more than a lookup: counted against <see cref="RateLimits.ExpensiveReadsPerMinute"/>.</summary>
    public static TBuilder ExpensiveRead<TBuilder>(this TBuilder endpoint) where TBuilder : IEndpointConventionBuilder =>
        endpoint.RequireRateLimiting(ExpensiveReadPolicy);

    static RateLimits Limits(HttpContext http) => http.RequestServices.GetRequiredService<IOptions<RateLimits>>().Value;

    /// <summary>A fixed window of one minute per signed-in subject, or per address for anybody else.</summary>
    static RateLimitPartition<string> PerClient(HttpContext http, string kind, int permitsPerMinute)
    {
        var client = http.User.IsSignedIn() && http.User.FindFirst(NetworkClaims.Subject)?.Value is { } subject
            ? $"{kind}:sub:{subject}"
            : $"{kind}:address:{http.Connection.RemoteIpAddress}";
        return FixedWindow(client, permitsPerMinute);
    }

    /// <summary>A fixed window per client address (the gateway forwards it); 0 or less switches the limit off.</summary>
    public static RateLimitPartition<string> PerClientAddress(HttpContext http, int permitsPerMinute) =>
        FixedWindow(http.Connection.RemoteIpAddress?.ToString() ?? "unknown", permitsPerMinute);

    static RateLimitPartition<string> FixedWindow(string client, int permitsPerMinute) =>
        permitsPerMinute <= 0
            ? RateLimitPartition.GetNoLimiter(client)
            : RateLimitPartition.GetFixedWindowLimiter(client, _ => new FixedWindowRateLimiterOptions
            {
                PermitLimit = permitsPerMinute,
                Window = TimeSpan.FromMinutes(1),
                QueueLimit = 0,
            });

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
