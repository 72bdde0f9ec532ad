using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.IdentityModel.JsonWebTokens;
using Network.Platform.Auth;
using Network.Gateway;
using Network.Tests.Hosting;
using Xunit;

namespace Network.Tests.Gateway;

public sealed class TokenEndpointTests : IClassFixture<TokenEndpointTests.Gateway>
{
    public sealed class Gateway() : IDisposable
    {
        public ServiceUnderTest<GatewayMarker> Factory { get; } = GatewayFactory.Create();
        public void Dispose() => Factory.Dispose();
    }

    readonly HttpClient _client;

    public TokenEndpointTests(Gateway gateway) => _client = gateway.Factory.CreateClient();

    [Fact]
    public async Task Bootstrap_staff_credentials_get_a_bearer_token_with_the_staff_role()
    {
        var response = await _client.PostAsJsonAsync("/api/auth/token",
            new { email = GatewayFactory.StaffEmail, password = GatewayFactory.StaffPassword });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.True(response.Headers.CacheControl?.NoStore);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("Bearer", body.GetProperty("token_type").GetString());
        Assert.Equal(3600, body.GetProperty("expires_in").GetInt32());

        var validation = await new JsonWebTokenHandler().ValidateTokenAsync(
            body.GetProperty("access_token").GetString(), NetworkTokens.ValidationParameters(GatewayFactory.SigningKey));
        Assert.True(validation.IsValid, validation.Exception?.Message);
        Assert.Contains(validation.ClaimsIdentity.FindAll(NetworkClaims.Role), c => c.Value == Roles.Staff);
        Assert.Equal(GatewayFactory.StaffEmail, validation.ClaimsIdentity.FindFirst(NetworkClaims.Name)?.Value);
        Assert.False(string.IsNullOrEmpty(validation.ClaimsIdentity.FindFirst(NetworkClaims.Subject)?.Value));
    }

    [Fact]
    public async Task The_email_is_matched_regardless_of_case()
    {
        var response = await _client.PostAsJsonAsync("/api/auth/token",
            new { email = GatewayFactory.StaffEmail.ToUpperInvariant(), password = GatewayFactory.StaffPassword });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Theory]
    [InlineData(GatewayFactory.StaffEmail, "wrong password")]
    [InlineData(GatewayFactory.StaffEmail, GatewayFactory.StaffPassword + " ")]
    [InlineData("someone@network.example", GatewayFactory.StaffPassword)]
    public async Task Wrong_credentials_are_a_401_problem(string email, string password)
    {
        var response = await _client.PostAsJsonAsync("/api/auth/token", new { email, password });

        var problem = await response.AssertProblem(HttpStatusCode.Unauthorized);
        Assert.Equal("Invalid credentials", problem.GetProperty("title").GetString());
        Assert.DoesNotContain(GatewayFactory.StaffPassword, problem.GetRawText());
    }

    [Theory]
    [InlineData("{\"email\": \"staff@network.example\", ")]
    [InlineData("")]
    [InlineData("[1, 2]")]
    public async Task Malformed_json_is_a_400_problem(string json)
    {
        var response = await _client.PostAsync("/api/auth/token", new StringContent(json, Encoding.UTF8, "application/json"));

        // The platform's answer for a body that is not the expected JSON, as in every service.
        var problem = await response.AssertProblem(HttpStatusCode.BadRequest);
        Assert.Equal("The request body is not valid JSON", problem.GetProperty("title").GetString());
        Assert.True(problem.TryGetProperty("traceId", out _));
    }

    [Fact]
    public async Task Missing_fields_are_a_400_problem_naming_each_field()
    {
        var response = await _client.PostAsJsonAsync("/api/auth/token", new { email = "  " });

        var problem = await response.AssertProblem(HttpStatusCode.BadRequest);
        var errors = problem.GetProperty("errors");
        Assert.True(errors.TryGetProperty("email", out _));
        Assert.True(errors.TryGetProperty("password", out _));
    }

    [Fact]
    public async Task A_field_of_the_wrong_type_is_a_400_problem_naming_the_field()
    {
        var response = await _client.PostAsync("/api/auth/token",
            new StringContent("{\"email\": \"staff@network.example\", \"password\": 12345}", Encoding.UTF8, "application/json"));

        var problem = await response.AssertProblem(HttpStatusCode.BadRequest);
        Assert.True(problem.GetProperty("errors").TryGetProperty("password", out _));
    }

    [Fact]
    public async Task Credentials_as_a_form_are_a_415_problem()
    {
        var response = await _client.PostAsync("/api/auth/token", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["email"] = GatewayFactory.StaffEmail,
            ["password"] = GatewayFactory.StaffPassword,
        }));

        await response.AssertProblem(HttpStatusCode.UnsupportedMediaType);
    }

    [Fact]
    public async Task Me_describes_the_caller_of_a_token()
    {
        var organisation = Guid.NewGuid();
        var token = NetworkTokens.Create(GatewayFactory.SigningKey, "person-1", "Ada Member", [Roles.Member], [organisation]);
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/auth/me");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);

        var response = await _client.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var me = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("person-1", me.GetProperty("subject").GetString());
        Assert.Equal("Ada Member", me.GetProperty("name").GetString());
        Assert.Equal([Roles.Member], me.GetProperty("roles").EnumerateArray().Select(r => r.GetString()));
        Assert.Equal([organisation.ToString()], me.GetProperty("organisations").EnumerateArray().Select(o => o.GetString()));
    }

    [Fact]
    public async Task Me_knows_the_token_the_gateway_issued()
    {
        var issued = await _client.PostAsJsonAsync("/api/auth/token",
            new { email = GatewayFactory.StaffEmail, password = GatewayFactory.StaffPassword });
        var token = (await issued.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("access_token").GetString();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/auth/me");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);

        var me = await (await _client.SendAsync(request)).Content.ReadFromJsonAsync<JsonElement>();

        Assert.Equal([Roles.Staff], me.GetProperty("roles").EnumerateArray().Select(r => r.GetString()));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("Bearer not-a-token")]
    [InlineData("forged")]
    public async Task Me_without_a_valid_token_is_a_401_problem(string? authorization)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/auth/me");
        if (authorization == "forged")
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer",
                NetworkTokens.Create("another-key-that-the-gateway-does-not-know-at-all", "x", "Mallory", [Roles.Staff]));
        else if (authorization is not null)
            request.Headers.TryAddWithoutValidation("Authorization", authorization);

        var response = await _client.SendAsync(request);

        await response.AssertProblem(HttpStatusCode.Unauthorized);
    }
}

public sealed class TokenEndpointConfigurationTests
{
    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    public async Task Without_a_bootstrap_password_sign_in_is_a_503_problem_naming_the_parameter(string? password)
    {
        using var gateway = GatewayFactory.Create(("Auth:BootstrapStaffPassword", password));
        var client = gateway.CreateClient();

        var response = await client.PostAsJsonAsync("/api/auth/token", new { email = GatewayFactory.StaffEmail, password = "anything" });

        var problem = await response.AssertProblem(HttpStatusCode.ServiceUnavailable);
        Assert.Contains("bootstrap-staff-password", problem.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task Too_many_token_requests_from_one_client_are_a_429_problem()
    {
        using var gateway = GatewayFactory.Create(("Auth:TokenRateLimitPerMinute", "3"));
        var client = gateway.CreateClient();

        var statuses = new List<HttpStatusCode>();
        HttpResponseMessage last = null!;
        for (var i = 0; i < 4; i++)
        {
            last = await client.PostAsJsonAsync("/api/auth/token", new { email = GatewayFactory.StaffEmail, password = "wrong" });
            statuses.Add(last.StatusCode);
        }

        Assert.Equal([HttpStatusCode.Unauthorized, HttpStatusCode.Unauthorized, HttpStatusCode.Unauthorized, HttpStatusCode.TooManyRequests], statuses);
        await last.AssertProblem(HttpStatusCode.TooManyRequests);
        Assert.NotNull(last.Headers.RetryAfter);
    }

    [Fact]
    public async Task An_oversized_body_is_a_413_problem()
    {
        // The body size limit is Kestrel's; the in-memory test server has none.
        using var gateway = GatewayFactory.Create();
        gateway.UseKestrel(0);
        gateway.StartServer();
        var client = gateway.CreateClient();

        var response = await client.PostAsJsonAsync("/api/auth/token",
            new { email = GatewayFactory.StaffEmail, password = new string('x', 64 * 1024) });

        await response.AssertProblem(HttpStatusCode.RequestEntityTooLarge);
    }

    [Fact]
    public void Without_a_signing_key_the_gateway_does_not_start()
    {
        using var gateway = GatewayFactory.Create(("Auth:SigningKey", null));

        var error = Assert.ThrowsAny<Exception>(() => gateway.CreateClient());

        Assert.Contains("Auth:SigningKey", error.ToString());
    }
}
