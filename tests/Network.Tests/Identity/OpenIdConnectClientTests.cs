using System.Net;
using Duende.IdentityModel.Client;
using Duende.IdentityModel.OidcClient;
using Network.Tests.Hosting;
using Xunit;

namespace Network.Tests.Identity;

/// <summary>
/// The provider as a standard OpenID Connect client library (Duende's certified OidcClient, not our code) finds it:
/// discovery at the gateway, the authorization code flow with PKCE through the provider's sign-in page, the ID token's
/// signature from the JWKS, userinfo, and a refresh.
/// </summary>
public class OpenIdConnectClientTests(NetworkFixture fixture) : IClassFixture<NetworkFixture>
{
    NetworkUnderTest Network => fixture.Network;

    OidcClient Client(SignInPageBrowser browser) => new(new OidcClientOptions
    {
        Authority = Network.Identity.Issuer,
        ClientId = "network-web",
        RedirectUri = "http://127.0.0.1/callback",
        Scope = "openid profile email roles offline_access directory events",
        Browser = browser,
        // http on loopback only, as in development; production's issuer must be https (the provider refuses to start otherwise).
        Policy = new Policy { Discovery = new DiscoveryPolicy { RequireHttps = true, AllowHttpOnLoopback = true } },
    });

    [Fact]
    public async Task A_person_signs_in_with_code_and_pkce_and_the_library_accepts_every_token()
    {
        var organisation = await Network.RegisterOrganisationAsync("PKCE-Freunde Kiel (fictional)", "01002000");
        var invitee = await Network.RecordPersonAsync("Efua Asante", organisation.Id);
        await Network.InvitedAndSignedInAsync(invitee);
        var browser = new SignInPageBrowser(invitee.Email, Invitations.Password);

        var result = await Client(browser).LoginAsync(new LoginRequest());

        Assert.False(result.IsError, $"{result.Error}: {result.ErrorDescription}; visited {string.Join(" -> ", browser.Visited)}; page {browser.LastPage}");
        Assert.Contains(browser.Visited, u => u.AbsolutePath == "/account/login");
        Assert.Equal(invitee.PersonId.ToString(), result.User.FindFirst("sub")?.Value);
        Assert.Equal("Efua Asante", result.User.FindFirst("name")?.Value);
        Assert.Equal(invitee.Email, result.User.FindFirst("email")?.Value);
        var access = IdentityUnderTest.Payload(result.AccessToken);
        Assert.Equal(organisation.Id.ToString(), AccountsTests.Values(access, "org").Single());
        Assert.Equal(["directory", "events"], AccountsTests.Values(access, "aud").Order());
        Assert.Equal(HttpStatusCode.OK, (await Network.Gateway.NewClient(result.AccessToken).GetAsync("/api/events/registrations/mine")).StatusCode);

        var refreshed = await Client(browser).RefreshTokenAsync(result.RefreshToken);
        Assert.False(refreshed.IsError, refreshed.Error);
        Assert.NotEqual(result.RefreshToken, refreshed.RefreshToken);
    }

    [Fact]
    public async Task A_wrong_password_on_the_sign_in_page_gives_no_code()
    {
        var invitee = await Network.RecordPersonAsync("Kofi Annan-Mensah");
        await Network.InvitedAndSignedInAsync(invitee);
        var browser = new SignInPageBrowser(invitee.Email, "not the passphrase at all");

        var result = await Client(browser).LoginAsync(new LoginRequest());

        Assert.True(result.IsError);
        Assert.Equal(HttpStatusCode.BadRequest, browser.LastPage?.Status);
        Assert.Contains("role=\"alert\"", browser.LastPage?.Html);
    }

    [Fact]
    public async Task Without_pkce_the_provider_refuses_the_authorization_request()
    {
        using var http = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = Network.Gateway.Address };
        var response = await http.GetAsync("/connect/authorize?client_id=network-web&response_type=code&scope=openid"
            + "&redirect_uri=" + Uri.EscapeDataString("http://127.0.0.1/callback") + "&state=abc");
        var problem = await response.AssertProblem(HttpStatusCode.BadRequest);
        Assert.Equal("invalid_request", problem.GetProperty("error").GetString());
        Assert.Contains("code_challenge", problem.GetProperty("error_description").GetString());
        Assert.Null(response.Headers.Location); // no code, and no redirect carrying one
    }
}
