using System.Globalization;
using Microsoft.AspNetCore;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;
using Network.Identity.Accounts;
using Network.Identity.Audit;
using Network.Identity.Partners;
using OpenIddict.Abstractions;
using OpenIddict.Server.AspNetCore;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace Network.Identity.SignIn;

/// <summary>
/// <c>POST /connect/token</c>, after OpenIddict checked the protocol (client, grant permission, PKCE, the code or
/// refresh token itself): decides who the token is for. The password grant (the first-party command-line client
/// only) and client credentials (partner systems) sign in here; a refresh token or authorization code is redeemed
/// only while its account can still sign in, and its claims are worked out anew.
/// </summary>
public static class TokenEndpoint
{
    /// <summary>The token request parameter carrying the TOTP code of an account with an authenticator.</summary>
    public const string OneTimeCodeParameter = "otp";

    public static async Task<IResult> ExchangeAsync(HttpContext http, PasswordSignIn passwords, TokenClaims claims,
        UserManager<Account> accounts, PartnerClients partners, AuditLog audit, TimeProvider clock, CancellationToken ct)
    {
        var request = http.GetOpenIddictServerRequest()
            ?? throw new InvalidOperationException("The OpenID Connect request could not be read.");

        if (request.IsPasswordGrantType())
            return await PasswordAsync(request, passwords, claims, clock, ct);

        if (request.IsClientCredentialsGrantType())
        {
            var partner = await partners.FindActiveAsync(request.ClientId!, ct);
            if (partner is null)
                return OAuthProblem.Refuse(Errors.InvalidClient, "This client is not an active partner system.");
            await audit.RecordAsync(AuditKind.SignInSucceeded, partner.ClientId, partner.ClientId, null, partner.ClientId, ct);
            return SignIn(await claims.ForPartnerAsync(partner.ClientId, partner.Name, request.GetScopes(), partner.Scopes, ct));
        }

        if (request.IsRefreshTokenGrantType() || request.IsAuthorizationCodeGrantType())
        {
            var redeemed = await http.AuthenticateAsync(OpenIddictServerAspNetCoreDefaults.AuthenticationScheme);
            var subject = redeemed.Principal?.GetClaim(Claims.Subject);
            var account = Guid.TryParse(subject, out var id) ? await accounts.FindByIdAsync(id.ToString()) : null;
            if (account is null || !account.IsActive || await accounts.IsLockedOutAsync(account))
            {
                await audit.RecordAsync(AuditKind.TokenRefused, subject, subject ?? "anonymous",
                    "The account can no longer sign in.", request.ClientId, ct);
                return OAuthProblem.Refuse(Errors.InvalidGrant, "The account of this token can no longer sign in.");
            }
            return SignIn(await claims.ForAccountAsync(account, redeemed.Principal!.GetScopes(), ct));
        }

        return OAuthProblem.Refuse(Errors.UnsupportedGrantType, "This grant type is not supported.");
    }

    static async Task<IResult> PasswordAsync(OpenIddictRequest request, PasswordSignIn passwords, TokenClaims claims,
        TimeProvider clock, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(request.Username) || string.IsNullOrEmpty(request.Password))
            return OAuthProblem.Refuse(Errors.InvalidRequest, "Send 'username' (the e-mail address) and 'password'.");
        if (request.Username.Length > 320 || request.Password.Length > 1024)
            return OAuthProblem.Refuse(Errors.InvalidRequest, "'username' or 'password' is too long.");

        var outcome = await passwords.CheckAsync(request.Username, request.Password,
            (string?)request[OneTimeCodeParameter], request.ClientId, ct);
        return outcome switch
        {
            SignInOutcome.Succeeded s => SignIn(await claims.ForAccountAsync(s.Account, request.GetScopes(), ct)),
            SignInOutcome.LockedOut l => LockedOut(l.Until, clock),
            SignInOutcome.OneTimeCodeRequired => OAuthProblem.Refuse(Errors.InvalidGrant,
                $"This account uses an authenticator app: send its current code as '{OneTimeCodeParameter}'."),
            SignInOutcome.SecondFactorEnrolmentRequired => OAuthProblem.Refuse(Errors.InvalidGrant,
                "Staff must enrol an authenticator app first: POST /api/identity/authenticator with e-mail and password."),
            _ => OAuthProblem.Refuse(Errors.InvalidGrant, "The e-mail address, the password or the one-time code is wrong."),
        };
    }

    /// <summary>A locked account: 429 with the wait in Retry-After, as a problem that OAuth clients also read as invalid_grant.</summary>
    public static IResult LockedOut(DateTimeOffset until, TimeProvider clock)
    {
        var seconds = Math.Max(1, (int)Math.Ceiling((until - clock.GetUtcNow()).TotalSeconds));
        return new LockedOutResult(seconds);
    }

    sealed class LockedOutResult(int retryAfterSeconds) : IResult
    {
        public Task ExecuteAsync(HttpContext http)
        {
            http.Response.StatusCode = StatusCodes.Status429TooManyRequests;
            http.Response.Headers.RetryAfter = retryAfterSeconds.ToString(CultureInfo.InvariantCulture);
            return OAuthProblem.WriteAsync(http, StatusCodes.Status429TooManyRequests, Errors.InvalidGrant,
                $"Too many failed sign-ins: the account is locked for {retryAfterSeconds} more seconds.");
        }
    }

    static IResult SignIn(System.Security.Claims.ClaimsPrincipal principal) =>
        TypedResults.SignIn(principal, authenticationScheme: OpenIddictServerAspNetCoreDefaults.AuthenticationScheme);
}
