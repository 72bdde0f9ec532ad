using System.Net;
using System.Text;
using System.Text.Json;
using Network.Tests.Hosting;
using Xunit;

namespace Network.Tests.BadInput;

/// <summary>
/// The platform's ceiling on every request (docs/security.md, "Input limits"), with the numbers the page gives: a field
/// past it is a 400 naming the field, and nothing is stored; what a use case accepts, the ceiling accepts too.
/// </summary>
public class InputLimitsTests(NetworkFixture fixture) : IClassFixture<NetworkFixture>
{
    NetworkUnderTest Network => fixture.Network;
    HttpClient Staff => Network.Gateway.NewClient(Network.StaffToken);

    static string Organisation(string name = "Verein", string extra = "") =>
        $$"""{"name":"{{name}} {{Guid.NewGuid():N}}","kind":"MigrantOrganisation","municipalityAgs":"05314000","shortDescription":"Development work, locally."{{extra}}}""";

    async Task<JsonElement> RefusedAsync(string url, string body, string field)
    {
        var before = await HttpAssertions.StoredEvents(Network.DirectoryDatabase);
        var response = await Staff.PostAsync(url, new StringContent(body, Encoding.UTF8, "application/json"));
        var problem = await response.AssertProblem(HttpStatusCode.BadRequest);
        Assert.Contains(field, problem.GetProperty("errors").EnumerateObject().Select(e => e.Name));
        Assert.Equal(before, await HttpAssertions.StoredEvents(Network.DirectoryDatabase));
        return problem.GetProperty("errors").GetProperty(field);
    }

    [Fact]
    public async Task A_text_of_10001_characters_is_a_400_naming_the_field()
    {
        var errors = await RefusedAsync("/api/directory/organisations", Organisation(extra: $",\"description\":{{\"de\":\"{new string('x', 10_001)}\",\"en\":\"x\"}}"), "description.de");
        Assert.Contains("10000", errors[0].GetString());
    }

    [Fact]
    public async Task A_text_of_10000_characters_is_taken_where_the_use_case_takes_it() =>
        await (await Staff.PostAsync("/api/directory/organisations", new StringContent(
            Organisation(extra: $",\"description\":{{\"de\":\"{new string('x', 10_000)}\",\"en\":\"x\"}}"), Encoding.UTF8, "application/json"))).AssertSuccess();

    [Fact]
    public async Task A_list_of_101_items_is_a_400_naming_the_list()
    {
        var countries = string.Join(",", Enumerable.Repeat("\"GH\"", 101));
        var errors = await RefusedAsync("/api/directory/organisations", Organisation(extra: $",\"countries\":[{countries}]"), "countries");
        Assert.Contains("100", errors[0].GetString());
    }

    [Theory]
    [InlineData("\\u0000")]
    [InlineData("\\u001B")]
    [InlineData("\\uD800")]
    public async Task A_control_character_or_a_lone_surrogate_in_a_text_is_a_400_naming_the_field(string escaped) =>
        await RefusedAsync("/api/directory/organisations", Organisation(name: $"Verein{escaped}"), "name");

    [Fact]
    public async Task A_misspelt_field_is_a_400_naming_it_instead_of_being_dropped()
    {
        var errors = await RefusedAsync("/api/directory/organisations", Organisation(extra: ",\"contactEmial\":\"info@example.org\""), "contactEmial");
        Assert.Contains("not a field", errors[0].GetString());
    }

    [Fact]
    public async Task A_field_sent_twice_is_a_400() =>
        await (await Staff.PostAsync("/api/directory/organisations", new StringContent(
            Organisation(extra: ",\"website\":\"https://a.example.org\",\"website\":\"https://b.example.org\""), Encoding.UTF8, "application/json")))
            .AssertProblem(HttpStatusCode.BadRequest);

    [Fact]
    public async Task A_body_nested_17_levels_deep_is_a_400()
    {
        // The body is level 1, its description level 2, and each list one more: 15 lists are 17 levels.
        var problem = await (await Staff.PostAsync("/api/directory/organisations", new StringContent(
            Organisation(extra: ",\"description\":{\"de\":" + new string('[', 15) + new string(']', 15) + "}"), Encoding.UTF8, "application/json")))
            .AssertProblem(HttpStatusCode.BadRequest);
        Assert.Contains(problem.GetProperty("errors").EnumerateObject().SelectMany(e => e.Value.EnumerateArray()),
            message => message.GetString()!.Contains("16 levels", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_query_value_of_2001_characters_is_a_400_naming_the_parameter()
    {
        var problem = await (await Staff.GetAsync($"/api/identity/accounts?q={new string('q', 2_001)}")).AssertProblem(HttpStatusCode.BadRequest);
        Assert.Contains("2000", problem.GetProperty("errors").GetProperty("q")[0].GetString());
    }
}
