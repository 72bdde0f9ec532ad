using System.Net;
using Network.Directory.Matchmaking;
using Network.Platform.Http;
using Network.Tests.Hosting;
using Xunit;

namespace Network.Tests.Directory;

/// <summary>
/// GET /organisations/{id}/suggestions through the Gateway: nearest first, then by what they share, with reasons;
/// never itself, the organisations it is connected with, or what the caller may not see; deterministic.
/// The ranked organisation lives in Köln (05315000), which no other test of this class uses.
/// </summary>
/// <summary>The organisations the matchmaking tests rank, seeded once for the class.</summary>
public sealed class MatchmakingScenario : IAsyncLifetime
{
    public const string Koeln = "05315000";
    public NetworkUnderTest Network { get; private set; } = null!;
    public DirectorySeed Seed { get; private set; } = null!;
    public Guid Target { get; private set; }
    public Dictionary<string, Guid> Ids { get; } = [];

    public async Task InitializeAsync()
    {
        Network = await NetworkUnderTest.StartAsync();
        Seed = new DirectorySeed(Network);
        (await Seed.Staff.PostJson($"{DirectorySeed.Api}/municipalities", new { ags = Koeln, name = "Köln" })).EnsureSuccessStatusCode();

        SeedProfile Profile(string name, string ags, string[]? themes = null, string[]? countries = null, int[]? sdgs = null, string visibility = "Public") =>
            new(name, "MigrantOrganisation", ags, Themes: themes, Countries: countries, Sdgs: sdgs, Visibility: visibility);
        async Task Add(string name, Func<SeedProfile, Task<Guid>> create, string ags, string[]? themes = null, string[]? countries = null,
            int[]? sdgs = null, string visibility = "Public") =>
            Ids[name] = await create(Profile(name, ags, themes, countries, sdgs, visibility));

        Target = await Seed.Verified(Profile("Teranga Köln", Koeln, ["education", "youth"], ["SN", "GH"], [4, 10]));
        await Add("Köln ohne Gemeinsames", Seed.Verified, Koeln);
        await Add("Köln Bildung und Jugend", Seed.Verified, Koeln, ["education", "youth"]);
        await Add("Köln nur für Staff", Seed.Verified, Koeln, ["education"], visibility: "Staff");
        await Add("Köln vernetzt", Seed.Verified, Koeln, ["education", "youth"], ["SN"], [4]);
        await Add("Köln noch offen", Seed.Pending, Koeln, ["education"]);
        await Add("Köln archiviert", Seed.Archived, Koeln, ["education"]);
        await Add("Düren Ghana Bildung", Seed.Verified, "05358008", countries: ["GH"], sdgs: [4]);
        await Add("Bonn Bildung", Seed.Verified, "05314000", ["education"]);
        await Add("Aachen ohne Gemeinsames", Seed.Verified, "05334002");
        await Add("Leipzig Senegal Jugend", Seed.Verified, "14713000", ["youth"], ["SN"], [10]);
        await Seed.Network("Kölner Netzwerk", Koeln, Target, Ids["Köln vernetzt"]);
    }

    public async Task DisposeAsync() => await Network.DisposeAsync();
}

/// <summary>
/// GET /organisations/{id}/suggestions through the Gateway: nearest first, then by what they share, with reasons;
/// never itself, the organisations it is connected with, or what the caller may not see; deterministic.
/// </summary>
public class MatchmakingApiTests(MatchmakingScenario scenario) : IClassFixture<MatchmakingScenario>
{
    DirectorySeed Seed => scenario.Seed;
    Guid Target => scenario.Target;
    Dictionary<string, Guid> Ids => scenario.Ids;

    static string Url(Guid id, string query = "") => $"{DirectorySeed.Api}/organisations/{id}/suggestions{query}";

    [Fact]
    public async Task Suggestions_come_nearest_first_then_by_score_then_by_name_with_their_reasons()
    {
        var page = await (await Seed.Staff.GetAsync(Url(Target))).ReadAs<Page<Suggestion>>();

        Assert.Equal(
        [
            "Köln Bildung und Jugend",   // same municipality, 2 themes = 6
            "Köln nur für Staff",        // same municipality, 1 theme = 3
            "Köln ohne Gemeinsames",     // same municipality, nothing shared = 0, still a neighbour
            "Bonn Bildung",              // same state, 1 theme = 3
            "Düren Ghana Bildung",       // same state, 1 country + 1 SDG = 3, after Bonn by name
            "Leipzig Senegal Jugend",    // elsewhere, 1 theme + 1 country + 1 SDG = 6
        ], page.Items.Select(s => s.Name));
        Assert.Equal(6, page.TotalItems);

        var best = page.Items[0];
        Assert.Equal((Proximity.SameMunicipality, 6), (best.Proximity, best.Score));
        Assert.Equal(["same municipality: Köln", "shares themes: education, youth"], best.Reasons);
        var leipzig = page.Items[^1];
        Assert.Equal((Proximity.Elsewhere, 6), (leipzig.Proximity, leipzig.Score));
        Assert.Equal(["youth"], leipzig.SharedThemes);
        Assert.Equal(["SN"], leipzig.SharedCountries);
        Assert.Equal([10], leipzig.SharedSdgs);
        Assert.Equal(["shares themes: youth", "shares countries: SN", "shares SDGs: 10"], leipzig.Reasons);
        Assert.Equal(["same federal state: Nordrhein-Westfalen", "shares themes: education"], page.Items[3].Reasons);
        Assert.Equal(["same federal state: Nordrhein-Westfalen", "shares countries: GH", "shares SDGs: 4"], page.Items[4].Reasons);
    }

    [Fact]
    public async Task Neither_itself_nor_connected_unverified_archived_or_unrelated_distant_organisations_are_suggested()
    {
        var names = (await (await Seed.Staff.GetAsync(Url(Target))).ReadAs<Page<Suggestion>>()).Items.Select(s => s.Name).ToList();

        Assert.DoesNotContain("Teranga Köln", names);
        Assert.DoesNotContain("Köln vernetzt", names);          // member of the same local network
        Assert.DoesNotContain("Köln noch offen", names);
        Assert.DoesNotContain("Köln archiviert", names);
        Assert.DoesNotContain("Aachen ohne Gemeinsames", names); // same state, nothing shared
    }

    [Fact]
    public async Task The_ranking_is_the_same_every_time_and_pages_through_it()
    {
        var first = await Seed.Staff.GetStringAsync(Url(Target));
        var second = await Seed.Staff.GetStringAsync(Url(Target));
        Assert.Equal(first, second);

        var all = (await (await Seed.Staff.GetAsync(Url(Target))).ReadAs<Page<Suggestion>>()).Items.Select(s => s.OrganisationId).ToList();
        var pageTwo = await (await Seed.Staff.GetAsync(Url(Target, "?page=2&pageSize=4"))).ReadAs<Page<Suggestion>>();
        Assert.Equal(all.Skip(4), pageTwo.Items.Select(s => s.OrganisationId));
        Assert.False(pageTwo.HasNextPage);
    }

    [Fact]
    public async Task Members_of_the_organisation_may_ask_and_see_only_what_members_see()
    {
        var names = (await (await (await Seed.MemberOf(Target)).GetAsync(Url(Target))).ReadAs<Page<Suggestion>>()).Items.Select(s => s.Name).ToList();
        Assert.Equal(5, names.Count);
        Assert.DoesNotContain("Köln nur für Staff", names);

        await (await (await Seed.MemberOf(Ids["Bonn Bildung"])).GetAsync(Url(Target))).AssertProblem(HttpStatusCode.Forbidden);
        await (await Seed.Anonymous.GetAsync(Url(Target))).AssertProblem(HttpStatusCode.Unauthorized);
        // A member learns nothing about organisations they may not see: 404, as if it did not exist.
        await (await (await Seed.MemberOf(Ids["Bonn Bildung"])).GetAsync(Url(Ids["Köln noch offen"]))).AssertProblem(HttpStatusCode.NotFound);
    }

    [Theory]
    [InlineData("?pageSize=101", HttpStatusCode.BadRequest)]
    [InlineData("?page=0", HttpStatusCode.BadRequest)]
    [InlineData("?page=x", HttpStatusCode.BadRequest)]
    public async Task Bad_paging_is_a_problem(string query, HttpStatusCode status) =>
        await (await Seed.Staff.GetAsync(Url(Target, query))).AssertProblem(status);

    [Fact]
    public async Task An_unknown_or_archived_organisation_gets_no_suggestions()
    {
        await (await Seed.Staff.GetAsync(Url(Guid.NewGuid()))).AssertProblem(HttpStatusCode.NotFound);
        await (await Seed.Staff.GetAsync(Url(Ids["Köln archiviert"]))).AssertProblem(HttpStatusCode.Conflict);
    }
}
