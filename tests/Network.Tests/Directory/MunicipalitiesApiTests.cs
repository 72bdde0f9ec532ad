using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Network.Directory.Municipalities;
using Network.Directory.Municipalities.Partnerships.Viewing;
using Network.Directory.Municipalities.Viewing;
using Network.Platform.Http;
using Network.Tests.Hosting;
using Network.Tests.Infrastructure;
using Npgsql;
using Xunit;

namespace Network.Tests.Directory;

/// <summary>Federal states, municipalities and North-South partnerships, through the Gateway with tokens, on the real services.</summary>
public class MunicipalitiesApiTests(NetworkFixture fixture) : IClassFixture<NetworkFixture>
{
    NetworkUnderTest Network => fixture.Network;
    HttpClient Staff => Network.Gateway.NewClient(Network.StaffToken);
    HttpClient Anonymous => Network.Gateway.NewClient();

    static StringContent Json(string body) => new(body, Encoding.UTF8, "application/json");

    Task<long> Events() => HttpAssertions.StoredEvents(Network.DirectoryDatabase);

    static async Task<long> MunicipalityAddedEvents(string database)
    {
        await using var connection = new NpgsqlConnection(database);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("select count(*) from mt_events where type = 'municipality_added'", connection);
        return (long)(await command.ExecuteScalarAsync())!;
    }

    [Fact]
    public async Task Anybody_reads_the_sixteen_federal_states()
    {
        var states = await (await Anonymous.GetAsync("/api/directory/federal-states")).ReadAs<List<FederalStateInfo>>();

        Assert.Equal(16, states.Count);
        Assert.Contains(new FederalStateInfo("05", "Nordrhein-Westfalen"), states);
        Assert.Contains(new FederalStateInfo("14", "Sachsen"), states);
    }

    [Fact]
    public async Task The_five_pilot_cities_are_there_from_the_start_for_anybody()
    {
        var pilots = await (await Anonymous.GetAsync("/api/directory/municipalities?pilot=true")).ReadAs<Page<MunicipalityResponse>>();

        Assert.Equal(
            ["Bonn 05314000 Nordrhein-Westfalen", "Düren 05358008 Nordrhein-Westfalen", "Kiel 01002000 Schleswig-Holstein",
             "Leipzig 14713000 Sachsen", "München 09162000 Bayern"],
            pilots.Items.Select(m => $"{m.Name} {m.Ags} {m.FederalState}"));
        var dueren = await (await Anonymous.GetAsync("/api/directory/municipalities/05358008")).ReadAs<MunicipalityResponse>();
        Assert.True(dueren.IsPilot);
        Assert.Equal("05", dueren.FederalStateCode);
    }

    [Fact]
    public async Task Municipalities_are_filtered_by_federal_state_and_name_and_paged()
    {
        var nrw = await (await Anonymous.GetAsync("/api/directory/municipalities?state=05&pageSize=1")).ReadAs<Page<MunicipalityResponse>>();
        Assert.True(nrw.TotalItems >= 2);
        Assert.Single(nrw.Items);
        Assert.True(nrw.HasNextPage);
        Assert.Equal("Bonn", nrw.Items[0].Name);

        var bavaria = await (await Anonymous.GetAsync("/api/directory/municipalities?state=09")).ReadAs<Page<MunicipalityResponse>>();
        Assert.All(bavaria.Items, m => Assert.Equal("Bayern", m.FederalState));
        Assert.Contains(bavaria.Items, m => m.Name == "München");

        var byName = await (await Anonymous.GetAsync("/api/directory/municipalities?name=KIE")).ReadAs<Page<MunicipalityResponse>>();
        Assert.Equal("01002000", Assert.Single(byName.Items).Ags);
    }

    [Fact]
    public async Task Staff_add_a_municipality_by_AGS_and_name_and_everybody_sees_it()
    {
        var response = await Staff.PostJson("/api/directory/municipalities", new { ags = "06411000", name = "Darmstadt" });

        var added = await response.ReadAs<MunicipalityResponse>(HttpStatusCode.Created);
        Assert.Equal("/api/directory/municipalities/06411000", response.Headers.Location?.OriginalString);
        Assert.Equal(("Darmstadt", "Hessen", false), (added.Name, added.FederalState, added.IsPilot));
        var read = await (await Anonymous.GetAsync("/api/directory/municipalities/06411000")).ReadAs<MunicipalityResponse>();
        Assert.Equal("Darmstadt", read.Name);
        var hessen = await (await Anonymous.GetAsync("/api/directory/municipalities?state=06")).ReadAs<Page<MunicipalityResponse>>();
        Assert.Contains(hessen.Items, m => m.Ags == "06411000");
    }

    [Fact]
    public async Task Only_staff_add_municipalities()
    {
        var before = await Events();
        var member = await Network.MemberAsync(Guid.NewGuid());

        await (await member.PostJson("/api/directory/municipalities", new { ags = "03241001", name = "Hannover" })).AssertProblem(HttpStatusCode.Forbidden);
        await (await Anonymous.PostJson("/api/directory/municipalities", new { ags = "03241001", name = "Hannover" })).AssertProblem(HttpStatusCode.Unauthorized);

        Assert.Equal(before, await Events());
        await (await Anonymous.GetAsync("/api/directory/municipalities/03241001")).AssertProblem(HttpStatusCode.NotFound);
    }

    public static TheoryData<string, string, HttpStatusCode, string?> BadMunicipalities => new()
    {
        { "seven digits", """{"ags":"0331000","name":"Potsdam"}""", HttpStatusCode.BadRequest, "ags" },
        { "letters", """{"ags":"12O54000","name":"Potsdam"}""", HttpStatusCode.BadRequest, "ags" },
        { "no federal state 17", """{"ags":"17054000","name":"Potsdam"}""", HttpStatusCode.BadRequest, "ags" },
        { "missing AGS", """{"name":"Potsdam"}""", HttpStatusCode.BadRequest, "ags" },
        { "missing name", """{"ags":"12054000"}""", HttpStatusCode.BadRequest, "name" },
        { "over-long name", $$"""{"ags":"12054000","name":"{{new string('P', 201)}}"}""", HttpStatusCode.BadRequest, "name" },
        { "AGS as a number", """{"ags":12054000,"name":"Potsdam"}""", HttpStatusCode.BadRequest, "ags" },
        { "not JSON", """{"ags":""", HttpStatusCode.BadRequest, null },
        { "existing AGS", """{"ags":"05314000","name":"Bonn again"}""", HttpStatusCode.Conflict, null },
    };

    [Theory]
    [MemberData(nameof(BadMunicipalities))]
    public async Task A_bad_municipality_gets_a_problem_response_and_stores_nothing(string why, string body, HttpStatusCode status, string? field)
    {
        var before = await Events();

        var problem = await (await Staff.PostAsync("/api/directory/municipalities", Json(body))).AssertProblem(status);

        if (field is not null)
            Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), $"{why}: no error for '{field}' in {problem}");
        Assert.Equal(before, await Events());
        var bonn = await (await Anonymous.GetAsync("/api/directory/municipalities/05314000")).ReadAs<MunicipalityResponse>();
        Assert.Equal("Bonn", bonn.Name);
    }

    [Theory]
    [InlineData("/api/directory/municipalities/0531400", HttpStatusCode.BadRequest)]
    [InlineData("/api/directory/municipalities/99314000", HttpStatusCode.BadRequest)]
    [InlineData("/api/directory/municipalities/07999999", HttpStatusCode.NotFound)]
    [InlineData("/api/directory/municipalities?state=17", HttpStatusCode.BadRequest)]
    [InlineData("/api/directory/municipalities?state=Bayern", HttpStatusCode.BadRequest)]
    [InlineData("/api/directory/municipalities?pageSize=0", HttpStatusCode.BadRequest)]
    [InlineData("/api/directory/municipalities/07999999/partnerships", HttpStatusCode.NotFound)]
    [InlineData("/api/directory/municipalities/0799/partnerships", HttpStatusCode.BadRequest)]
    public async Task Bad_or_unknown_keys_in_reads_are_problems(string url, HttpStatusCode status) =>
        await (await Anonymous.GetAsync(url)).AssertProblem(status);

    [Fact]
    public async Task Replicas_starting_together_on_a_new_database_load_each_pilot_city_once()
    {
        var database = await TestServers.CreateDatabaseAsync("directory-pilots");
        var settings = Network.Settings("directory-db", database);
        var replicas = await Task.WhenAll(Enumerable.Range(0, 2).Select(_ =>
            Task.Run(() => new ServiceUnderTest<Network.Directory.IntegrationEvents>(settings).Start())));
        try
        {
            foreach (var replica in replicas)
            {
                var pilots = await (await replica.NewClient().GetAsync("/municipalities?pilot=true")).ReadAs<Page<MunicipalityResponse>>();
                Assert.Equal(5, pilots.TotalItems);
            }
            Assert.Equal(5, await MunicipalityAddedEvents(database));

            // A restart finds them loaded and adds nothing.
            await using var restarted = new ServiceUnderTest<Network.Directory.IntegrationEvents>(settings).Start();
            (await restarted.NewClient().GetAsync("/municipalities/05314000")).EnsureSuccessStatusCode();
            Assert.Equal(5, await MunicipalityAddedEvents(database));
        }
        finally
        {
            foreach (var replica in replicas) await replica.DisposeAsync();
        }
    }

    // North-South partnerships

    static object CapeCoast(string name = "Cape Coast", string country = "GH") =>
        new { partnerName = name, partnerCountry = country, since = "2012-05-01", topics = new[] { "water", "schools" }, notes = "Started by a One World group." };

    async Task<(PartnershipResponse Partnership, string ETag)> Record(string ags, object body)
    {
        var response = await Staff.PostJson($"/api/directory/municipalities/{ags}/partnerships", body);
        var partnership = await response.ReadAs<PartnershipResponse>(HttpStatusCode.Created);
        Assert.Equal($"/api/directory/municipalities/{ags}/partnerships/{partnership.Id}", response.Headers.Location?.OriginalString);
        return (partnership, response.Headers.ETag!.Tag);
    }

    [Fact]
    public async Task Staff_record_a_partnership_abroad_that_anybody_can_read_and_staff_can_end()
    {
        var (recorded, etag) = await Record("14713000", CapeCoast($"Addis Abeba {Guid.NewGuid():N}", "et"));
        Assert.Equal("\"1\"", etag);
        Assert.Equal(("ET", new DateOnly(2012, 5, 1), true), (recorded.PartnerCountry, recorded.Since, recorded.IsActive));

        var listed = await (await Anonymous.GetAsync("/api/directory/municipalities/14713000/partnerships")).ReadAs<List<PartnershipResponse>>();
        Assert.Contains(listed, p => p.Id == recorded.Id);
        var fetched = await Anonymous.GetAsync($"/api/directory/municipalities/14713000/partnerships/{recorded.Id}");
        Assert.Equal("\"1\"", fetched.Headers.ETag?.Tag);

        var end = new HttpRequestMessage(HttpMethod.Post, $"/api/directory/municipalities/14713000/partnerships/{recorded.Id}/end")
        {
            Content = Json("""{"endedOn":"2024-12-31","note":"Funding ended."}"""),
        };
        end.Headers.IfMatch.Add(new EntityTagHeaderValue("\"1\""));
        var ended = await Staff.SendAsync(end);
        Assert.Equal("\"2\"", ended.Headers.ETag?.Tag);
        Assert.False((await ended.ReadAs<PartnershipResponse>()).IsActive);

        var active = await (await Anonymous.GetAsync("/api/directory/municipalities/14713000/partnerships")).ReadAs<List<PartnershipResponse>>();
        Assert.DoesNotContain(active, p => p.Id == recorded.Id);
        var all = await (await Anonymous.GetAsync("/api/directory/municipalities/14713000/partnerships?includeEnded=true")).ReadAs<List<PartnershipResponse>>();
        Assert.Equal(new DateOnly(2024, 12, 31), all.Single(p => p.Id == recorded.Id).EndedOn);
    }

    [Fact]
    public async Task Ending_with_a_stale_If_Match_or_twice_changes_nothing()
    {
        var (recorded, _) = await Record("01002000", CapeCoast($"Tansania {Guid.NewGuid():N}", "TZ"));
        var url = $"/api/directory/municipalities/01002000/partnerships/{recorded.Id}/end";
        var before = await Events();

        var stale = new HttpRequestMessage(HttpMethod.Post, url) { Content = Json("""{"endedOn":"2024-12-31"}""") };
        stale.Headers.IfMatch.Add(new EntityTagHeaderValue("\"7\""));
        await (await Staff.SendAsync(stale)).AssertProblem(HttpStatusCode.PreconditionFailed);
        Assert.Equal(before, await Events());

        (await Staff.PostAsync(url, Json("""{"endedOn":"2024-12-31"}"""))).EnsureSuccessStatusCode();
        await (await Staff.PostAsync(url, Json("""{"endedOn":"2025-01-31"}"""))).AssertProblem(HttpStatusCode.Conflict);
        Assert.Equal(before + 1, await Events());
        // The wrong municipality in the path does not find it.
        await (await Staff.PostAsync($"/api/directory/municipalities/05314000/partnerships/{recorded.Id}/end", Json("""{"endedOn":"2024-12-31"}""")))
            .AssertProblem(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Only_staff_record_and_end_partnerships()
    {
        var (recorded, _) = await Record("09162000", CapeCoast($"Harare {Guid.NewGuid():N}", "ZW"));
        var member = await Network.MemberAsync(Guid.NewGuid());
        var before = await Events();

        await (await member.PostJson("/api/directory/municipalities/09162000/partnerships", CapeCoast())).AssertProblem(HttpStatusCode.Forbidden);
        await (await Anonymous.PostJson("/api/directory/municipalities/09162000/partnerships", CapeCoast())).AssertProblem(HttpStatusCode.Unauthorized);
        await (await member.PostAsync($"/api/directory/municipalities/09162000/partnerships/{recorded.Id}/end", Json("""{"endedOn":"2024-12-31"}""")))
            .AssertProblem(HttpStatusCode.Forbidden);

        Assert.Equal(before, await Events());
    }

    public static TheoryData<string, string, string, HttpStatusCode, string?> BadPartnerships => new()
    {
        { "bad AGS", "0531400", """{"partnerName":"Cape Coast","partnerCountry":"GH","since":"2012-05-01"}""", HttpStatusCode.BadRequest, "ags" },
        { "unknown municipality", "07999999", """{"partnerName":"Cape Coast","partnerCountry":"GH","since":"2012-05-01"}""", HttpStatusCode.NotFound, null },
        { "bad country", "05314000", """{"partnerName":"Cape Coast","partnerCountry":"XX","since":"2012-05-01"}""", HttpStatusCode.BadRequest, "partnerCountry" },
        { "German partner", "05314000", """{"partnerName":"Köln","partnerCountry":"DE","since":"2012-05-01"}""", HttpStatusCode.BadRequest, "partnerCountry" },
        { "missing partner", "05314000", """{"partnerCountry":"GH","since":"2012-05-01"}""", HttpStatusCode.BadRequest, "partnerName" },
        { "missing since", "05314000", """{"partnerName":"Cape Coast","partnerCountry":"GH"}""", HttpStatusCode.BadRequest, "since" },
        { "not a date", "05314000", """{"partnerName":"Cape Coast","partnerCountry":"GH","since":"last spring"}""", HttpStatusCode.BadRequest, "since" },
        { "future", "05314000", """{"partnerName":"Cape Coast","partnerCountry":"GH","since":"2999-01-01"}""", HttpStatusCode.BadRequest, "since" },
        { "over-long notes", "05314000", $$"""{"partnerName":"Cape Coast","partnerCountry":"GH","since":"2012-05-01","notes":"{{new string('n', 4001)}}"}""", HttpStatusCode.BadRequest, "notes" },
        { "over-long partner", "05314000", $$"""{"partnerName":"{{new string('n', 201)}}","partnerCountry":"GH","since":"2012-05-01"}""", HttpStatusCode.BadRequest, "partnerName" },
    };

    [Theory]
    [MemberData(nameof(BadPartnerships))]
    public async Task A_bad_partnership_gets_a_problem_response_and_stores_nothing(string why, string ags, string body, HttpStatusCode status, string? field)
    {
        var before = await Events();

        var problem = await (await Staff.PostAsync($"/api/directory/municipalities/{ags}/partnerships", Json(body))).AssertProblem(status);

        if (field is not null)
            Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), $"{why}: no error for '{field}' in {problem}");
        Assert.Equal(before, await Events());
    }

    [Fact]
    public async Task The_same_active_partnership_twice_is_a_conflict_naming_the_first()
    {
        var partner = $"Ouagadougou {Guid.NewGuid():N}";
        var (first, _) = await Record("05358008", CapeCoast(partner, "BF"));
        var before = await Events();

        var problem = await (await Staff.PostJson("/api/directory/municipalities/05358008/partnerships", CapeCoast(partner.ToUpperInvariant(), "bf")))
            .AssertProblem(HttpStatusCode.Conflict);

        Assert.Contains(first.Id.ToString(), problem.GetProperty("detail").GetString());
        Assert.Equal(before, await Events());
    }
}
