using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Network.Tests.Hosting;
using Xunit;

namespace Network.Tests.Identity;

public static class Partners
{
    public sealed record Created(Guid Id, string ClientId, string ClientSecret, string Name, string[] Scopes, string ContactEmail, string TokenEndpoint);

    /// <summary>A partner client staff created; its contact is an address of its own (the tests' mail server keeps every mail).</summary>
    public static async Task<Created> CreateAsync(NetworkUnderTest network, string name, params string[] scopes) =>
        await (await network.Staff().PostJson("/api/identity/partners",
            new { name, scopes, contactEmail = $"it-{Guid.NewGuid():N}@partner.example" })).ReadAs<Created>(HttpStatusCode.Created);

    /// <summary>The client-credentials grant as a partner's system sends it (client id and secret in Basic authentication).</summary>
    public static async Task<HttpResponseMessage> RequestTokenAsync(NetworkUnderTest network, string clientId, string secret, string? scope = null) =>
        await network.Identity.RequestTokenAsync(new Dictionary<string, string?> { ["grant_type"] = "client_credentials", ["scope"] = scope },
            Convert.ToBase64String(Encoding.UTF8.GetBytes($"{Uri.EscapeDataString(clientId)}:{Uri.EscapeDataString(secret)}")));

    public static async Task<string> ClientCredentialsAsync(NetworkUnderTest network, Created partner, string? scope = null) =>
        (await (await RequestTokenAsync(network, partner.ClientId, partner.ClientSecret, scope)).ReadAs<JsonElement>())
            .GetProperty("access_token").GetString()!;
}

/// <summary>Partner systems: staff let them in with scopes per service; they sign in with client credentials and read what those allow.</summary>
public class PartnersTests(NetworkFixture fixture) : IClassFixture<NetworkFixture>
{
    NetworkUnderTest Network => fixture.Network;

    const string Statistics = "/api/events/statistics/events?from=2027-01-01T00:00:00%2B01:00&to=2028-01-01T00:00:00%2B01:00";

    [Fact]
    public async Task Staff_create_a_partner_whose_secret_is_shown_once_and_which_reads_only_what_its_scopes_allow()
    {
        var partner = await Partners.CreateAsync(Network, "Stadt Leipzig Open Data", "events");
        Assert.StartsWith("partner-", partner.ClientId);
        Assert.True(partner.ClientSecret.Length >= 40);
        Assert.Equal(Network.Identity.Issuer + "connect/token", partner.TokenEndpoint);

        var listed = await Network.Staff().GetFromJsonAsync<JsonElement>("/api/identity/partners");
        var entry = listed.GetProperty("items").EnumerateArray().Single(p => p.GetProperty("clientId").GetString() == partner.ClientId);
        Assert.DoesNotContain(partner.ClientSecret, entry.GetRawText());

        var token = await Partners.ClientCredentialsAsync(Network, partner);
        var claims = IdentityUnderTest.Payload(token);
        Assert.Equal(partner.ClientId, claims.GetProperty("sub").GetString());
        Assert.Equal(["partner"], AccountsTests.Values(claims, "role"));
        Assert.Equal(["events"], AccountsTests.Values(claims, "aud"));

        var client = Network.Gateway.NewClient(token);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(Statistics)).StatusCode); // aggregates, for partners and staff
        var member = await Network.MemberAsync();
        await (await member.GetAsync(Statistics)).AssertProblem(HttpStatusCode.Forbidden); // not for members
        await (await client.GetAsync("/api/events/registrations/mine")).AssertProblem(HttpStatusCode.Forbidden); // not a person
        await (await client.PostJson("/api/events/advisory-requests", new { topic = "x" })).AssertProblem(HttpStatusCode.Forbidden);

        var directoryOnly = Network.Gateway.NewClient(await Partners.ClientCredentialsAsync(Network, await Partners.CreateAsync(Network, "Directory reader", "directory")));
        await (await directoryOnly.GetAsync(Statistics)).AssertProblem(HttpStatusCode.Unauthorized); // not its scope
    }

    [Fact]
    public async Task Staff_change_a_partners_contact_and_the_audit_says_who_did()
    {
        var partner = await Partners.CreateAsync(Network, "Umzugsportal", "events");
        Assert.EndsWith("@partner.example", partner.ContactEmail);
        var changed = await (await Network.Staff().PutJson($"/api/identity/partners/{partner.Id}/contact", new { contactEmail = " webhooks@umzug.example " }))
            .ReadAs<JsonElement>();
        Assert.Equal("webhooks@umzug.example", changed.GetProperty("contactEmail").GetString());
        var shown = await Network.Staff().GetFromJsonAsync<JsonElement>($"/api/identity/partners/{partner.Id}");
        Assert.Equal("webhooks@umzug.example", shown.GetProperty("contactEmail").GetString());
        var bad = await (await Network.Staff().PutJson($"/api/identity/partners/{partner.Id}/contact", new { contactEmail = "webhooks" }))
            .AssertProblem(HttpStatusCode.BadRequest);
        Assert.True(bad.GetProperty("errors").TryGetProperty("contactEmail", out _));
        var audit = await Network.Staff().GetFromJsonAsync<JsonElement>($"/api/identity/audit?subject={partner.ClientId}&kind=PartnerContactChanged");
        Assert.Single(audit.GetProperty("items").EnumerateArray());

        await (await Network.Staff().DeleteAsync($"/api/identity/partners/{partner.Id}")).ReadAs<JsonElement>();
        await (await Network.Staff().PutJson($"/api/identity/partners/{partner.Id}/contact", new { contactEmail = "late@umzug.example" }))
            .AssertProblem(HttpStatusCode.Conflict);
    }

    [Fact]
    public async Task A_partner_gets_no_scope_staff_did_not_grant_and_a_wrong_secret_nothing()
    {
        var partner = await Partners.CreateAsync(Network, "Eine-Welt-Netz Sachsen", "events");
        var refused = await (await Partners.RequestTokenAsync(Network, partner.ClientId, partner.ClientSecret, "directory")).AssertProblem(HttpStatusCode.BadRequest);
        Assert.Contains("scope", refused.GetProperty("error_description").GetString());
        Assert.False(refused.TryGetProperty("access_token", out _));
        var wrong = await (await Partners.RequestTokenAsync(Network, partner.ClientId, partner.ClientSecret + "x")).AssertProblem(HttpStatusCode.Unauthorized);
        Assert.Equal("invalid_client", wrong.GetProperty("error").GetString());
    }

    [Fact]
    public async Task A_revoked_partner_gets_no_new_token_and_its_current_one_is_refused_by_the_services()
    {
        var partner = await Partners.CreateAsync(Network, "Soon revoked", "events");
        var client = Network.Gateway.NewClient(await Partners.ClientCredentialsAsync(Network, partner));
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(Statistics)).StatusCode);

        var revoked = await (await Network.Staff().DeleteAsync($"/api/identity/partners/{partner.Id}")).ReadAs<JsonElement>();
        Assert.NotEqual(JsonValueKind.Null, revoked.GetProperty("revokedAt").ValueKind);

        await (await Partners.RequestTokenAsync(Network, partner.ClientId, partner.ClientSecret)).AssertProblem(HttpStatusCode.Unauthorized);
        await Eventually.Until(() => client.GetAsync(Statistics),
            r => r.StatusCode == HttpStatusCode.Unauthorized, TimeSpan.FromSeconds(30), "the Events service to refuse the revoked partner's token");
        var audit = await Network.Staff().GetFromJsonAsync<JsonElement>($"/api/identity/audit?subject={partner.ClientId}");
        var kinds = audit.GetProperty("items").EnumerateArray().Select(e => e.GetProperty("kind").GetString()).ToList();
        Assert.Contains("PartnerClientCreated", kinds);
        Assert.Contains("PartnerClientRevoked", kinds);
    }

    [Theory]
    [InlineData("""{"scopes":["directory"],"contactEmail":"it@partner.example"}""", "name")]
    [InlineData("""{"name":"X","scopes":[],"contactEmail":"it@partner.example"}""", "scopes")]
    [InlineData("""{"name":"X","scopes":["identity"],"contactEmail":"it@partner.example"}""", "scopes")]
    [InlineData("""{"name":"X","scopes":["everything"],"contactEmail":"it@partner.example"}""", "scopes")]
    [InlineData("""{"name":"X","scopes":"directory","contactEmail":"it@partner.example"}""", "scopes")]
    [InlineData("""{"name":"X","scopes":["directory"]}""", "contactEmail")]
    [InlineData("""{"name":"X","scopes":["directory"],"contactEmail":"it at partner.example"}""", "contactEmail")]
    public async Task Bad_partner_requests_are_400_problems_and_create_nothing(string body, string field)
    {
        var before = (await Network.Staff().GetFromJsonAsync<JsonElement>("/api/identity/partners?pageSize=100")).GetProperty("totalItems").GetInt32();
        var response = await Network.Staff().PostAsync("/api/identity/partners", new StringContent(body, Encoding.UTF8, "application/json"));
        var problem = await response.AssertProblem(HttpStatusCode.BadRequest);
        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), problem.GetRawText());
        Assert.Equal(before, (await Network.Staff().GetFromJsonAsync<JsonElement>("/api/identity/partners?pageSize=100")).GetProperty("totalItems").GetInt32());
    }
}
