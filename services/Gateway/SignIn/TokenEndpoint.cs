using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;
using Network.Platform.Auth;
using Network.Platform.Http;

namespace Network.Gateway.SignIn;

/// <summary>
/// <c>POST /api/auth/token</c>: exchanges the bootstrap staff credentials for a bearer token.
/// </summary>
public static class TokenEndpoint
{
    /// <summary>Credentials are tiny; anything bigger is refused before it is read.</summary>
    public const long MaxBodyBytes = 16 * 1024;

    public sealed record TokenRequest(string? Email, string? Password);

    public sealed record TokenResponse(
        [property: JsonPropertyName("access_token")] string AccessToken,
        [property: JsonPropertyName("token_type")] string TokenType,
        [property: JsonPropertyName("expires_in")] int ExpiresIn);

    public static RouteHandlerBuilder MapTokenEndpoint(this IEndpointRouteBuilder auth) =>
        auth.MapPost("/token", IssueAsync)
            .AllowAnonymous()
            .WithMetadata(new RequestSizeLimitAttribute(MaxBodyBytes))
            .Accepts<TokenRequest>("application/json")
            .Produces<TokenResponse>()
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .ProducesProblem(StatusCodes.Status415UnsupportedMediaType)
            .ProducesProblem(StatusCodes.Status429TooManyRequests)
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable)
            .WithName("IssueToken")
            .WithSummary("Sign in as the bootstrap staff account and get a bearer token.");

    /// <summary>Bad input and wrong credentials are thrown as the platform's exceptions and answered as problem details.</summary>
    static async Task<IResult> IssueAsync(
        HttpContext http, IOptionsSnapshot<GatewayAuthOptions> options, TimeProvider clock, CancellationToken cancellationToken)
    {
        if (!http.Request.HasJsonContentType())
            throw new DomainRuleViolation("Send the credentials as application/json: {\"email\": \"...\", \"password\": \"...\"}.",
                StatusCodes.Status415UnsupportedMediaType, "Unsupported media type");

        // A body that is not JSON, or a field of the wrong type, is a JsonException: a 400 naming the field.
        var request = await http.Request.ReadFromJsonAsync<TokenRequest>(cancellationToken);
        var v = new Validation().Required("email", request?.Email, 320); // RFC 5321's longest address
        if (string.IsNullOrEmpty(request?.Password)) v.Add("password", "'password' is required."); // spaces may be a password
        v.ThrowIfInvalid();

        var auth = options.Value;
        if (!auth.IsBootstrapPasswordSet)
            throw new DomainRuleViolation(
                "The bootstrap staff password is not set: give the AppHost parameter 'bootstrap-staff-password' a value (configuration key Auth:BootstrapStaffPassword).",
                StatusCodes.Status503ServiceUnavailable, "Sign-in is not configured");

        if (!BootstrapStaff.Matches(auth, request!.Email!, request.Password!))
            throw new DomainRuleViolation("The e-mail address or the password is wrong.", StatusCodes.Status401Unauthorized, "Invalid credentials");

        var email = auth.BootstrapStaffEmail.Trim();
        var token = NetworkTokens.Create(
            auth.SigningKey,
            subject: BootstrapStaff.SubjectFor(email),
            name: email,
            roles: [Roles.Staff],
            organisations: [],
            lifetime: auth.TokenLifetime,
            clock: clock);

        // RFC 6749 5.1: responses carrying tokens must not be cached.
        http.Response.Headers.CacheControl = "no-store";
        http.Response.Headers.Pragma = "no-cache";
        return TypedResults.Ok(new TokenResponse(token, "Bearer", (int)auth.TokenLifetime.TotalSeconds));
    }
}
