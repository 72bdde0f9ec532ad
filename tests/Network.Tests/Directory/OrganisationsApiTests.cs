using System.Net;
using System.Net.Http.Headers;
using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using Network.Directory.Organisations;
using Network.Directory.Organisations.Viewing;
using Network.Platform.Auth;
using Network.Platform.Http;
using Network.Tests.Hosting;
using Xunit;

namespace Network.Tests.Directory;

/// <summary>Given this state, when this request (over HTTP, to the real service), then this response.</summary>
public class OrganisationsApiTests(NetworkFixture fixture) : IClassFixture<NetworkFixture>
{
    NetworkUnderTest Network => fixture.Network;

    static object NewOrganisation(string name = "Afrika Forum Bonn", string ags = "05314000", string kind = "MigrantOrganisation") =>
        new { name = $"{name} {Guid.NewGuid():N}", kind, municipalityAgs = ags, shortDescription = "Development work, locally." };

    async Task<(OrganisationResponse Organisation, string ETag)> Register(HttpClient client, object? body = null)
    {
        var response = await client.PostJson("/organisations", body ?? NewOrganisation());
        var organisation = await response.ReadAs<OrganisationResponse>(HttpStatusCode.Created);
        Assert.Equal($"/organisations/{organisation.Id}", response.Headers.Location?.OriginalString);
        return (organisation, response.Headers.ETag!.Tag);
    }

    [Fact]
    public async Task A_registered_organisation_is_pending_and_readable_by_staff_with_its_version_as_etag()
    {
        var staff = Network.DirectoryAsStaff();
        var (registered, etag) = await Register(staff);

        Assert.Equal("\"1\"", etag);
        Assert.Equal(VerificationState.Pending, registered.Verification);
        Assert.Equal("Nordrhein-Westfalen", registered.FederalState);

        var fetched = await staff.GetAsync($"/organisations/{registered.Id}");
        Assert.Equal("\"1\"", fetched.Headers.ETag?.Tag);
        Assert.Equal(registered.Name, (await fetched.ReadAs<OrganisationResponse>()).Name);
    }

    [Fact]
    public async Task Anonymous_callers_see_an_organisation_only_once_staff_verified_it()
    {
        var staff = Network.DirectoryAsStaff();
        var anonymous = Network.Directory.NewClient();
        var (registered, _) = await Register(staff);

        await (await anonymous.GetAsync($"/organisations/{registered.Id}")).AssertProblem(HttpStatusCode.NotFound);

        var verify = await staff.PostAsync($"/organisations/{registered.Id}/verification", null);
        Assert.Equal("\"2\"", verify.Headers.ETag?.Tag);
        var verified = await (await anonymous.GetAsync($"/organisations/{registered.Id}")).ReadAs<OrganisationResponse>();
        Assert.Equal(VerificationState.Verified, verified.Verification);
    }

    [Fact]
    public async Task Only_staff_verify_and_only_signed_in_people_register()
    {
        var (registered, _) = await Register(Network.DirectoryAsStaff());
        var member = Network.Directory.NewClient((await Network.PersonAsync("Mia Member", registered.Id)).AccessToken);

        await (await member.PostAsync($"/organisations/{registered.Id}/verification", null)).AssertProblem(HttpStatusCode.Forbidden);
        await (await Network.Directory.NewClient().PostJson("/organisations", NewOrganisation())).AssertProblem(HttpStatusCode.Unauthorized);
        var forged = Network.Directory.NewClient(ForgedStaffToken(Network.Identity.Issuer));
        await (await forged.PostJson("/organisations", NewOrganisation())).AssertProblem(HttpStatusCode.Unauthorized);
    }

    /// <summary>
    /// Everything a provider's staff token says (issuer, audience, type, RS256), signed with a key the provider never
    /// published: only the signature can make the Directory refuse it.
    /// </summary>
    static string ForgedStaffToken(string issuer)
    {
        using var rsa = RSA.Create(2048);
        return new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = issuer,
            Audience = ApiScopes.Directory,
            TokenType = "at+jwt",
            Subject = new ClaimsIdentity([new Claim(NetworkClaims.Subject, "forger"), new Claim(NetworkClaims.Name, "Forger"),
                new Claim(NetworkClaims.Role, Roles.Staff)]),
            Expires = DateTime.UtcNow.AddHours(1),
            SigningCredentials = new SigningCredentials(new RsaSecurityKey(rsa.ExportParameters(true)) { KeyId = "forged" },
                SecurityAlgorithms.RsaSha256),
        });
    }

    [Fact]
    public async Task A_member_changes_only_their_own_organisation()
    {
        var staff = Network.DirectoryAsStaff();
        var (own, _) = await Register(staff);
        var (other, _) = await Register(staff);
        var member = Network.Directory.NewClient((await Network.PersonAsync("Mia Member", own.Id)).AccessToken);

        var updated = await (await member.PutAsync($"/organisations/{own.Id}/profile",
            JsonContent(new { name = "Our new name", shortDescription = "Our new text" }))).ReadAs<OrganisationResponse>();
        Assert.Equal("Our new name", updated.Name);

        await (await member.PutAsync($"/organisations/{other.Id}/profile",
            JsonContent(new { name = "Hijacked", shortDescription = "x" }))).AssertProblem(HttpStatusCode.Forbidden);
        var untouched = await (await staff.GetAsync($"/organisations/{other.Id}")).ReadAs<OrganisationResponse>();
        Assert.Equal(other.Name, untouched.Name);
    }

    public static TheoryData<string, string, string?> BadRegistrations => new()
    {
        { "wrong AGS", """{"name":"A","kind":"OneWorldGroup","municipalityAgs":"123","shortDescription":"x"}""", "municipalityAgs" },
        { "AGS of no federal state", """{"name":"A","kind":"OneWorldGroup","municipalityAgs":"17000000","shortDescription":"x"}""", "municipalityAgs" },
        { "unknown kind", """{"name":"A","kind":"Circus","municipalityAgs":"05314000","shortDescription":"x"}""", "kind" },
        { "missing name", """{"kind":"OneWorldGroup","municipalityAgs":"05314000","shortDescription":"x"}""", "name" },
        { "over-long name", $$"""{"name":"{{new string('n', 201)}}","kind":"OneWorldGroup","municipalityAgs":"05314000","shortDescription":"x"}""", "name" },
        { "over-long description", $$"""{"name":"A","kind":"OneWorldGroup","municipalityAgs":"05314000","shortDescription":"{{new string('d', 1001)}}"}""", "shortDescription" },
        { "not JSON", """{"name": "A", """, null },
        { "a number for a name", """{"name":42,"kind":"OneWorldGroup","municipalityAgs":"05314000","shortDescription":"x"}""", "name" },
        { "empty body", "", null },
    };

    [Theory]
    [MemberData(nameof(BadRegistrations))]
    public async Task Bad_input_gets_a_problem_response_and_stores_nothing(string why, string body, string? field)
    {
        var eventsBefore = await HttpAssertions.StoredEvents(Network.DirectoryDatabase);

        var response = await Network.DirectoryAsStaff().PostAsync("/organisations", new StringContent(body, Encoding.UTF8, "application/json"));

        var problem = await response.AssertProblem(HttpStatusCode.BadRequest);
        if (field is not null)
            Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), $"{why}: no error for '{field}' in {problem}");
        Assert.DoesNotContain("Network.", problem.ToString()); // no internal type names
        Assert.Equal(eventsBefore, await HttpAssertions.StoredEvents(Network.DirectoryDatabase));
    }

    [Fact]
    public async Task A_body_that_is_not_json_is_unsupported_media_type()
    {
        var response = await Network.DirectoryAsStaff().PostAsync("/organisations", new StringContent("name=A", Encoding.UTF8, "text/plain"));
        await response.AssertProblem(HttpStatusCode.UnsupportedMediaType);
    }

    [Fact]
    public async Task An_unknown_id_is_a_404_problem_for_reads_and_writes()
    {
        var staff = Network.DirectoryAsStaff();
        var unknown = Guid.NewGuid();
        await (await staff.GetAsync($"/organisations/{unknown}")).AssertProblem(HttpStatusCode.NotFound);
        await (await staff.PostAsync($"/organisations/{unknown}/verification", null)).AssertProblem(HttpStatusCode.NotFound);
        await (await staff.GetAsync("/no-such-thing")).AssertProblem(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task A_stale_if_match_is_a_412_and_changes_nothing()
    {
        var staff = Network.DirectoryAsStaff();
        var (registered, etag) = await Register(staff);
        var first = new HttpRequestMessage(HttpMethod.Put, $"/organisations/{registered.Id}/profile")
        {
            Content = JsonContent(new { name = "First change", shortDescription = "x" }),
        };
        first.Headers.IfMatch.Add(new EntityTagHeaderValue(etag));
        var firstResponse = await staff.SendAsync(first);
        Assert.Equal("\"2\"", firstResponse.Headers.ETag?.Tag);

        var stale = new HttpRequestMessage(HttpMethod.Put, $"/organisations/{registered.Id}/profile")
        {
            Content = JsonContent(new { name = "Lost update", shortDescription = "y" }),
        };
        stale.Headers.IfMatch.Add(new EntityTagHeaderValue(etag));
        await (await staff.SendAsync(stale)).AssertProblem(HttpStatusCode.PreconditionFailed);

        var current = await (await staff.GetAsync($"/organisations/{registered.Id}")).ReadAs<OrganisationResponse>();
        Assert.Equal(("First change", 2L), (current.Name, current.Version));
    }

    [Fact]
    public async Task A_malformed_if_match_is_a_400()
    {
        var staff = Network.DirectoryAsStaff();
        var (registered, _) = await Register(staff);
        var request = new HttpRequestMessage(HttpMethod.Post, $"/organisations/{registered.Id}/verification");
        request.Headers.TryAddWithoutValidation("If-Match", "version-one");
        await (await staff.SendAsync(request)).AssertProblem(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task Fifty_parallel_updates_with_the_same_if_match_have_exactly_one_winner()
    {
        var staff = Network.DirectoryAsStaff();
        var (registered, etag) = await Register(staff);

        var responses = await Task.WhenAll(Enumerable.Range(0, 50).Select(async i =>
        {
            var request = new HttpRequestMessage(HttpMethod.Put, $"/organisations/{registered.Id}/profile")
            {
                Content = JsonContent(new { name = $"Writer {i}", shortDescription = "parallel" }),
            };
            request.Headers.IfMatch.Add(new EntityTagHeaderValue(etag));
            return await staff.SendAsync(request);
        }));

        Assert.Single(responses, r => r.StatusCode == HttpStatusCode.OK);
        Assert.Equal(49, responses.Count(r => r.StatusCode == HttpStatusCode.PreconditionFailed));
        var current = await (await staff.GetAsync($"/organisations/{registered.Id}")).ReadAs<OrganisationResponse>();
        Assert.Equal(2, current.Version);
    }

    [Fact]
    public async Task The_list_filters_by_municipality_and_kind_and_pages_sorted_by_name()
    {
        var staff = Network.DirectoryAsStaff();
        var kiel = "01002000";
        for (var i = 0; i < 3; i++)
            await Register(staff, new { name = $"Kiel group {i}", kind = "OneWorldGroup", municipalityAgs = kiel, shortDescription = "x" });
        await Register(staff, new { name = "Kiel office", kind = "OtherMunicipalOffice", municipalityAgs = kiel, shortDescription = "x" });

        var firstPage = await (await staff.GetAsync($"/organisations?municipality={kiel}&kind=OneWorldGroup&pageSize=2"))
            .ReadAs<Page<OrganisationResponse>>();
        var secondPage = await (await staff.GetAsync($"/organisations?municipality={kiel}&kind=OneWorldGroup&pageSize=2&page=2"))
            .ReadAs<Page<OrganisationResponse>>();

        Assert.Equal(3, firstPage.TotalItems);
        Assert.Equal(["Kiel group 0", "Kiel group 1", "Kiel group 2"], firstPage.Items.Concat(secondPage.Items).Select(o => o.Name));
        Assert.True(firstPage.HasNextPage);
        Assert.False(secondPage.HasNextPage);

        var anonymousView = await (await Network.Directory.NewClient().GetAsync($"/organisations?municipality={kiel}"))
            .ReadAs<Page<OrganisationResponse>>();
        Assert.Empty(anonymousView.Items);

        await (await staff.GetAsync("/organisations?municipality=12&pageSize=500")).AssertProblem(HttpStatusCode.BadRequest);
    }

    static StringContent JsonContent(object body) =>
        new(System.Text.Json.JsonSerializer.Serialize(body, HttpAssertions.Json), Encoding.UTF8, "application/json");
}
