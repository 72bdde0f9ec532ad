using System.Net;
using Network.Directory.Organisations.Viewing;
using Network.Directory.Vocabularies;
using Network.Tests.Hosting;
using Xunit;

namespace Network.Tests.Directory;

/// <summary>The code lists through the Gateway: readable by everybody; the theme vocabulary extended by staff.</summary>
public class VocabulariesApiTests(NetworkFixture fixture) : IClassFixture<NetworkFixture>
{
    const string Api = "/api/directory";
    NetworkUnderTest Network => fixture.Network;
    HttpClient Staff => Network.Gateway.NewClient(Network.StaffToken);

    [Fact]
    public async Task Everybody_reads_the_code_lists()
    {
        var anonymous = Network.Gateway.NewClient();

        Assert.Contains(await (await anonymous.GetAsync($"{Api}/vocabularies/countries")).ReadAs<List<VocabularyEntry>>(),
            c => c == new VocabularyEntry("GH", "Ghana", "Ghana"));
        Assert.Contains(await (await anonymous.GetAsync($"{Api}/vocabularies/languages")).ReadAs<List<VocabularyEntry>>(), l => l.Code == "wo");
        Assert.Equal(17, (await (await anonymous.GetAsync($"{Api}/vocabularies/sdgs")).ReadAs<List<VocabularyEntry>>()).Count);
        Assert.Contains(await (await anonymous.GetAsync($"{Api}/vocabularies/themes")).ReadAs<List<VocabularyEntry>>(),
            t => t.Code == "migration-and-development");
    }

    [Fact]
    public async Task Staff_add_a_theme_which_profiles_may_then_use()
    {
        var key = $"theme-{Guid.NewGuid():N}"[..20];
        var member = await Network.MemberAsync();
        var organisation = new
        {
            name = $"Theme user {Guid.NewGuid():N}", kind = "EducationActor", municipalityAgs = "05314000", shortDescription = "x", themes = new[] { key },
        };
        await (await member.PostJson($"{Api}/organisations", organisation)).AssertProblem(HttpStatusCode.BadRequest);

        await (await member.PostJson($"{Api}/vocabularies/themes", new { key, en = "A theme", de = "Ein Thema" })).AssertProblem(HttpStatusCode.Forbidden);
        var added = await (await Staff.PostJson($"{Api}/vocabularies/themes", new { key, en = "A theme", de = "Ein Thema" }))
            .ReadAs<VocabularyEntry>(HttpStatusCode.Created);
        Assert.Equal(new VocabularyEntry(key, "A theme", "Ein Thema"), added);
        Assert.Contains(await (await Network.Gateway.NewClient().GetAsync($"{Api}/vocabularies/themes")).ReadAs<List<VocabularyEntry>>(), t => t.Code == key);

        var registered = await (await member.PostJson($"{Api}/organisations", organisation)).ReadAs<OrganisationResponse>(HttpStatusCode.Created);
        Assert.Equal([key], registered.Themes);

        await (await Staff.PostJson($"{Api}/vocabularies/themes", new { key, en = "Again", de = "Nochmal" })).AssertProblem(HttpStatusCode.Conflict);
    }

    [Fact]
    public async Task A_bad_theme_is_a_problem_and_stores_nothing()
    {
        var before = await HttpAssertions.CountRows(Network.DirectoryDatabase, "mt_doc_theme");

        var problem = await (await Staff.PostJson($"{Api}/vocabularies/themes", new { key = "Not Kebab", en = "x", de = new string('d', 121) }))
            .AssertProblem(HttpStatusCode.BadRequest);

        Assert.True(problem.GetProperty("errors").TryGetProperty("key", out _));
        Assert.True(problem.GetProperty("errors").TryGetProperty("de", out _));
        Assert.Equal(before, await HttpAssertions.CountRows(Network.DirectoryDatabase, "mt_doc_theme"));
    }
}
