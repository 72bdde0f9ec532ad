using System.Diagnostics;
using System.Text.Json;
using Microsoft.AspNetCore;
using Microsoft.AspNetCore.Authentication;
using OpenIddict.Server;
using OpenIddict.Server.AspNetCore;
using static OpenIddict.Abstractions.OpenIddictConstants;
using static OpenIddict.Server.AspNetCore.OpenIddictServerAspNetCoreHandlerFilters;
using static OpenIddict.Server.AspNetCore.OpenIddictServerAspNetCoreHandlers;
using static OpenIddict.Server.OpenIddictServerEvents;

namespace Network.Identity.SignIn;

/// <summary>
/// The OAuth 2 error responses of the token, revocation, introspection and userinfo endpoints (and of the authorize and
/// logout endpoints when there is no client address to send them to), written as RFC 9457
/// problem details like every other error of the platform: <c>type</c>, <c>title</c>, <c>status</c>, <c>detail</c>,
/// <c>instance</c> and <c>traceId</c>, beside the members OAuth clients read (<c>error</c>, <c>error_description</c>,
/// <c>error_uri</c>), so standard client libraries still understand them.
/// </summary>
public sealed class OAuthErrorsAsProblems<TContext> : IOpenIddictServerHandler<TContext> where TContext : BaseRequestContext
{
    public static OpenIddictServerHandlerDescriptor Descriptor { get; } = OpenIddictServerHandlerDescriptor.CreateBuilder<TContext>()
        .AddFilter<RequireHttpRequest>()
        .UseSingletonHandler<OAuthErrorsAsProblems<TContext>>()
        .SetOrder(ProcessJsonResponse<TContext>.Descriptor.Order - 1)
        .SetType(OpenIddictServerHandlerType.Custom)
        .Build();

    public async ValueTask HandleAsync(TContext context)
    {
        var oauth = context.Transaction.Response;
        if (string.IsNullOrEmpty(oauth?.Error)) return;
        // An error the provider can send back to a validated redirect URI goes there, as OAuth wants; only the others are ours.
        if (context is ApplyAuthorizationResponseContext { RedirectUri: not null } or ApplyEndSessionResponseContext { PostLogoutRedirectUri: not null })
            return;
        var http = context.Transaction.GetHttpRequest()!.HttpContext;
        var status = http.Response.StatusCode >= 400 ? http.Response.StatusCode : StatusCodes.Status400BadRequest;
        http.Response.StatusCode = status;
        await OAuthProblem.WriteAsync(http, status, oauth.Error, oauth.ErrorDescription, oauth.ErrorUri);
        context.HandleRequest();
    }
}

public static class OAuthProblem
{
    /// <summary>An OAuth error refusal the token endpoint's own code decides (Forbid with the OpenIddict scheme).</summary>
    public static IResult Refuse(string error, string description) => TypedResults.Forbid(
        new AuthenticationProperties(new Dictionary<string, string?>
        {
            [OpenIddictServerAspNetCoreConstants.Properties.Error] = error,
            [OpenIddictServerAspNetCoreConstants.Properties.ErrorDescription] = description,
        }),
        [OpenIddictServerAspNetCoreDefaults.AuthenticationScheme]);

    public static async Task WriteAsync(HttpContext http, int status, string error, string? description, string? uri = null)
    {
        var problem = new Dictionary<string, object?>
        {
            ["type"] = uri ?? "https://datatracker.ietf.org/doc/html/rfc6749#section-5.2",
            ["title"] = Title(error),
            ["status"] = status,
            ["detail"] = description,
            ["instance"] = http.Request.Path.Value,
            ["traceId"] = Activity.Current?.TraceId.ToString() ?? http.TraceIdentifier,
            ["error"] = error,
            ["error_description"] = description,
        };
        if (uri is not null) problem["error_uri"] = uri;
        http.Response.ContentType = "application/problem+json; charset=utf-8";
        http.Response.Headers.CacheControl = "no-store";
        await JsonSerializer.SerializeAsync(http.Response.Body, problem, cancellationToken: http.RequestAborted);
    }

    static string Title(string error) => error switch
    {
        Errors.InvalidGrant => "Sign-in refused",
        Errors.InvalidClient => "Unknown client or wrong client secret",
        Errors.UnauthorizedClient => "This client may not use this grant",
        Errors.UnsupportedGrantType => "Unsupported grant type",
        Errors.InvalidScope => "Scope not allowed",
        Errors.InvalidToken => "Invalid or expired token",
        Errors.InsufficientAccess or Errors.AccessDenied => "Access denied",
        _ => "The request is incomplete or malformed",
    };
}
