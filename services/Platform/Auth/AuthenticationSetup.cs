using System.Security.Claims;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.IdentityModel.Protocols;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;
using Microsoft.IdentityModel.Tokens;
using Network.Platform.Http;

namespace Network.Platform.Auth;

public static class Policies
{
    public const string Staff = "staff";
    /// <summary>A signed-in person (member, coordinator or staff); partner systems are not people.</summary>
    public const string Person = "person";
    /// <summary>Staff, or a partner system whose token was granted this service's scope (its audience).</summary>
    public const string StaffOrPartner = "staff-or-partner";
    /// <summary>A partner system (client credentials) acting for itself, e.g. managing its own webhook subscriptions.</summary>
    public const string Partner = "partner";
}

/// <summary>Who did something, as recorded on events: the token's subject and display name.</summary>
public sealed record Actor(string Id, string Name)
{
    public static readonly Actor System = new("system", "Network");
}

/// <summary>Where a service finds the OpenID Connect provider (configuration section <c>Identity</c>).</summary>
public sealed class ProviderSettings
{
    public const string Section = "Identity";

    /// <summary><c>Identity:Issuer</c>: the provider's public address (the gateway's), the <c>iss</c> of every token.</summary>
    public string Issuer { get; set; } = "";

    /// <summary>
    /// <c>Identity:KeysAddress</c>: where the provider's signing keys (JWKS) are read, inside the AppHost. Defaults to
    /// the Identity service by name (service discovery), so the keys never travel through the gateway.
    /// </summary>
    public string KeysAddress { get; set; } = "http://identity-api/.well-known/jwks";

    /// <summary>The issuer as it appears in tokens: an absolute address ending in '/' (http://localhost:5080 is http://localhost:5080/).</summary>
    public static string NormalisedIssuer(Uri issuer) => issuer.AbsoluteUri.EndsWith('/') ? issuer.AbsoluteUri : issuer.AbsoluteUri + "/";

    public static ProviderSettings From(IConfiguration configuration)
    {
        var settings = configuration.GetSection(Section).Get<ProviderSettings>() ?? new ProviderSettings();
        if (!Uri.TryCreate(settings.Issuer, UriKind.Absolute, out var issuer))
            throw new InvalidOperationException(
                "Identity:Issuer must be the OpenID Connect provider's absolute public address, e.g. http://localhost:5080/ (the AppHost passes it).");
        settings.Issuer = NormalisedIssuer(issuer);
        return settings;
    }
}

public static class AuthenticationSetup
{
    /// <summary>
    /// Accepts only access tokens the Network's OpenID Connect provider signed (RS256, keys from its JWKS) for this
    /// service (<paramref name="audience"/>, one per service), and refuses tokens of closed accounts and revoked
    /// partner clients before they expire. Anonymous callers pass through and see public data only.
    /// </summary>
    public static IServiceCollection AddNetworkAuthentication(this IServiceCollection services, IConfiguration configuration, string audience)
    {
        var provider = ProviderSettings.From(configuration);
        services.AddHttpClient(ProviderKeys.HttpClientName);
        // The Identity service replaces this with its own keys (it is the provider).
        services.TryAddSingleton<IConfigurationManager<OpenIdConnectConfiguration>>(sp =>
            ProviderKeys.FromJwks(provider, sp.GetRequiredService<IHttpClientFactory>().CreateClient(ProviderKeys.HttpClientName)));
        services.AddSingleton<RevokedSubjects>();

        services.AddAuthentication(JwtBearerDefaults.AuthenticationScheme).AddJwtBearer();
        services.AddOptions<JwtBearerOptions>(JwtBearerDefaults.AuthenticationScheme)
            .Configure<IConfigurationManager<OpenIdConnectConfiguration>>((options, keys) =>
            {
                options.MapInboundClaims = false;
                options.ConfigurationManager = keys;
                options.TokenValidationParameters = new TokenValidationParameters
                {
                    ValidIssuer = provider.Issuer,
                    ValidAudience = audience,
                    ValidAlgorithms = [SecurityAlgorithms.RsaSha256],
                    // Access tokens only: an ID token (typ JWT) is not a credential for an API.
                    ValidTypes = ["at+jwt"],
                    NameClaimType = NetworkClaims.Name,
                    RoleClaimType = NetworkClaims.Role,
                    ClockSkew = TimeSpan.FromSeconds(30),
                };
                options.Events = new JwtBearerEvents
                {
                    OnTokenValidated = RefuseRevokedSubjects,
                    OnAuthenticationFailed = RememberProviderOutage,
                    OnChallenge = AnswerProviderOutage,
                };
            });

        services.AddAuthorizationBuilder()
            .AddPolicy(Policies.Staff, p => p.RequireAuthenticatedUser().RequireRole(Roles.Staff))
            .AddPolicy(Policies.Person, p => p.RequireAuthenticatedUser().RequireRole(Roles.People))
            .AddPolicy(Policies.StaffOrPartner, p => p.RequireAuthenticatedUser().RequireRole(Roles.Staff, Roles.Partner))
            .AddPolicy(Policies.Partner, p => p.RequireAuthenticatedUser().RequireRole(Roles.Partner));
        return services;
    }

    static Task RefuseRevokedSubjects(TokenValidatedContext context)
    {
        var subject = context.Principal?.FindFirstValue(NetworkClaims.Subject);
        if (subject is not null && context.HttpContext.RequestServices.GetRequiredService<RevokedSubjects>().IsRevoked(subject))
            context.Fail("The account or partner client of this token was closed.");
        return Task.CompletedTask;
    }

    const string ProviderUnreachable = "network.provider-unreachable";

    static Task RememberProviderOutage(AuthenticationFailedContext context)
    {
        for (var e = context.Exception; e is not null; e = e.InnerException)
            if (e is ProviderKeysUnavailable)
                context.HttpContext.Items[ProviderUnreachable] = true;
        return Task.CompletedTask;
    }

    /// <summary>Without the provider's keys no token can be checked: that is the platform's outage (503), not the caller's fault (401).</summary>
    static Task AnswerProviderOutage(JwtBearerChallengeContext context)
    {
        if (!context.HttpContext.Items.ContainsKey(ProviderUnreachable)) return Task.CompletedTask;
        context.HandleResponse();
        throw new DomainRuleViolation(
            "The sign-in provider's keys could not be read, so the token cannot be checked; retry in a moment.",
            StatusCodes.Status503ServiceUnavailable, "Sign-in provider unavailable");
    }

    /// <summary>True for a signed-in person; partner systems are signed in but are not people.</summary>
    public static bool IsSignedIn(this ClaimsPrincipal user) =>
        user.Identity?.IsAuthenticated == true && !user.IsInRole(Roles.Partner);

    public static bool IsStaff(this ClaimsPrincipal user) => user.IsInRole(Roles.Staff);

    public static IReadOnlyList<Guid> Organisations(this ClaimsPrincipal user) =>
        user.FindAll(NetworkClaims.Organisation)
            .Select(c => Guid.TryParse(c.Value, out var id) ? id : Guid.Empty)
            .Where(id => id != Guid.Empty)
            .ToList();

    /// <summary>Staff may act for every organisation; a member only for the ones in their token.</summary>
    public static bool MayActFor(this ClaimsPrincipal user, Guid organisationId) =>
        user.IsStaff() || (user.IsSignedIn() && user.Organisations().Contains(organisationId));

    public static void EnsureMayActFor(this ClaimsPrincipal user, Guid organisationId)
    {
        if (!user.MayActFor(organisationId))
            throw new Forbidden("Only staff or members of this organisation may change it.");
    }

    public static Actor Actor(this ClaimsPrincipal user) => user.Identity?.IsAuthenticated == true
        ? new Actor(user.FindFirstValue(NetworkClaims.Subject) ?? "unknown", user.FindFirstValue(NetworkClaims.Name) ?? "unknown")
        : Auth.Actor.System;
}
