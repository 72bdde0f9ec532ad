using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;
using Network.Platform.Auth;

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

    static async Task<IResult> IssueAsync(
        HttpContext http, IOptionsSnapshot<GatewayAuthOptions> options, TimeProvider clock, CancellationToken cancellationToken)
    {
        if (!http.Request.HasJsonContentType())
            return TypedResults.Problem(
                statusCode: StatusCodes.Status415UnsupportedMediaType,
                title: "Unsupported media type",
                detail: "Send the credentials as application/json: {\"email\": \"...\", \"password\": \"...\"}.");

        var (request, readError) = await ReadAsync(http.Request, cancellationToken);
        if (readError is not null)
            return readError;

        var errors = new Dictionary<string, string[]>();
        if (string.IsNullOrWhiteSpace(request?.Email))
            errors["email"] = ["The e-mail address is required."];
        if (string.IsNullOrEmpty(request?.Password))
            errors["password"] = ["The password is required."];
        if (errors.Count > 0)
            return TypedResults.ValidationProblem(errors, title: "The sign-in request is not valid.");

        var auth = options.Value;
        if (!auth.IsBootstrapPasswordSet)
            return TypedResults.Problem(
                statusCode: StatusCodes.Status503ServiceUnavailable,
                title: "Sign-in is not configured",
                detail: "The bootstrap staff password is not set: give the AppHost parameter 'bootstrap-staff-password' a value (configuration key Auth:BootstrapStaffPassword).");

        if (!BootstrapStaff.Matches(auth, request!.Email!, request.Password!))
            return TypedResults.Problem(
                statusCode: StatusCodes.Status401Unauthorized,
                title: "Invalid credentials",
                detail: "The e-mail address or the password is wrong.");

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

    static async Task<(TokenRequest? Request, IResult? Error)> ReadAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        try
        {
            return (await request.ReadFromJsonAsync<TokenRequest>(cancellationToken), null);
        }
        catch (JsonException ex)
        {
            var field = string.IsNullOrEmpty(ex.Path) || ex.Path == "$" ? "body" : ex.Path.TrimStart('$', '.');
            return (null, TypedResults.ValidationProblem(
                new Dictionary<string, string[]> { [field] = ["Expected a JSON object with the string fields email and password."] },
                title: "The sign-in request is not valid.",
                detail: "The body is not the expected JSON object."));
        }
        catch (BadHttpRequestException ex)
        {
            return (null, TypedResults.Problem(statusCode: ex.StatusCode, title: "The request body could not be read.", detail: ex.Message));
        }
    }
}
