using Network.Platform.Text;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Network.Directory.Organisations;
using Network.Directory.Organisations.Viewing;
using Network.Platform.Http;
using Network.Tests.Hosting;
using Xunit;

namespace Network.Tests.Directory;

/// <summary>
/// The full profile, visibility and duplicate names through the Gateway with a token, as clients use it:
/// given this state, when this request, then this response (and for bad input: nothing stored).
/// </summary>
public class OrganisationProfileApiTests(NetworkFixture fixture) : IClassFixture<NetworkFixture>
{
    const string Api = "/api/directory";
    NetworkUnderTest Network => fixture.Network;
    HttpClient Staff => Network.Gateway.NewClient(Network.StaffToken);
    HttpClient Anonymous => Network.Gateway.NewClient();
    Task<HttpClient> MemberOf(params Guid[] organisations) => Network.MemberAsync(organisations);

    static string Unique(string name) => $"{name} {Guid.NewGuid():N}"[..(name.Length + 9)];

    static object FullProfile(string? name = null, string ags = "05314000", string visibility = "Public") => new
    {
        name = name ?? Unique("Afrika Forum Bonn"),
        kind = "MigrantOrganisation",
        municipalityAgs = ags,
        shortDescription = "Development work from Bonn.",
        description = new { de = "Entwicklungsprojekte zwischen Bonn und Ghana.", en = "Development projects between Bonn and Ghana." },
        address = new { street = "Musterweg 1", postalCode = "53111", city = "Bonn" },
        website = "https://afrika-forum.example",
        countries = new[] { "gh", "SN" },
        themes = new[] { "migration-and-development", "fair-trade" },
        languages = new[] { "de", "fr" },
        sdgs = new[] { 4, 17 },
        contactEmail = "info@afrika-forum.example",
        visibility,
    };

    async Task<OrganisationResponse> Register(HttpClient client, object body) =>
        await (await client.PostJson($"{Api}/organisations", body)).ReadAs<OrganisationResponse>(HttpStatusCode.Created);

    async Task<OrganisationResponse> RegisterVerified(object body)
    {
        var organisation = await Register(Staff, body);
        await (await Staff.PostAsync($"{Api}/organisations/{organisation.Id}/verification", null)).ReadAs<OrganisationResponse>();
        return organisation;
    }

    static StringContent Json(object body) => new(JsonSerializer.Serialize(body, HttpAssertions.Json), Encoding.UTF8, "application/json");

    static HttpRequestMessage Put(string url, object body, string? ifMatch = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Put, url) { Content = Json(body) };
        if (ifMatch is not null) request.Headers.IfMatch.Add(new EntityTagHeaderValue(ifMatch));
        return request;
    }

    // Marten fills the sequence numbers a rolled-back append reserved with tombstone events; they are not changes.
    Task<long> Events() => HttpAssertions.StoredEvents(Network.DirectoryDatabase);

    [Fact]
    public async Task A_member_registers_the_full_profile_and_reads_it_back_normalised()
    {
        var member = await MemberOf();
        var registered = await Register(member, FullProfile());

        Assert.Equal(VerificationState.Pending, registered.Verification);
        Assert.Equal(["GH", "SN"], registered.Countries);
        Assert.Equal(["fair-trade", "migration-and-development"], registered.Themes);
        Assert.Equal(["de", "fr"], registered.Languages);
        Assert.Equal([4, 17], registered.Sdgs);
        Assert.Equal(new LocalizedText("Entwicklungsprojekte zwischen Bonn und Ghana.", "Development projects between Bonn and Ghana."), registered.Description);
        Assert.Equal(new PostalAddress("Musterweg 1", "53111", "Bonn"), registered.Address);
        Assert.Equal(("https://afrika-forum.example", "info@afrika-forum.example"), (registered.Website, registered.ContactEmail));
        Assert.Equal("Nordrhein-Westfalen", registered.FederalState);
        Assert.False(registered.IsShadow);

        var read = await (await Staff.GetAsync($"{Api}/organisations/{registered.Id}")).ReadAs<OrganisationResponse>();
        Assert.Equal(registered.Countries, read.Countries);
        Assert.Equal(registered.Description, read.Description);
    }

    public static TheoryData<string, string, string> BadProfiles => new()
    {
        { "wrong AGS", """{"name":"A","kind":"OneWorldGroup","municipalityAgs":"0531400","shortDescription":"x"}""", "municipalityAgs" },
        { "unknown kind", """{"name":"A","kind":"Circus","municipalityAgs":"05314000","shortDescription":"x"}""", "kind" },
        { "unknown country", """{"name":"A","kind":"OneWorldGroup","municipalityAgs":"05314000","shortDescription":"x","countries":["XX"]}""", "countries" },
        { "ISO 639-2 language", """{"name":"A","kind":"OneWorldGroup","municipalityAgs":"05314000","shortDescription":"x","languages":["deu"]}""", "languages" },
        { "unknown theme", """{"name":"A","kind":"OneWorldGroup","municipalityAgs":"05314000","shortDescription":"x","themes":["astrology"]}""", "themes" },
        { "SDG 18", """{"name":"A","kind":"OneWorldGroup","municipalityAgs":"05314000","shortDescription":"x","sdgs":[18]}""", "sdgs" },
        { "bad e-mail", """{"name":"A","kind":"OneWorldGroup","municipalityAgs":"05314000","shortDescription":"x","contactEmail":"info(at)example.org"}""", "contactEmail" },
        { "relative website", """{"name":"A","kind":"OneWorldGroup","municipalityAgs":"05314000","shortDescription":"x","website":"www.example.org"}""", "website" },
        { "unknown visibility", """{"name":"A","kind":"OneWorldGroup","municipalityAgs":"05314000","shortDescription":"x","visibility":"Secret"}""", "visibility" },
        { "over-long English description", $$$"""{"name":"A","kind":"OneWorldGroup","municipalityAgs":"05314000","shortDescription":"x","description":{"en":"{{{new string('e', 10_001)}}}"}}""", "description.en" },
        { "over-long name", $$"""{"name":"{{new string('n', 201)}}","kind":"OneWorldGroup","municipalityAgs":"05314000","shortDescription":"x"}""", "name" },
    };

    [Theory]
    [MemberData(nameof(BadProfiles))]
    public async Task A_bad_profile_gets_a_problem_naming_the_field_and_stores_nothing(string why, string body, string field)
    {
        var before = await Events();

        var response = await (await MemberOf()).PostAsync($"{Api}/organisations", new StringContent(body, Encoding.UTF8, "application/json"));

        var problem = await response.AssertProblem(HttpStatusCode.BadRequest);
        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), $"{why}: no error for '{field}' in {problem}");
        Assert.Equal(before, await Events());
    }

    [Fact]
    public async Task Public_callers_see_only_verified_public_entries_members_also_members_ones_staff_everything()
    {
        const string kiel = "01002000";
        var open = await RegisterVerified(FullProfile(Unique("Kiel open"), kiel, "Public"));
        var membersOnly = await RegisterVerified(FullProfile(Unique("Kiel members"), kiel, "Members"));
        var staffOnly = await RegisterVerified(FullProfile(Unique("Kiel staff"), kiel, "Staff"));
        var pending = await Register(Staff, FullProfile(Unique("Kiel pending"), kiel, "Public"));

        async Task<IReadOnlyList<Guid>> Listed(HttpClient client) =>
            (await (await client.GetAsync($"{Api}/organisations?municipality={kiel}&pageSize=100")).ReadAs<Page<OrganisationResponse>>())
            .Items.Select(o => o.Id).ToList();

        Assert.Equal([open.Id], await Listed(Anonymous));
        Assert.Equal(new[] { open.Id, membersOnly.Id }.Order(), (await Listed(await MemberOf())).Order());
        Assert.Equal(new[] { open.Id, membersOnly.Id, staffOnly.Id, pending.Id }.Order(), (await Listed(Staff)).Order());
        // Whoever acts for an organisation sees their own, whatever its state.
        Assert.Contains(pending.Id, await Listed(await MemberOf(pending.Id)));
        Assert.Contains(staffOnly.Id, await Listed(await MemberOf(staffOnly.Id)));

        await (await Anonymous.GetAsync($"{Api}/organisations/{membersOnly.Id}")).AssertProblem(HttpStatusCode.NotFound);
        await (await Anonymous.GetAsync($"{Api}/organisations/{pending.Id}")).AssertProblem(HttpStatusCode.NotFound);
        await (await (await MemberOf()).GetAsync($"{Api}/organisations/{staffOnly.Id}")).AssertProblem(HttpStatusCode.NotFound);
        Assert.Equal(membersOnly.Id, (await (await (await MemberOf()).GetAsync($"{Api}/organisations/{membersOnly.Id}")).ReadAs<OrganisationResponse>()).Id);
        Assert.Equal(staffOnly.Id, (await (await (await MemberOf(staffOnly.Id)).GetAsync($"{Api}/organisations/{staffOnly.Id}")).ReadAs<OrganisationResponse>()).Id);
    }

    [Fact]
    public async Task An_update_changes_what_it_sends_and_keeps_what_it_leaves_out()
    {
        var organisation = await Register(Staff, FullProfile());
        var member = await MemberOf(organisation.Id);

        var updated = await (await member.SendAsync(Put($"{Api}/organisations/{organisation.Id}/profile",
            new { name = organisation.Name, shortDescription = "New teaser", countries = Array.Empty<string>(), sdgs = new[] { 5 } },
            "\"1\""))).ReadAs<OrganisationResponse>();

        Assert.Equal(("New teaser", 2L), (updated.ShortDescription, updated.Version));
        Assert.Empty(updated.Countries!);
        Assert.Equal([5], updated.Sdgs);
        Assert.Equal(organisation.Themes, updated.Themes);
        Assert.Equal(organisation.Description, updated.Description);
        Assert.Equal(organisation.ContactEmail, updated.ContactEmail);
    }

    [Fact]
    public async Task A_bad_update_a_stale_if_match_or_a_kind_change_by_a_member_changes_nothing()
    {
        var organisation = await Register(Staff, FullProfile());
        var member = await MemberOf(organisation.Id);
        var before = await Events();

        var badCountry = await member.SendAsync(Put($"{Api}/organisations/{organisation.Id}/profile",
            new { name = "x", shortDescription = "x", countries = new[] { "XX" } }));
        await badCountry.AssertProblem(HttpStatusCode.BadRequest);
        var kindChange = await member.SendAsync(Put($"{Api}/organisations/{organisation.Id}/profile",
            new { name = organisation.Name, shortDescription = "x", kind = "UmbrellaOrganisation" }));
        await kindChange.AssertProblem(HttpStatusCode.Forbidden);
        var stale = await member.SendAsync(Put($"{Api}/organisations/{organisation.Id}/profile",
            new { name = "Stale", shortDescription = "x" }, "\"7\""));
        await stale.AssertProblem(HttpStatusCode.PreconditionFailed);
        var otherMember = await (await MemberOf(Guid.NewGuid())).SendAsync(Put($"{Api}/organisations/{organisation.Id}/profile",
            new { name = "Hijacked", shortDescription = "x" }));
        await otherMember.AssertProblem(HttpStatusCode.Forbidden);
        var unknown = await Staff.SendAsync(Put($"{Api}/organisations/{Guid.NewGuid()}/profile", new { name = "x", shortDescription = "x" }));
        await unknown.AssertProblem(HttpStatusCode.NotFound);

        Assert.Equal(before, await Events());
        var current = await (await Staff.GetAsync($"{Api}/organisations/{organisation.Id}")).ReadAs<OrganisationResponse>();
        Assert.Equal((organisation.Name, OrganisationKind.MigrantOrganisation, 1L), (current.Name, current.Kind, current.Version));
    }

    [Fact]
    public async Task Staff_change_the_kind()
    {
        var organisation = await Register(await MemberOf(), FullProfile());

        var updated = await (await Staff.SendAsync(Put($"{Api}/organisations/{organisation.Id}/profile",
            new { name = organisation.Name, shortDescription = organisation.ShortDescription, kind = "UmbrellaOrganisation" })))
            .ReadAs<OrganisationResponse>();

        Assert.Equal(OrganisationKind.UmbrellaOrganisation, updated.Kind);
    }

    [Fact]
    public async Task A_duplicate_name_in_the_same_municipality_is_a_409_naming_the_existing_organisation()
    {
        var name = Unique("Eine Welt Leipzig");
        var existing = await Register(Staff, FullProfile(name, "14713000"));
        var before = await Events();

        var duplicate = await (await MemberOf()).PostJson($"{Api}/organisations", FullProfile($"  {name.ToUpperInvariant()} ", "14713000"));

        var problem = await duplicate.AssertProblem(HttpStatusCode.Conflict);
        Assert.Equal(existing.Id, problem.GetProperty("existingOrganisationId").GetGuid());
        Assert.Equal(existing.Name, problem.GetProperty("existingOrganisationName").GetString());
        Assert.Contains(existing.Id.ToString(), problem.GetProperty("detail").GetString());
        Assert.Equal(before, await Events());

        // The same name elsewhere is another organisation.
        await Register(Staff, FullProfile(name, "09162000"));
    }

    [Fact]
    public async Task Renaming_onto_a_name_taken_in_the_municipality_is_a_409_and_changes_nothing()
    {
        var taken = await Register(Staff, FullProfile(Unique("Düren hilft"), "05358008"));
        var other = await Register(Staff, FullProfile(Unique("Düren global"), "05358008"));

        var rename = await (await MemberOf(other.Id)).SendAsync(Put($"{Api}/organisations/{other.Id}/profile",
            new { name = taken.Name.ToLowerInvariant(), shortDescription = "x" }));

        var problem = await rename.AssertProblem(HttpStatusCode.Conflict);
        Assert.Equal(taken.Id, problem.GetProperty("existingOrganisationId").GetGuid());
        var current = await (await Staff.GetAsync($"{Api}/organisations/{other.Id}")).ReadAs<OrganisationResponse>();
        Assert.Equal((other.Name, 1L), (current.Name, current.Version));

        // Keeping one's own name (in other case) is no duplicate.
        var recased = await (await (await MemberOf(other.Id)).SendAsync(Put($"{Api}/organisations/{other.Id}/profile",
            new { name = other.Name.ToUpperInvariant(), shortDescription = "x" }))).ReadAs<OrganisationResponse>();
        Assert.Equal(other.Name.ToUpperInvariant(), recased.Name);
    }

    [Fact]
    public async Task Of_parallel_registrations_of_one_name_exactly_one_wins_the_others_are_told_which()
    {
        var name = Unique("Parallel München");
        var before = await Events();

        var members = await Task.WhenAll(Enumerable.Range(0, 12).Select(_ => MemberOf()));
        var responses = await Task.WhenAll(members.Select((member, i) =>
            member.PostJson($"{Api}/organisations", FullProfile(i % 2 == 0 ? name : name.ToUpperInvariant(), "09162000"))));

        var winner = await Assert.Single(responses, r => r.StatusCode == HttpStatusCode.Created).ReadAs<OrganisationResponse>(HttpStatusCode.Created);
        var losers = responses.Where(r => r.StatusCode != HttpStatusCode.Created).ToList();
        Assert.Equal(11, losers.Count);
        foreach (var loser in losers)
            Assert.Equal(winner.Id, (await loser.AssertProblem(HttpStatusCode.Conflict)).GetProperty("existingOrganisationId").GetGuid());
        Assert.Equal(before + 1, await Events());
    }
}
