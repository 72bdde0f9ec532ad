using System.Net;
using System.Text;
using Network.Tests.Hosting;
using Xunit;

namespace Network.Tests.EndToEnd;

/// <summary>
/// Enum values by name only, through the Gateway (issue 9): a number in a query string or a body is a 400 problem naming
/// the field, not whichever member has that position.
/// </summary>
public class EnumNamesTests(NetworkFixture fixture) : IClassFixture<NetworkFixture>
{
    NetworkUnderTest Network => fixture.Network;
    HttpClient Staff => Network.Gateway.NewClient(Network.StaffToken);

    [Theory]
    [InlineData("/api/events/events?kind=3", "kind")]
    [InlineData("/api/events/events?kind=-1", "kind")]
    [InlineData("/api/directory/organisations?kind=1&verification=0", "kind")]
    [InlineData("/api/directory/organisations?verification=0", "verification")]
    [InlineData("/api/directory/local-networks?stage=2", "stage")]
    [InlineData("/api/events/advisory-requests?status=1", "status")]
    [InlineData("/api/identity/audit?kind=0", "kind")]
    public async Task A_number_for_an_enum_in_a_query_is_a_400_naming_the_parameter(string url, string parameter)
    {
        var problem = await (await Staff.GetAsync(url)).AssertProblem(HttpStatusCode.BadRequest);
        Assert.Contains(parameter, problem.GetProperty("errors").EnumerateObject().Select(e => e.Name));
    }

    [Theory]
    [InlineData("/api/events/events?kind=Conference")]
    [InlineData("/api/directory/organisations?kind=MigrantOrganisation&verification=Verified")]
    [InlineData("/api/directory/local-networks?stage=Active")]
    public async Task The_same_lists_take_the_names(string url) =>
        (await Staff.GetAsync(url)).EnsureSuccessStatusCode();

    [Fact]
    public async Task A_number_for_an_enum_in_a_body_is_a_400_and_nothing_is_registered()
    {
        var body = $$"""{"name":"Verein {{Guid.NewGuid():N}}","kind":0,"municipalityAgs":"05314000","shortDescription":"Development work, locally."}""";
        var before = await HttpAssertions.StoredEvents(Network.DirectoryDatabase);

        await (await Staff.PostAsync("/api/directory/organisations", new StringContent(body, Encoding.UTF8, "application/json")))
            .AssertProblem(HttpStatusCode.BadRequest);

        Assert.Equal(before, await HttpAssertions.StoredEvents(Network.DirectoryDatabase));
    }
}
