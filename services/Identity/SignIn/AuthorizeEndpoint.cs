using Microsoft.AspNetCore;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;
using Network.Identity.Accounts;
using OpenIddict.Abstractions;
using OpenIddict.Server.AspNetCore;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace Network.Identity.SignIn;

/// <summary>
/// The browser side of the authorization code flow (with PKCE, which OpenIddict enforces before this runs):
/// <c>/connect/authorize</c> sends a visitor who is not signed in to the sign-in page and back; a signed-in person
/// gets a code for the client (our clients are first-party, so there is no consent screen). <c>/connect/userinfo</c>
/// describes the holder of an access token; <c>/connect/logout</c> ends the sign-in cookie.
/// </summary>
public static class AuthorizeEndpoint
{
    public static async Task<IResult> AuthorizeAsync(HttpContext http, UserManager<Account> accounts, TokenClaims claims, CancellationToken ct)
    {
        var request = http.GetOpenIddictServerRequest()
            ?? throw new InvalidOperationException("The OpenID Connect request could not be read.");

        var cookie = await http.AuthenticateAsync(IdentityConstants.ApplicationScheme);
        var account = cookie.Succeeded ? await accounts.GetUserAsync(cookie.Principal!) : null;
        if (account is null || !account.IsActive || request.HasPromptValue(PromptValues.Login))
        {
            if (request.HasPromptValue(PromptValues.None))
                return OAuthProblem.Refuse(Errors.LoginRequired, "The person is not signed in.");
            // Back to this very request after signing in (without prompt=login, or the sign-in would repeat forever).
            var parameters = http.Request.HasFormContentType ? [.. http.Request.Form] : http.Request.Query.ToList();
            parameters.RemoveAll(p => p.Key == Parameters.Prompt);
            var returnUrl = http.Request.PathBase + http.Request.Path + QueryString.Create(parameters);
            return TypedResults.Challenge(new AuthenticationProperties { RedirectUri = returnUrl }, [IdentityConstants.ApplicationScheme]);
        }

        var principal = await claims.ForAccountAsync(account, request.GetScopes(), ct);
        return TypedResults.SignIn(principal, authenticationScheme: OpenIddictServerAspNetCoreDefaults.AuthenticationScheme);
    }

    public static async Task<IResult> UserInfoAsync(HttpContext http, UserManager<Account> accounts)
    {
        var token = await http.AuthenticateAsync(OpenIddictServerAspNetCoreDefaults.AuthenticationScheme);
        var subject = token.Principal?.GetClaim(Claims.Subject);
        var account = Guid.TryParse(subject, out var id) ? await accounts.FindByIdAsync(id.ToString()) : null;
        if (account is null || !account.IsActive)
            return OAuthProblem.Refuse(Errors.InvalidToken, "The account of this token can no longer sign in.");

        var principal = token.Principal!;
        var info = new Dictionary<string, object?>(StringComparer.Ordinal) { [Claims.Subject] = subject };
        if (principal.HasScope(Scopes.Profile))
        {
            info[Claims.Name] = account.DisplayName;
            info[Network.Platform.Auth.NetworkClaims.Organisation] = principal.GetClaims(Network.Platform.Auth.NetworkClaims.Organisation);
        }
        if (principal.HasScope(Scopes.Email))
        {
            info[Claims.Email] = account.Email;
            info[Claims.EmailVerified] = account.EmailConfirmed;
        }
        if (principal.HasScope(Scopes.Roles)) info[Claims.Role] = principal.GetClaims(Claims.Role);
        return TypedResults.Ok(info);
    }

    public static async Task<IResult> LogoutAsync(HttpContext http)
    {
        await http.SignOutAsync(IdentityConstants.ApplicationScheme);
        return TypedResults.SignOut(new AuthenticationProperties { RedirectUri = "/" }, [OpenIddictServerAspNetCoreDefaults.AuthenticationScheme]);
    }

    public static IEndpointRouteBuilder MapProviderEndpoints(this IEndpointRouteBuilder app)
    {
        var connect = app.MapGroup("/connect").WithTags("OpenID Connect").AllowAnonymous().ExcludeFromDescription();
        connect.MapPost("/token", TokenEndpoint.ExchangeAsync).DisableAntiforgery().RequireRateLimiting(ProviderSetup.SignInRateLimit);
        connect.MapMethods("/authorize", [HttpMethods.Get, HttpMethods.Post], AuthorizeAsync).DisableAntiforgery();
        connect.MapMethods("/userinfo", [HttpMethods.Get, HttpMethods.Post], UserInfoAsync).DisableAntiforgery();
        connect.MapMethods("/logout", [HttpMethods.Get, HttpMethods.Post], (Delegate)LogoutAsync).DisableAntiforgery();
        return app;
    }
}
