using System.Net;
using Network.Tests.Hosting;
using Xunit;

namespace Network.Tests.Directory;

/// <summary>
/// GET /search/organisations through the Gateway: every filter, text search in German and English, relevance,
/// sorting and paging, who sees what, and bad filters as problem responses. Each test works in a municipality (or
/// federal state) of its own, so the tests of this class do not see each other's organisations.
/// </summary>
public class SearchApiTests(NetworkFixture fixture) : IClassFixture<NetworkFixture>
{
    const string Search = DirectorySeed.Api + "/search/organisations";
    readonly DirectorySeed seed = new(fixture.Network);

    [Fact]
    public async Task Anonymous_callers_find_public_verified_entries_members_also_members_only_ones_and_staff_everything()
    {
        const string frankfurt = "06412000";
        await seed.Verified(new("V-1 public verified", Ags: frankfurt));
        await seed.Verified(new("V-2 members only", Ags: frankfurt, Visibility: "Members"));
        var pending = await seed.Pending(new("V-3 pending", Ags: frankfurt));
        await seed.Verified(new("V-4 staff only", Ags: frankfurt, Visibility: "Staff"));
        await seed.Archived(new("V-5 archived", Ags: frankfurt));
        await seed.Rejected(new("V-6 rejected", Ags: frankfurt));
        var url = $"{Search}?municipality={frankfurt}";

        Assert.Equal(["V-1 public verified"], (await DirectorySeed.Names(await seed.Anonymous.GetAsync(url))).Names);
        Assert.Equal(["V-1 public verified", "V-2 members only"], (await DirectorySeed.Names(await (await seed.MemberOf(Guid.NewGuid())).GetAsync(url))).Names);
        Assert.Equal(["V-1 public verified", "V-2 members only", "V-3 pending"], (await DirectorySeed.Names(await (await seed.MemberOf(pending)).GetAsync(url))).Names);
        Assert.Equal(["V-1 public verified", "V-2 members only", "V-3 pending", "V-4 staff only", "V-6 rejected"],
            (await DirectorySeed.Names(await seed.Staff.GetAsync(url))).Names);
        Assert.Equal(["V-5 archived"], (await DirectorySeed.Names(await seed.Staff.GetAsync($"{url}&includeArchived=true&q=archived"))).Names);
        Assert.Equal(["V-6 rejected"], (await DirectorySeed.Names(await seed.Staff.GetAsync($"{url}&verification=Rejected"))).Names);

        await (await seed.Anonymous.GetAsync($"{url}&verification=Pending")).AssertProblem(HttpStatusCode.Unauthorized);
        await (await (await seed.MemberOf(pending)).GetAsync($"{url}&verification=Pending")).AssertProblem(HttpStatusCode.Forbidden);
        await (await (await seed.MemberOf(pending)).GetAsync($"{url}&includeArchived=true")).AssertProblem(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task Every_filter_narrows_the_search()
    {
        await seed.Verified(new("BW-1 Sahel Verein", "MigrantOrganisation", "08111000", Themes: ["education"], Countries: ["GH"], Languages: ["fr"], Sdgs: [4]));
        await seed.Verified(new("BW-2 Weltladen", "OneWorldGroup", "08111000", Themes: ["fair-trade"], Countries: ["PE"], Languages: ["es"], Sdgs: [12]));
        await seed.Verified(new("BW-3 Teranga", "MigrantOrganisation", "08212000", Themes: ["education", "youth"], Countries: ["SN"], Languages: ["fr"], Sdgs: [4, 5]));
        await seed.Pending(new("BW-4 noch offen", "MigrantOrganisation", "08111000", Themes: ["education"]));

        (string Query, string[] Expected)[] anonymous =
        [
            ("state=08", ["BW-1 Sahel Verein", "BW-2 Weltladen", "BW-3 Teranga"]),
            ("state=baden-württemberg", ["BW-1 Sahel Verein", "BW-2 Weltladen", "BW-3 Teranga"]),
            ("municipality=08111000", ["BW-1 Sahel Verein", "BW-2 Weltladen"]),
            ("state=08&kind=MigrantOrganisation", ["BW-1 Sahel Verein", "BW-3 Teranga"]),
            ("state=08&theme=education", ["BW-1 Sahel Verein", "BW-3 Teranga"]),
            ("state=08&country=gh", ["BW-1 Sahel Verein"]),
            ("state=08&language=ES", ["BW-2 Weltladen"]),
            ("state=08&sdg=5", ["BW-3 Teranga"]),
            ("state=08&kind=OneWorldGroup&theme=education", []),
        ];
        foreach (var (query, expected) in anonymous)
        {
            var (names, total) = await DirectorySeed.Names(await seed.Anonymous.GetAsync($"{Search}?{query}"));
            Assert.True(expected.SequenceEqual(names), $"{query}: expected [{string.Join(", ", expected)}], got [{string.Join(", ", names)}]");
            Assert.Equal(expected.Length, total);
        }

        Assert.Equal(["BW-4 noch offen"], (await DirectorySeed.Names(await seed.Staff.GetAsync($"{Search}?state=08&verification=Pending"))).Names);
        Assert.Equal(4, (await DirectorySeed.Names(await seed.Staff.GetAsync($"{Search}?state=08"))).Total);
    }

    [Fact]
    public async Task Text_search_finds_german_and_english_words_in_names_and_descriptions_whatever_their_inflection()
    {
        const string hannover = "03241001";
        await seed.Verified(new("Afrikanische Kulturvereine Hannover", Ags: hannover, De: "Trommeln und Tanz.", En: "Drumming and dance."));
        await seed.Verified(new("Sahel Hannover", Ags: hannover, De: "Wir unterstützen Brunnenprojekte in Mali.", En: "We support well projects in Mali."));
        await seed.Verified(new("Eine Welt Hannover", Ags: hannover, De: "Fairer Handel.", En: "Fair trade for partner organisations in Peru."));
        await seed.Pending(new("Unverified Brunnenverein Hannover", Ags: hannover, De: "Brunnen."));

        async Task<List<string>> Find(string q) =>
            (await DirectorySeed.Names(await seed.Anonymous.GetAsync($"{Search}?municipality={hannover}&q={Uri.EscapeDataString(q)}"))).Names;

        Assert.Equal(["Afrikanische Kulturvereine Hannover"], await Find("Kulturverein"));      // German plural in the name
        Assert.Equal(["Sahel Hannover"], await Find("Brunnenprojekt"));                         // German description, inflected
        Assert.Equal(["Sahel Hannover"], await Find("wells"));                                   // English description, inflected
        Assert.Equal(["Eine Welt Hannover"], await Find("organisation"));                        // English plural
        Assert.Equal(["Afrikanische Kulturvereine Hannover"], await Find("drumming dance"));     // every word must match
        Assert.Equal(["Afrikanische Kulturvereine Hannover", "Sahel Hannover"], await Find("Kulturverein or Mali"));
        Assert.Empty(await Find("Brunnen -Mali"));                                               // web-style exclusion; the pending one stays hidden
    }

    [Fact]
    public async Task Relevance_puts_name_matches_before_description_matches_then_german_before_english_only_matches_then_name()
    {
        const string bremen = "04011000";
        await seed.Verified(new("Aaa Omega Gruppe", Ags: bremen, ShortDescription: "Musik.", En: "We meet in a Trommelkreis."));
        await seed.Verified(new("Zzz Omega Gruppe", Ags: bremen, ShortDescription: "Musik.", En: "Trommelkreis, Trommelkreis, more Trommelkreis."));
        await seed.Verified(new("Beta Gruppe", Ags: bremen, ShortDescription: "Trommelkreis jeden Freitag."));
        await seed.Verified(new("Alpha Gruppe", Ags: bremen, ShortDescription: "Trommelkreis jeden Freitag."));
        await seed.Verified(new("Yoruba Verein", Ags: bremen, De: "Wir haben einen Trommelkreis."));
        await seed.Verified(new("Trommelkreis Bremen", Ags: bremen));

        var relevance = await DirectorySeed.Names(await seed.Anonymous.GetAsync($"{Search}?municipality={bremen}&q=Trommelkreis"));
        // English-only matches (German rank 0) come last, ordered by their English rank before their names.
        Assert.Equal(["Trommelkreis Bremen", "Yoruba Verein", "Alpha Gruppe", "Beta Gruppe", "Zzz Omega Gruppe", "Aaa Omega Gruppe"], relevance.Names);

        var byName = await DirectorySeed.Names(await seed.Anonymous.GetAsync($"{Search}?municipality={bremen}&q=Trommelkreis&sort=name"));
        Assert.Equal(["Aaa Omega Gruppe", "Alpha Gruppe", "Beta Gruppe", "Trommelkreis Bremen", "Yoruba Verein", "Zzz Omega Gruppe"], byName.Names);
    }

    [Fact]
    public async Task Results_sort_by_name_or_registration_and_come_in_pages()
    {
        const string hamburg = "02000000";
        foreach (var name in new[] { "HH-C", "HH-A", "HH-E", "HH-B", "HH-D" })
            await seed.Verified(new(name, Ags: hamburg));

        async Task<(List<string> Names, long Total)> Page(string query) =>
            await DirectorySeed.Names(await seed.Anonymous.GetAsync($"{Search}?municipality={hamburg}&pageSize=2&{query}"));

        var first = await Page("page=1");
        Assert.Equal(["HH-A", "HH-B"], first.Names);
        Assert.Equal(5, first.Total);
        Assert.Equal(["HH-C", "HH-D"], (await Page("page=2&sort=name")).Names);
        Assert.Equal(["HH-E"], (await Page("page=3")).Names);
        Assert.Empty((await Page("page=4")).Names);
        Assert.Equal(["HH-E", "HH-D"], (await Page("sort=-name")).Names);
        Assert.Equal(["HH-C", "HH-A"], (await Page("sort=registeredAt")).Names);
        Assert.Equal(["HH-D", "HH-B"], (await Page("sort=-registeredAt")).Names);
    }

    public static TheoryData<string, string> BadSearches => new()
    {
        { "kind=Verein", "kind" },
        { "kind=3", "kind" },
        { "state=17", "state" },
        { "state=Bavaria", "state" },
        { "municipality=5314000", "municipality" },
        { "municipality=99000000", "municipality" },
        { "theme=not-a-theme", "theme" },
        { "theme=Fair_Trade", "theme" },
        { "country=GHA", "country" },
        { "country=XX", "country" },
        { "language=deu", "language" },
        { "sdg=18", "sdg" },
        { "sdg=four", "sdg" },
        { "verification=Approved", "verification" },
        { "includeArchived=yes", "includeArchived" },
        { "sort=popularity", "sort" },
        { "sort=relevance", "sort" },
        { "page=0", "page" },
        { "pageSize=101", "pageSize" },
        { "pageSize=ten", "pageSize" },
        { "muncipality=05314000", "muncipality" },
        { "kind=MigrantOrganisation&kind=OneWorldGroup", "kind" },
        { "q=" + new string('x', 201), "q" },
    };

    [Theory]
    [MemberData(nameof(BadSearches))]
    public async Task A_bad_filter_is_a_problem_naming_the_field(string query, string field)
    {
        var problem = await (await seed.Anonymous.GetAsync($"{Search}?{query}")).AssertProblem(HttpStatusCode.BadRequest);
        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), $"{query}: {problem}");
    }
}
