using System.Security.Claims;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Authorization;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Network.Platform.Http;

namespace Network.Platform.Auth;

public static class Policies
{
    public const string Staff = "staff";
    /// <summary>Any signed-in person (member or staff).</summary>
    public const string SignedIn = "signed-in";
}

/// <summary>Who did something, as recorded on events: the token's subject and display name.</summary>
public sealed record Actor(string Id, string Name)
{
    public static readonly Actor System = new("system", "Network");
}

public static class AuthenticationSetup
{
    /// <summary>
    /// Bearer tokens signed with the AppHost's key (<c>Auth:SigningKey</c>) are the only credentials a
    /// service accepts. Anonymous callers pass through and see public data only.
    /// </summary>
    public static IServiceCollection AddNetworkAuthentication(this IServiceCollection services, IConfiguration configuration)
    {
        var signingKey = configuration[NetworkTokens.SigningKeyConfigKey] ?? "";
        var parameters = NetworkTokens.ValidationParameters(signingKey);

        services.AddAuthentication(JwtBearerDefaults.AuthenticationScheme)
            .AddJwtBearer(options =>
            {
                options.MapInboundClaims = false;
                options.TokenValidationParameters = parameters;
            });
        services.AddAuthorizationBuilder()
            .AddPolicy(Policies.Staff, p => p.RequireAuthenticatedUser().RequireRole(Roles.Staff))
            .AddPolicy(Policies.SignedIn, p => p.RequireAuthenticatedUser());
        return services;
    }

    public static bool IsStaff(this ClaimsPrincipal user) => user.IsInRole(Roles.Staff);

    public static bool IsSignedIn(this ClaimsPrincipal user) => user.Identity?.IsAuthenticated == true;

    public static IReadOnlyList<Guid> Organisations(this ClaimsPrincipal user) =>
        user.FindAll(NetworkClaims.Organisation)
            .Select(c => Guid.TryParse(c.Value, out var id) ? id : Guid.Empty)
            .Where(id => id != Guid.Empty)
            .ToList();

    /// <summary>Staff may act for every organisation; a member only for the ones in their token.</summary>
    public static bool MayActFor(this ClaimsPrincipal user, Guid organisationId) =>
        user.IsStaff() || user.Organisations().Contains(organisationId);

    public static void EnsureMayActFor(this ClaimsPrincipal user, Guid organisationId)
    {
        if (!user.MayActFor(organisationId))
            throw new Forbidden("Only staff or members of this organisation may change it.");
    }

    public static Actor Actor(this ClaimsPrincipal user) => user.IsSignedIn()
        ? new Actor(user.FindFirstValue(NetworkClaims.Subject) ?? "unknown", user.FindFirstValue(NetworkClaims.Name) ?? "unknown")
        : Auth.Actor.System;
}
