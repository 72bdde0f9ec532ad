using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;
using Network.Platform.Auth;

namespace Network.Gateway.SignIn;

/// <summary>Bearer-token authentication, the sign-in endpoints and their rate limit.</summary>
public static class SignInSetup
{
    public const string TokenRateLimitPolicy = "token-endpoint";

    public static IServiceCollection AddGatewaySignIn(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<GatewayAuthOptions>().BindConfiguration(GatewayAuthOptions.Section);
        // The same bearer validation every service uses; it fails at startup when Auth:SigningKey is missing.
        services.AddNetworkAuthentication(configuration);

        services.AddRateLimiter(limiter =>
        {
            limiter.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            limiter.OnRejected = WriteTooManyRequestsAsync;
            limiter.AddPolicy(TokenRateLimitPolicy, PerClientAddress);
        });
        return services;
    }

    public static IEndpointRouteBuilder MapSignInEndpoints(this IEndpointRouteBuilder endpoints)
    {
        var auth = endpoints.MapGroup("/api/auth").WithTags("Sign-in");
        auth.MapTokenEndpoint().RequireRateLimiting(TokenRateLimitPolicy);
        auth.MapMeEndpoint().RequireAuthorization(Policies.SignedIn);
        return endpoints;
    }

    static RateLimitPartition<string> PerClientAddress(HttpContext http)
    {
        var permitsPerMinute = http.RequestServices.GetRequiredService<IOptions<GatewayAuthOptions>>().Value.TokenRateLimitPerMinute;
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
            http.Response.Headers.RetryAfter = ((int)Math.Ceiling(retryAfter.TotalSeconds)).ToString(System.Globalization.CultureInfo.InvariantCulture);

        http.Response.StatusCode = StatusCodes.Status429TooManyRequests;
        await http.RequestServices.GetRequiredService<IProblemDetailsService>().WriteAsync(new ProblemDetailsContext
        {
            HttpContext = http,
            ProblemDetails =
            {
                Status = StatusCodes.Status429TooManyRequests,
                Title = "Too many sign-in attempts",
                Detail = "This client asked for too many tokens; wait for the Retry-After interval and try again.",
            },
        });
    }
}
