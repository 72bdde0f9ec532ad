using System.Net;
using System.Net.Http.Headers;
using Network.Directory.Organisations.Viewing;
using Network.Forum.Organisations;
using Network.Tests.Hosting;
using Xunit;

namespace Network.Tests.EndToEnd;

/// <summary>The README's walk-through, as a newcomer does it: everything through the one front door.</summary>
public class ThroughTheGatewayTests(NetworkFixture fixture) : IClassFixture<NetworkFixture>
{
    [Fact]
    public async Task Staff_sign_in_register_and_verify_an_organisation_and_the_forum_shows_it()
    {
        var gateway = fixture.Network.Gateway.NewClient();
        // The README's sign-in: the standard token endpoint, the first-party command-line client's password grant.
        var token = await (await gateway.PostAsync("/connect/token", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "password", ["client_id"] = "network-cli",
            ["username"] = "staff@network.example", ["password"] = IdentityUnderTest.StaffPassword,
        }))).ReadAs<TokenAnswer>();
        Assert.Equal("Bearer", token.Token_type);
        gateway.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token.Access_token);

        var registered = await gateway.PostJson("/api/directory/organisations", new
        {
            name = $"Leipziger Forum Afrika {Guid.NewGuid():N}", kind = "MigrantOrganisation", municipalityAgs = "14713000",
            shortDescription = "Development projects between Leipzig and Ghana.",
        });
        var organisation = await registered.ReadAs<OrganisationResponse>(HttpStatusCode.Created);
        Assert.Equal("\"1\"", registered.Headers.ETag?.Tag);

        var verify = new HttpRequestMessage(HttpMethod.Post, $"/api/directory/organisations/{organisation.Id}/verification");
        verify.Headers.IfMatch.Add(new EntityTagHeaderValue("\"1\""));
        Assert.Equal("\"2\"", (await gateway.SendAsync(verify)).Headers.ETag?.Tag);

        var anonymous = fixture.Network.Gateway.NewClient();
        var member = await Eventually.Until(() => anonymous.GetAsync($"/api/forum/organisations/{organisation.Id}"),
            r => r.StatusCode == HttpStatusCode.OK, TimeSpan.FromSeconds(30), "the organisation in the forum");
        Assert.Equal(organisation.Name, (await member.ReadAs<MemberOrganisationResponse>()).Name);

        await (await anonymous.PostJson("/api/directory/organisations", new { name = "x" })).AssertProblem(HttpStatusCode.Unauthorized);
    }

    sealed record TokenAnswer(string Access_token, string Token_type, int Expires_in);
}
