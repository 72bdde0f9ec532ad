using System.Net;
using System.Net.Http.Headers;
using Network.Gateway;
using Network.Tests.Hosting;
using Xunit;

namespace Network.Tests.Gateway;

public sealed class RoutingTests : IClassFixture<RoutingTests.Downstream>
{
    /// <summary>A fake Directory that is up, and a Forum that is down.</summary>
    public sealed class Downstream : IAsyncLifetime
    {
        public FakeService Directory { get; private set; } = null!;
        public FakeService Identity { get; private set; } = null!;
        public ServiceUnderTest<GatewayMarker> Gateway { get; private set; } = null!;

        public async Task InitializeAsync()
        {
            Directory = await FakeService.StartAsync();
            Identity = await FakeService.StartAsync();
            // The keys Aspire sets as services__directory-api__http__0 when the AppHost references the service.
            Gateway = GatewayFactory.Create(
                ("services:directory-api:http:0", Directory.Address),
                ("services:identity-api:http:0", Identity.Address),
                ("services:forum-api:http:0", FakeService.UnusedAddress()));
        }

        public async Task DisposeAsync()
        {
            await Gateway.DisposeAsync();
            await Identity.DisposeAsync();
            await Directory.DisposeAsync();
        }
    }

    readonly Downstream _downstream;
    readonly HttpClient _client;

    public RoutingTests(Downstream downstream)
    {
        _downstream = downstream;
        _client = downstream.Gateway.CreateClient();
    }

    [Fact]
    public async Task A_service_request_reaches_the_service_without_its_prefix_and_with_its_headers()
    {
        const string traceId = "0af7651916cd43dd8448eb211c80319c";
        // The gateway checks no token: it relays it unchanged, and each service checks it.
        var token = "an-access-token-" + Guid.NewGuid().ToString("N");
        var marker = Guid.NewGuid().ToString("N");
        using var request = new HttpRequestMessage(HttpMethod.Put, $"/api/directory/organisations/{marker}?lang=de");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        request.Headers.TryAddWithoutValidation("traceparent", $"00-{traceId}-b7ad6b7169203331-01");
        request.Headers.IfMatch.Add(new EntityTagHeaderValue("\"6\""));
        request.Content = new StringContent("{}", System.Text.Encoding.UTF8, "application/json");

        var response = await _client.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal($"reached /organisations/{marker}", await response.Content.ReadAsStringAsync());
        Assert.Equal(FakeService.ETag, response.Headers.ETag?.ToString());

        var seen = Assert.Single(_downstream.Directory.Seen, r => r.Path.Contains(marker));
        Assert.Equal("PUT", seen.Method);
        Assert.Equal($"/organisations/{marker}", seen.Path);
        Assert.Equal("?lang=de", seen.Query);
        Assert.Equal($"Bearer {token}", seen.Headers["Authorization"]);
        Assert.Equal("\"6\"", seen.Headers["If-Match"]);
        // The gateway adds its own span, so the parent id changes; the trace is the caller's.
        Assert.StartsWith($"00-{traceId}-", seen.Headers["traceparent"]);
    }

    [Fact]
    public async Task The_service_answers_the_bare_prefix_at_its_root()
    {
        var response = await _client.GetAsync("/api/directory");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("reached /", await response.Content.ReadAsStringAsync());
    }

    [Theory]
    [InlineData("/api/nope")]
    [InlineData("/api/nope/deeper/path")]
    [InlineData("/api/directoryx/organisations")]
    [InlineData("/api/auth/unknown")]
    [InlineData("/api")]
    public async Task An_unknown_api_path_is_a_404_problem(string path)
    {
        var response = await _client.GetAsync(path);

        var problem = await response.AssertProblem(HttpStatusCode.NotFound);
        Assert.Contains("/api/directory", problem.GetProperty("detail").GetString());
        // The platform's customisation stays beside the gateway's detail: the problem names the path asked for.
        Assert.Equal(path, problem.GetProperty("instance").GetString());
    }

    [Theory]
    [InlineData("/.well-known/openid-configuration", "/.well-known/openid-configuration")]
    [InlineData("/.well-known/jwks", "/.well-known/jwks")]
    [InlineData("/connect/token", "/connect/token")]
    [InlineData("/account/login?returnUrl=%2Fconnect%2Fauthorize", "/account/login")]
    [InlineData("/api/identity/invitations", "/invitations")]
    public async Task The_providers_addresses_reach_the_identity_service(string path, string reached)
    {
        var response = await _client.GetAsync(path);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal($"reached {reached}", await response.Content.ReadAsStringAsync());
        Assert.Contains(_downstream.Identity.Seen, r => r.Path == reached);
    }

    [Fact]
    public async Task A_body_over_the_services_limit_is_the_gateways_413_problem_and_never_reaches_the_service()
    {
        var marker = Guid.NewGuid().ToString("N");
        var body = new ByteArrayContent(new byte[Network.Platform.Hosting.NetworkService.MaxRequestBodyBytes + 1]);
        body.Headers.ContentType = new MediaTypeHeaderValue("application/json");

        var response = await _client.PostAsync($"/api/directory/organisations/{marker}", body);

        await response.AssertProblem(HttpStatusCode.RequestEntityTooLarge);
        Assert.DoesNotContain(_downstream.Directory.Seen, r => r.Path.Contains(marker));
    }

    [Fact]
    public async Task A_service_that_is_down_is_a_502_problem()
    {
        var response = await _client.GetAsync("/api/forum/boards");

        var problem = await response.AssertProblem(HttpStatusCode.BadGateway);
        Assert.Contains("forum-api", problem.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task The_gateway_reports_its_health()
    {
        var response = await _client.GetAsync("/alive");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }
}
