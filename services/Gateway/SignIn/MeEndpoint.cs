using System.Security.Claims;
using Network.Platform.Auth;

namespace Network.Gateway.SignIn;

/// <summary><c>GET /api/auth/me</c>: who the bearer token says the caller is.</summary>
public static class MeEndpoint
{
    public sealed record Caller(string? Subject, string? Name, IReadOnlyList<string> Roles, IReadOnlyList<string> Organisations);

    public static RouteHandlerBuilder MapMeEndpoint(this IEndpointRouteBuilder auth) =>
        auth.MapGet("/me", Describe)
            .WithName("WhoAmI")
            .WithSummary("Describe the caller of a bearer token: subject, name, roles and organisations.")
            .ProducesProblem(StatusCodes.Status401Unauthorized);

    static Caller Describe(ClaimsPrincipal user) => new(
        user.FindFirstValue(NetworkClaims.Subject),
        user.FindFirstValue(NetworkClaims.Name),
        [.. user.FindAll(NetworkClaims.Role).Select(c => c.Value)],
        [.. user.FindAll(NetworkClaims.Organisation).Select(c => c.Value)]);
}
