using System.Net;
using System.Text;
using Network.Tests.Hosting;
using Xunit;

namespace Network.Tests.EndToEnd;

/// <summary>
/// The nil GUID as an id, on every route of every service that takes one, through the Gateway as staff: a 404 problem,
/// as for an id nobody ever used, never a 500 (issue 9).
/// </summary>
public class NilIdTests(NetworkFixture fixture) : IClassFixture<NetworkFixture>
{
    const string Nil = "00000000-0000-0000-0000-000000000000";

    NetworkUnderTest Network => fixture.Network;

    public static TheoryData<string, string> Routes => new()
    {
        { "GET", "/api/directory/organisations/{nil}" },
        { "GET", "/api/directory/organisations/{nil}/history" },
        { "PUT", "/api/directory/organisations/{nil}/profile" },
        { "POST", "/api/directory/organisations/{nil}/verification" },
        { "POST", "/api/directory/organisations/{nil}/rejection" },
        { "POST", "/api/directory/organisations/{nil}/resubmission" },
        { "POST", "/api/directory/organisations/{nil}/archive" },
        { "POST", "/api/directory/organisations/{nil}/invitations" },
        { "GET", "/api/directory/organisations/{nil}/suggestions" },
        { "GET", "/api/directory/organisations/{nil}/members" },
        { "POST", "/api/directory/organisations/{nil}/members" },
        { "DELETE", "/api/directory/organisations/{nil}/members/{nil}" },
        { "GET", "/api/directory/people/{nil}" },
        { "PUT", "/api/directory/people/{nil}" },
        { "POST", "/api/directory/people/{nil}/consents" },
        { "POST", "/api/directory/people/{nil}/erasure" },
        { "GET", "/api/directory/local-networks/{nil}" },
        { "POST", "/api/directory/local-networks/{nil}/members" },
        { "DELETE", "/api/directory/local-networks/{nil}/members/{nil}" },
        { "POST", "/api/directory/local-networks/{nil}/stage" },
        { "POST", "/api/directory/local-networks/{nil}/milestones" },
        { "GET", "/api/directory/municipalities/05314000/partnerships/{nil}" },
        { "POST", "/api/directory/municipalities/05314000/partnerships/{nil}/end" },
        { "GET", "/api/forum/organisations/{nil}" },
        { "GET", "/api/events/events/{nil}" },
        { "GET", "/api/events/events/{nil}.ics" },
        { "POST", "/api/events/events/{nil}/publication" },
        { "PUT", "/api/events/events/{nil}/schedule" },
        { "POST", "/api/events/events/{nil}/cancellation" },
        { "POST", "/api/events/events/{nil}/held" },
        { "PUT", "/api/events/events/{nil}/documentation" },
        { "PUT", "/api/events/events/{nil}/capacity" },
        { "POST", "/api/events/events/{nil}/registrations" },
        { "GET", "/api/events/events/{nil}/registrations" },
        { "GET", "/api/events/events/{nil}/registrations/{nil}" },
        { "DELETE", "/api/events/events/{nil}/registrations/{nil}" },
        { "GET", "/api/events/events/{nil}/registrations.csv" },
        { "GET", "/api/events/events/{nil}/attendance.csv" },
        { "POST", "/api/events/events/{nil}/attendance" },
        { "DELETE", "/api/events/events/{nil}/attendance/{nil}" },
        { "GET", "/api/events/events/{nil}/statistics" },
        { "GET", "/api/events/advisory-requests/{nil}" },
        { "GET", "/api/events/advisory-requests/{nil}/history" },
        { "POST", "/api/events/advisory-requests/{nil}/acceptance" },
        { "POST", "/api/events/advisory-requests/{nil}/decline" },
        { "POST", "/api/events/advisory-requests/{nil}/adviser" },
        { "POST", "/api/events/advisory-requests/{nil}/session" },
        { "POST", "/api/events/advisory-requests/{nil}/closure" },
        { "GET", "/api/identity/partners/{nil}" },
        { "DELETE", "/api/identity/partners/{nil}" },
        { "GET", "/api/identity/accounts/{nil}" },
        { "PUT", "/api/identity/accounts/{nil}/roles" },
    };

    [Theory]
    [MemberData(nameof(Routes))]
    public async Task The_nil_id_is_a_404_problem(string method, string route)
    {
        var request = new HttpRequestMessage(new HttpMethod(method), route.Replace("{nil}", Nil));
        if (method is "POST" or "PUT") request.Content = new StringContent("{}", Encoding.UTF8, "application/json");

        var response = await Network.Gateway.NewClient(Network.StaffToken).SendAsync(request);

        await response.AssertProblem(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task A_caller_who_may_not_use_the_endpoint_hears_that_first_not_that_the_id_is_nil()
    {
        var publish = $"/api/events/events/{Nil}/publication";
        await (await Network.Gateway.NewClient().PostAsync(publish, null)).AssertProblem(HttpStatusCode.Unauthorized);
        await (await (await Network.MemberAsync()).PostAsync(publish, null)).AssertProblem(HttpStatusCode.Forbidden);
    }
}
