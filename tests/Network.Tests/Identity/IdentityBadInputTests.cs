using System.Net;
using System.Text;
using System.Text.Json;
using Network.Tests.Hosting;
using Xunit;

namespace Network.Tests.Identity;

/// <summary>Every new endpoint answers bad input with an RFC 9457 problem, never a 500, and stores nothing.</summary>
public class IdentityBadInputTests(NetworkFixture fixture) : IClassFixture<NetworkFixture>
{
    NetworkUnderTest Network => fixture.Network;

    public static TheoryData<string, string, string, HttpStatusCode> BadJson => new()
    {
        { "/api/identity/invitations", "{}", "application/json", HttpStatusCode.BadRequest },
        { "/api/identity/invitations", """{"personId":"not-a-guid","email":"a@b.org"}""", "application/json", HttpStatusCode.BadRequest },
        { "/api/identity/invitations", """{"personId":"0196d0c1-0000-7000-8000-000000000001","email":"no-at-sign"}""", "application/json", HttpStatusCode.BadRequest },
        { "/api/identity/invitations", """{"personId":"0196d0c1-0000-7000-8000-000000000001","email":"a@b.org","roles":["admin"]}""", "application/json", HttpStatusCode.BadRequest },
        { "/api/identity/invitations", """{"personId":"0196d0c1-0000-7000-8000-000000000001","email":"a@b.org"}""", "application/json", HttpStatusCode.NotFound },
        { "/api/identity/invitations", """{"personId":""", "application/json", HttpStatusCode.BadRequest },
        { "/api/identity/invitations", "personId=1", "application/x-www-form-urlencoded", HttpStatusCode.UnsupportedMediaType },
        { "/api/identity/invitations/activation", "{}", "application/json", HttpStatusCode.BadRequest },
        { "/api/identity/invitations/activation", """{"account":"0196d0c1-0000-7000-8000-000000000001","token":"forged","password":"a long enough passphrase"}""", "application/json", HttpStatusCode.BadRequest },
        { "/api/identity/password-resets", "{}", "application/json", HttpStatusCode.BadRequest },
        { "/api/identity/password-resets", "[1,2,3]", "application/json", HttpStatusCode.BadRequest },
        { "/api/identity/password-resets/completion", """{"account":"0196d0c1-0000-7000-8000-000000000001","token":"x","password":"a long enough passphrase"}""", "application/json", HttpStatusCode.BadRequest },
        { "/api/identity/authenticator", """{"email":"nobody@example.org","password":"whatever it is"}""", "application/json", HttpStatusCode.BadRequest },
        { "/api/identity/authenticator/confirmation", """{"email":"nobody@example.org","password":"x"}""", "application/json", HttpStatusCode.BadRequest },
        { "/api/identity/partners", """{"name":"","scopes":["directory"]}""", "application/json", HttpStatusCode.BadRequest },
    };

    [Theory]
    [MemberData(nameof(BadJson))]
    public async Task Bad_input_to_an_identity_endpoint_is_a_problem_and_stores_nothing(string path, string body, string mediaType, HttpStatusCode status)
    {
        var before = await Stored();
        var response = await Network.Gateway.NewClient(Network.StaffToken).PostAsync(path, new StringContent(body, Encoding.UTF8, mediaType));
        await response.AssertProblem(status);
        Assert.Equal(before, await Stored());
    }

    [Fact]
    public async Task A_body_over_the_limit_is_a_413_problem()
    {
        var huge = "{\"email\":\"" + new string('a', 2 * 1024 * 1024) + "@example.org\"}";
        var response = await Network.Gateway.NewClient().PostAsync("/api/identity/password-resets", new StringContent(huge, Encoding.UTF8, "application/json"));
        await response.AssertProblem(HttpStatusCode.RequestEntityTooLarge);
    }

    public static TheoryData<string, string> BadTokenRequests => new()
    {
        { "grant_type=password&client_id=network-cli&username=staff%40network.example", "invalid_request" },
        { "grant_type=password&client_id=network-web&username=staff%40network.example&password=x", "unauthorized_client" },
        { "grant_type=password&username=staff%40network.example&password=x", "invalid_client" },
        { "grant_type=magic&client_id=network-cli", "unsupported_grant_type" },
        { "client_id=network-cli", "invalid_request" },
        { "grant_type=refresh_token&client_id=network-cli&refresh_token=not-a-token", "invalid_grant" },
        { "grant_type=authorization_code&client_id=network-web&code=forged&redirect_uri=http%3A%2F%2F127.0.0.1%2Fcallback&code_verifier=" + "abcdefghijklmnopqrstuvwxyzabcdefghijklmnopqrstuvwxyz", "invalid_grant" },
        { "grant_type=client_credentials&client_id=partner-unknown&client_secret=x", "invalid_client" },
        { "grant_type=password&client_id=network-cli&username=staff%40network.example&password=x&scope=everything", "invalid_scope" },
    };

    [Theory]
    [MemberData(nameof(BadTokenRequests))]
    public async Task A_bad_token_request_is_an_oauth_error_as_a_problem(string form, string error)
    {
        var response = await Network.Gateway.NewClient().PostAsync("/connect/token", new StringContent(form, Encoding.UTF8, "application/x-www-form-urlencoded"));
        var problem = await response.AssertProblem(response.StatusCode == HttpStatusCode.Unauthorized ? HttpStatusCode.Unauthorized : HttpStatusCode.BadRequest);
        Assert.Equal(error, problem.GetProperty("error").GetString());
        Assert.False(problem.TryGetProperty("access_token", out _));
    }

    [Fact]
    public async Task The_token_endpoint_takes_forms_only()
    {
        var response = await Network.Gateway.NewClient().PostJson("/connect/token", new { grant_type = "password" });
        var problem = await response.AssertProblem(HttpStatusCode.BadRequest);
        Assert.Equal("invalid_request", problem.GetProperty("error").GetString());
    }

    [Theory]
    [InlineData("/api/identity/audit?kind=Nonsense")]
    [InlineData("/api/identity/audit?pageSize=1000")]
    [InlineData("/api/identity/audit?from=2027-02-01T00:00:00Z&to=2027-01-01T00:00:00Z")]
    [InlineData("/api/identity/accounts?page=0")]
    [InlineData("/api/identity/partners?pageSize=0")]
    [InlineData("/api/identity/accounts/not-a-guid")]
    public async Task Bad_queries_are_problems(string path)
    {
        var response = await Network.Gateway.NewClient(Network.StaffToken).GetAsync(path);
        Assert.True(response.StatusCode is HttpStatusCode.BadRequest or HttpStatusCode.NotFound, $"{path}: {(int)response.StatusCode}");
        await response.AssertProblem(response.StatusCode);
    }

    [Fact]
    public async Task An_unknown_account_or_partner_is_a_404_problem()
    {
        var staff = Network.Gateway.NewClient(Network.StaffToken);
        await (await staff.GetAsync($"/api/identity/accounts/{Guid.NewGuid()}")).AssertProblem(HttpStatusCode.NotFound);
        await (await staff.DeleteAsync($"/api/identity/partners/{Guid.NewGuid()}")).AssertProblem(HttpStatusCode.NotFound);
        await (await staff.PutAsync($"/api/identity/accounts/{Guid.NewGuid()}/roles",
            new StringContent("""{"roles":[]}""", Encoding.UTF8, "application/json"))).AssertProblem(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task The_sign_in_form_without_its_antiforgery_token_is_refused_and_signs_nobody_in()
    {
        var response = await Network.Gateway.NewClient().PostAsync("/account/login", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["email"] = IdentityUnderTest.StaffEmail, ["password"] = IdentityUnderTest.StaffPassword,
        }));
        await response.AssertProblem(HttpStatusCode.BadRequest);
        Assert.False(response.Headers.TryGetValues("Set-Cookie", out var cookies) && cookies.Any(c => c.StartsWith("network.signin=", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task An_authorization_request_for_an_unknown_client_is_a_problem_not_a_redirect()
    {
        using var http = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = Network.Gateway.Address };
        var response = await http.GetAsync("/connect/authorize?client_id=nobody&response_type=code&scope=openid&redirect_uri="
            + Uri.EscapeDataString("http://evil.example/steal") + "&code_challenge=abc&code_challenge_method=S256");
        var problem = await response.AssertProblem(HttpStatusCode.BadRequest);
        Assert.Equal("invalid_request", problem.GetProperty("error").GetString());
        Assert.Null(response.Headers.Location);
    }

    async Task<(long Identity, long Directory)> Stored() =>
        (await HttpAssertions.StoredEvents(Network.Identity.Database) + await HttpAssertions.CountRows(Network.Identity.Database, "accounts.\"AspNetUsers\"")
            + await HttpAssertions.CountRows(Network.Identity.Database, "accounts.\"OpenIddictApplications\""),
         await HttpAssertions.StoredEvents(Network.DirectoryDatabase));
}
