using System.Net;
using System.Text;
using Network.Events.Attendance;
using Network.Events.Registrations;
using Network.Tests.Hosting;
using Xunit;
using static Network.Tests.Events.NetworkEventTestSupport;

namespace Network.Tests.Events;

/// <summary>CSV exports through the Gateway: staff only, RFC 4180, cells a spreadsheet does not run as formulas.</summary>
public class ExportApiTests(NetworkFixture fixture) : IClassFixture<NetworkFixture>
{
    NetworkUnderTest Network => fixture.Network;
    HttpClient Staff => Network.Gateway.NewClient(Network.StaffToken);
    async Task<HttpClient> Person(string name, params Guid[] organisations) =>
        Network.Gateway.NewClient((await Network.PersonAsync(name, organisations)).AccessToken);

    static async Task<List<List<string>>> ReadCsv(HttpResponseMessage response)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, text);
        Assert.Equal("text/csv", response.Content.Headers.ContentType?.MediaType);
        var rows = CsvReader.Parse(text);
        Assert.All(rows, r => Assert.Equal(rows[0].Count, r.Count));
        return rows;
    }

    [Fact]
    public async Task Staff_export_registrations_and_attendance_with_safe_cells_and_members_are_forbidden()
    {
        var organiser = await KnownOrganiser(Network);
        var now = DateTimeOffset.UtcNow;
        var ongoing = await CreatePublished(Staff, EventBody(organiser, capacity: 1, start: now.AddMinutes(-30), end: now.AddHours(7), opens: now.AddHours(-2), closes: now.AddHours(6)));
        const string evil = "=HYPERLINK(\"http://evil.example\",\"Klick, hier\")";
        var eve = await Person(evil, organiser);
        var eves = await (await eve.PostJson($"{Api}/events/{ongoing.Id}/registrations", new { organisationId = organiser })).ReadAs<RegistrationResponse>(HttpStatusCode.Created);
        var lou = await Person("Lou Müller");
        var lous = await (await lou.PostAsync($"{Api}/events/{ongoing.Id}/registrations", null)).ReadAs<RegistrationResponse>(HttpStatusCode.Created);
        await (await Staff.PostJson($"{Api}/events/{ongoing.Id}/attendance", new { registrationId = eves.RegistrationId })).ReadAs<AttendanceResponse>();

        var registrations = await ReadCsv(await Staff.GetAsync($"{Api}/events/{ongoing.Id}/registrations.csv"));
        Assert.Equal(["registration_id", "person_id", "person_name", "organisation_id", "organisation", "status", "position_on_waiting_list", "registered_at", "attended"], registrations[0]);
        Assert.Equal(3, registrations.Count);
        Assert.Equal([eves.RegistrationId.ToString(), "'" + evil, organiser.ToString(), "Confirmed", "", "true"],
            new[] { registrations[1][0], registrations[1][2], registrations[1][3], registrations[1][5], registrations[1][6], registrations[1][8] });
        Assert.Equal([lous.RegistrationId.ToString(), "Lou Müller", "Waitlisted", "1", "false"],
            new[] { registrations[2][0], registrations[2][2], registrations[2][5], registrations[2][6], registrations[2][8] });

        var attendance = await ReadCsv(await Staff.GetAsync($"{Api}/events/{ongoing.Id}/attendance.csv"));
        Assert.Equal("organisation_kind", attendance[0][5]);
        var row = Assert.Single(attendance.Skip(1));
        Assert.Equal(("'" + evil, "OneWorldGroup", "true"), (row[2], row[5], row[7]));

        await (await eve.GetAsync($"{Api}/events/{ongoing.Id}/registrations.csv")).AssertProblem(HttpStatusCode.Forbidden);
        await (await eve.GetAsync($"{Api}/events/{ongoing.Id}/attendance.csv")).AssertProblem(HttpStatusCode.Forbidden);
        await (await Network.Gateway.NewClient().GetAsync($"{Api}/events/{ongoing.Id}/registrations.csv")).AssertProblem(HttpStatusCode.Unauthorized);
        await (await Staff.GetAsync($"{Api}/events/{Guid.NewGuid()}/attendance.csv")).AssertProblem(HttpStatusCode.NotFound);
    }
}
