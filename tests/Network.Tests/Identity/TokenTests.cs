using System.Net;
using System.Net.Http.Json;
using System.Security.Claims;
using System.Text;
using System.Text.Json;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using Network.Tests.Hosting;
using Network.Tests.Infrastructure;
using Xunit;

namespace Network.Tests.Identity;

/// <summary>The provider's tokens as the services see them: who signs them, for whom, how long, and when they stop working.</summary>
public class TokenTests(NetworkFixture fixture) : IClassFixture<NetworkFixture>
{
    NetworkUnderTest Network => fixture.Network;

    [Fact]
    public async Task Discovery_and_keys_are_at_the_standard_paths_of_the_gateway_with_asymmetric_keys_only()
    {
        var anonymous = Network.Gateway.NewClient();
        var discovery = await anonymous.GetFromJsonAsync<JsonElement>("/.well-known/openid-configuration");

        Assert.Equal(Network.Identity.Issuer, discovery.GetProperty("issuer").GetString());
        Assert.Equal(Network.Identity.Issuer + "connect/token", discovery.GetProperty("token_endpoint").GetString());
        Assert.Equal(Network.Identity.Issuer + ".well-known/jwks", discovery.GetProperty("jwks_uri").GetString());
        foreach (var endpoint in new[] { "authorization_endpoint", "revocation_endpoint", "introspection_endpoint", "userinfo_endpoint" })
            Assert.StartsWith(Network.Identity.Issuer + "connect/", discovery.GetProperty(endpoint).GetString());
        Assert.Contains("S256", discovery.GetProperty("code_challenge_methods_supported").EnumerateArray().Select(e => e.GetString()));
        var grants = discovery.GetProperty("grant_types_supported").EnumerateArray().Select(e => e.GetString()).ToList();
        Assert.Superset(new HashSet<string?> { "authorization_code", "refresh_token", "client_credentials", "password" }, grants.ToHashSet());

        var jwks = await anonymous.GetFromJsonAsync<JsonElement>("/.well-known/jwks");
        var keys = jwks.GetProperty("keys").EnumerateArray().ToList();
        Assert.NotEmpty(keys);
        Assert.All(keys, key =>
        {
            Assert.Equal("RSA", key.GetProperty("kty").GetString());
            Assert.False(key.TryGetProperty("d", out _), "a private part is published");
        });

        var staff = IdentityUnderTest.Payload(Network.StaffToken);
        var header = JsonDocument.Parse(Base64UrlEncoder.Decode(Network.StaffToken.Split('.')[0])).RootElement;
        Assert.Equal("RS256", header.GetProperty("alg").GetString());
        Assert.Equal("at+jwt", header.GetProperty("typ").GetString());
        Assert.Contains(header.GetProperty("kid").GetString(), keys.Select(k => k.GetProperty("kid").GetString()));
        Assert.Equal(Network.Identity.Issuer, staff.GetProperty("iss").GetString());
        Assert.Superset(new HashSet<string> { "directory", "forum", "events", "knowledge", "identity" }, AccountsTests.Values(staff, "aud").ToHashSet());
    }

    [Fact]
    public async Task Access_tokens_live_five_minutes_by_default()
    {
        await using var identity = await IdentityUnderTest.StartAsync(await TestServers.CreateVirtualHostAsync(),
            settings: new Dictionary<string, string?> { ["Identity:AccessTokenLifetime"] = null });
        await identity.SignInStaffAsync();
        var claims = IdentityUnderTest.Payload(identity.StaffToken);
        Assert.Equal(5 * 60, claims.GetProperty("exp").GetInt64() - claims.GetProperty("iat").GetInt64());
    }

    [Fact]
    public async Task A_token_made_with_the_old_shared_secret_is_refused_by_every_service()
    {
        var organisation = await Network.RegisterOrganisationAsync("Alte Schlüssel e.V. (fictional)");
        var forged = ForgedWithTheOldSecret(organisation.Id);
        var services = new (string Name, HttpClient Client, string Path)[]
        {
            ("directory", Network.Directory.NewClient(forged), "/people/me"),
            ("events", Network.Events.NewClient(forged), "/registrations/mine"),
            ("forum", Network.Forum.NewClient(forged), "/members"),
            ("identity", Network.Identity.Service.NewClient(forged), "/accounts"),
            ("gateway to directory", Network.Gateway.NewClient(forged), "/api/directory/people/me"),
        };
        foreach (var (name, client, path) in services)
        {
            var response = await client.GetAsync(path);
            Assert.True(response.StatusCode == HttpStatusCode.Unauthorized, $"{name} answered {(int)response.StatusCode} to a forged token");
            await response.AssertProblem(HttpStatusCode.Unauthorized);
        }
        var write = await Network.Gateway.NewClient(forged).PutAsJsonAsync($"/api/directory/organisations/{organisation.Id}/profile",
            new { name = "Übernommen", shortDescription = "Forged." });
        await write.AssertProblem(HttpStatusCode.Unauthorized);
    }

    /// <summary>What anyone who read a service's configuration could mint before: HS256 with the shared key, every old claim.</summary>
    static string ForgedWithTheOldSecret(Guid organisation) => new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
    {
        Issuer = "network-gateway",
        Audience = "network-services",
        Subject = new ClaimsIdentity([new Claim("sub", "mallory"), new Claim("name", "Mallory"), new Claim("role", "staff"), new Claim("org", organisation.ToString())]),
        Expires = DateTime.UtcNow.AddHours(1),
        SigningCredentials = new SigningCredentials(new SymmetricSecurityKey(Encoding.UTF8.GetBytes("the-old-auth-signing-key-of-the-apphost-0123456789")),
            SecurityAlgorithms.HmacSha256),
    });

    [Fact]
    public async Task A_token_for_another_service_or_an_id_token_is_not_accepted()
    {
        var person = await Network.Identity.PasswordGrantAsync(IdentityUnderTest.StaffEmail, IdentityUnderTest.StaffPassword, "openid events");
        var eventsOnly = Network.Gateway.NewClient(person.AccessToken);
        Assert.Equal(HttpStatusCode.OK, (await eventsOnly.GetAsync("/api/events/registrations/mine")).StatusCode);
        await (await eventsOnly.GetAsync("/api/directory/people/me")).AssertProblem(HttpStatusCode.Unauthorized);

        var idToken = await IdTokenAsync();
        await (await Network.Gateway.NewClient(idToken).GetAsync("/api/events/registrations/mine")).AssertProblem(HttpStatusCode.Unauthorized);
    }

    async Task<string> IdTokenAsync()
    {
        var response = await Network.Identity.RequestTokenAsync(new Dictionary<string, string?>
        {
            ["grant_type"] = "password", ["client_id"] = "network-cli", ["scope"] = "openid events",
            ["username"] = IdentityUnderTest.StaffEmail, ["password"] = IdentityUnderTest.StaffPassword,
        });
        return (await response.ReadAs<JsonElement>()).GetProperty("id_token").GetString()!;
    }

    [Fact]
    public async Task Refresh_tokens_rotate_a_used_one_is_refused_and_a_revoked_one_too()
    {
        var person = await Network.InvitedAndSignedInAsync(await Network.RecordPersonAsync("Ifeoma Eze"));
        Assert.NotNull(person.RefreshToken);

        var refreshed = await Refresh(person.RefreshToken!);
        var next = (await refreshed.ReadAs<JsonElement>()).GetProperty("refresh_token").GetString()!;
        Assert.NotEqual(person.RefreshToken, next);

        var reused = await (await Refresh(person.RefreshToken!)).AssertProblem(HttpStatusCode.BadRequest);
        Assert.Equal("invalid_grant", reused.GetProperty("error").GetString());

        // Reuse of a redeemed token revokes the chain it belongs to; a fresh sign-in gets a new chain to revoke by hand.
        var again = await Network.Identity.PasswordGrantAsync(IdentityUnderTest.StaffEmail, IdentityUnderTest.StaffPassword, "openid offline_access events");
        var revoke = await Network.Gateway.NewClient().PostAsync("/connect/revoke", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["client_id"] = "network-cli", ["token"] = again.RefreshToken!, ["token_type_hint"] = "refresh_token",
        }));
        Assert.Equal(HttpStatusCode.OK, revoke.StatusCode);
        await (await Refresh(again.RefreshToken!)).AssertProblem(HttpStatusCode.BadRequest);
    }

    Task<HttpResponseMessage> Refresh(string refreshToken) => Network.Identity.RequestTokenAsync(new Dictionary<string, string?>
    {
        ["grant_type"] = "refresh_token", ["client_id"] = "network-cli", ["refresh_token"] = refreshToken,
    });

    [Fact]
    public async Task A_person_who_leaves_their_organisation_loses_its_claim_at_the_next_refresh()
    {
        var first = await Network.RegisterOrganisationAsync("Bonner Sankofa-Kreis (fictional)", "05314000");
        var second = await Network.RegisterOrganisationAsync("Dürener Brücken e.V. (fictional)", "05358008");
        var invitee = await Network.RecordPersonAsync("Yaw Boateng", first.Id, second.Id);
        var person = await Network.InvitedAndSignedInAsync(invitee);

        // The provider learns memberships from the Directory's events: the first token may predate the second one.
        async Task<IReadOnlyList<string>> RefreshedOrganisations()
        {
            var refreshed = await (await Refresh(person.RefreshToken!)).ReadAs<JsonElement>();
            person = person with { RefreshToken = refreshed.GetProperty("refresh_token").GetString() };
            return AccountsTests.Values(IdentityUnderTest.Payload(refreshed.GetProperty("access_token").GetString()!), "org");
        }
        var both = await Eventually.Until(RefreshedOrganisations, orgs => orgs.Count == 2, TimeSpan.FromSeconds(30), "the token to name both organisations");
        Assert.Equal([first.Id.ToString(), second.Id.ToString()], both.Order());

        await (await Network.Staff().DeleteAsync($"/api/directory/organisations/{second.Id}/members/{invitee.PersonId}")).AssertSuccess();

        var organisations = await Eventually.Until(RefreshedOrganisations, orgs => orgs.Count == 1, TimeSpan.FromSeconds(30),
            "the refreshed token to drop the organisation left");
        Assert.Equal(first.Id.ToString(), organisations.Single());
    }

    [Fact]
    public async Task An_erased_persons_account_is_closed_their_refresh_token_refused_and_their_access_token_refused_by_the_services()
    {
        var organisation = await Network.RegisterOrganisationAsync("Münchner Tische (fictional)", "09162000");
        var invitee = await Network.RecordPersonAsync("Nia Kamau", organisation.Id);
        var person = await Network.InvitedAndSignedInAsync(invitee);
        var client = Network.Gateway.NewClient(person.AccessToken);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/events/registrations/mine")).StatusCode);

        await (await Network.Staff().PostAsync($"/api/directory/people/{invitee.PersonId}/erasure", null)).AssertSuccess();

        var account = await Eventually.Until(
            () => Network.Staff().GetFromJsonAsync<JsonElement>($"/api/identity/accounts/{invitee.PersonId}"),
            a => a.GetProperty("status").GetString() == "Closed", TimeSpan.FromSeconds(30), "the account to be closed");
        Assert.Null(account.GetProperty("email").GetString());
        Assert.Equal("(erased)", account.GetProperty("displayName").GetString());

        await (await Refresh(person.RefreshToken!)).AssertProblem(HttpStatusCode.BadRequest);
        await (await Network.Identity.RequestTokenAsync(AccountsTests.PasswordGrant(invitee.Email, Invitations.Password))).AssertProblem(HttpStatusCode.BadRequest);
        // The access token has not expired, yet every service refuses it once the closure reached it.
        foreach (var path in new[] { "/api/events/registrations/mine", "/api/directory/people/me", "/api/forum/members", $"/api/identity/accounts/{invitee.PersonId}" })
            await Eventually.Until(() => client.GetAsync(path), r => r.StatusCode == HttpStatusCode.Unauthorized, TimeSpan.FromSeconds(30),
                $"{path} to refuse the erased person's token");
    }

    [Fact]
    public async Task Introspection_tells_a_partner_whether_a_token_is_active()
    {
        var partner = await Partners.CreateAsync(Network, "Introspecting partner", "events");
        var token = await Partners.ClientCredentialsAsync(Network, partner);
        var answer = await Network.Gateway.NewClient().PostAsync("/connect/introspect", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["client_id"] = partner.ClientId, ["client_secret"] = partner.ClientSecret, ["token"] = token,
        }));
        var introspection = await answer.ReadAs<JsonElement>();
        Assert.True(introspection.GetProperty("active").GetBoolean());
        Assert.Equal(partner.ClientId, introspection.GetProperty("sub").GetString());

        var garbage = await (await Network.Gateway.NewClient().PostAsync("/connect/introspect", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["client_id"] = partner.ClientId, ["client_secret"] = partner.ClientSecret, ["token"] = "not-a-token",
        }))).ReadAs<JsonElement>();
        Assert.False(garbage.GetProperty("active").GetBoolean());
    }
}
