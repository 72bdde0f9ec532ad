using System.Net;
using System.Text.Json;
using Network.Events.Attendance;
using Network.Events.Registrations;
using Network.Tests.Hosting;
using Xunit;
using static Network.Tests.Events.NetworkEventTestSupport;

namespace Network.Tests.Events;

/// <summary>
/// An event's registrations and attendance as files through the Gateway, read back with libraries that are not ours
/// (<see cref="ExportFiles"/>): staff only; CSV, xlsx and JSON with the same rows; headers in the caller's language.
/// </summary>
public class ExportApiTests(NetworkFixture fixture) : IClassFixture<NetworkFixture>
{
    NetworkUnderTest Network => fixture.Network;
    HttpClient Staff => Network.Gateway.NewClient(Network.StaffToken);
    async Task<HttpClient> Person(string name, params Guid[] organisations) =>
        Network.Gateway.NewClient((await Network.PersonAsync(name, organisations)).AccessToken);

    const string Evil = "=HYPERLINK(\"http://evil.example\",\"Klick; hier, bitte\")";

    sealed record Scenario(Guid EventId, Guid Organiser, RegistrationResponse Eve, RegistrationResponse Lou, HttpClient EveClient);

    /// <summary>One seat: Eve (a formula for a name, for her organisation) is confirmed and attended, Lou Müller waits.</summary>
    async Task<Scenario> OngoingEventWithTwoRegistrations()
    {
        var organiser = await KnownOrganiser(Network);
        var now = DateTimeOffset.UtcNow;
        var ongoing = await CreatePublished(Staff, EventBody(organiser, capacity: 1, start: now.AddMinutes(-30), end: now.AddHours(7), opens: now.AddHours(-2), closes: now.AddHours(6)));
        var eve = await Person(Evil, organiser);
        var eves = await (await eve.PostJson($"{Api}/events/{ongoing.Id}/registrations", new { organisationId = organiser })).ReadAs<RegistrationResponse>(HttpStatusCode.Created);
        var lou = await Person("Lou Müller");
        var lous = await (await lou.PostAsync($"{Api}/events/{ongoing.Id}/registrations", null)).ReadAs<RegistrationResponse>(HttpStatusCode.Created);
        await (await Staff.PostJson($"{Api}/events/{ongoing.Id}/attendance", new { registrationId = eves.RegistrationId })).ReadAs<AttendanceResponse>();
        return new Scenario(ongoing.Id, organiser, eves, lous, eve);
    }

    static HttpRequestMessage Get(string url, string? acceptLanguage = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, url);
        if (acceptLanguage is not null) request.Headers.AcceptLanguage.ParseAdd(acceptLanguage);
        return request;
    }

    [Fact]
    public async Task Registrations_come_as_csv_xlsx_and_json_with_the_same_rows_typed_cells_and_formulas_defused()
    {
        var s = await OngoingEventWithTwoRegistrations();
        var url = $"{Api}/events/{s.EventId}/registrations";

        // A German browser: German headers, semicolons (what German Excel splits at), a byte-order mark (umlauts).
        var german = await Staff.SendAsync(Get($"{url}.csv", "de-DE,de;q=0.9,en;q=0.8"));
        Assert.StartsWith("registrations-bundeskonferenz-kommunale-entwicklungspolitik-", ExportFiles.FileName(german));
        Assert.EndsWith(".csv", ExportFiles.FileName(german));
        var csv = await ExportFiles.ReadCsv(german, ';');
        Assert.Equal(["Anmeldung (ID)", "Person (ID)", "Name", "Organisation (ID)", "Organisation", "Status", "Platz auf der Warteliste",
            "Angemeldet am (Ortszeit Berlin)", "Teilgenommen"], csv.Header);
        Assert.Equal(2, csv.Rows.Count);
        // The formula gets an apostrophe; its quotes, comma and semicolon survive the quoting.
        Assert.Equal([s.Eve.RegistrationId.ToString(), "'" + Evil, s.Organiser.ToString(), "Confirmed", "", "true"],
            new[] { csv.Cell(0, "Anmeldung (ID)"), csv.Cell(0, "Name"), csv.Cell(0, "Organisation (ID)"), csv.Cell(0, "Status"), csv.Cell(0, "Platz auf der Warteliste"), csv.Cell(0, "Teilgenommen") });
        Assert.Equal([s.Lou.RegistrationId.ToString(), "Lou Müller", "Waitlisted", "1", "false"],
            new[] { csv.Cell(1, "Anmeldung (ID)"), csv.Cell(1, "Name"), csv.Cell(1, "Status"), csv.Cell(1, "Platz auf der Warteliste"), csv.Cell(1, "Teilgenommen") });
        var registeredAt = DateTime.ParseExact((string)csv.Cell(0, "Angemeldet am (Ortszeit Berlin)")!, "yyyy-MM-dd HH:mm:ss", null);
        Assert.Equal(Berlin(s.Eve.RegisteredAt), registeredAt, TimeSpan.FromSeconds(1));

        // No Accept-Language (a script): English headers and RFC 4180's comma.
        var english = await ExportFiles.ReadCsv(await Staff.GetAsync($"{url}.csv"), ',');
        Assert.Equal("Position on waiting list", english.Header[6]);
        Assert.Equal(csv.Rows, english.Rows);
        // Chosen explicitly: German headers with tabs.
        var tabs = await ExportFiles.ReadCsv(await Staff.GetAsync($"{url}.csv?lang=de&separator=tab"), '\t');
        Assert.Equal(csv.Header, tabs.Header);
        Assert.Equal(csv.Rows, tabs.Rows);

        // xlsx: typed cells. The formula-looking name is a text cell holding exactly what was typed (never evaluated).
        var (xlsx, sheet) = await ExportFiles.ReadXlsx(await Staff.SendAsync(Get($"{url}.xlsx", "de")));
        Assert.Equal("Anmeldungen", sheet);
        Assert.Equal(csv.Header, xlsx.Header);
        Assert.Equal(Evil, xlsx.Cell(0, "Name"));
        Assert.Equal("Lou Müller", xlsx.Cell(1, "Name"));
        Assert.Null(xlsx.Cell(0, "Platz auf der Warteliste"));
        Assert.Equal(1.0, xlsx.Cell(1, "Platz auf der Warteliste"));
        Assert.Equal(true, xlsx.Cell(0, "Teilgenommen"));
        Assert.Equal(false, xlsx.Cell(1, "Teilgenommen"));
        var date = Assert.IsType<DateTime>(xlsx.Cell(1, "Angemeldet am (Ortszeit Berlin)"));
        Assert.Equal(Berlin(s.Lou.RegisteredAt), date, TimeSpan.FromSeconds(1));

        // JSON for scripts: the columns' keys, typed values, moments with Berlin's offset.
        var json = await ExportFiles.ReadJson(await Staff.GetAsync($"{url}.json"));
        Assert.Equal(2, json.Count);
        Assert.Equal(Evil, json[0].GetProperty("personName").GetString());
        Assert.Equal(JsonValueKind.Null, json[0].GetProperty("positionOnWaitingList").ValueKind);
        Assert.Equal(1, json[1].GetProperty("positionOnWaitingList").GetInt32());
        Assert.True(json[0].GetProperty("attended").GetBoolean());
        var at = json[1].GetProperty("registeredAt").GetDateTimeOffset();
        Assert.Equal(s.Lou.RegisteredAt, at, TimeSpan.FromSeconds(1));
        Assert.Equal(TimeZoneInfo.FindSystemTimeZoneById("Europe/Berlin").GetUtcOffset(at), at.Offset);
    }

    static DateTime Berlin(DateTimeOffset moment) => TimeZoneInfo.ConvertTime(moment, TimeZoneInfo.FindSystemTimeZoneById("Europe/Berlin")).DateTime;

    [Fact]
    public async Task Attendance_lists_who_was_expected_with_their_organisation_in_every_format()
    {
        var s = await OngoingEventWithTwoRegistrations();
        var url = $"{Api}/events/{s.EventId}/attendance";

        var csv = await ExportFiles.ReadCsv(await Staff.GetAsync($"{url}.csv"), ',');
        Assert.Equal("Kind of organisation", csv.Header[5]);
        var row = Assert.Single(csv.Rows); // Lou waits: not expected
        Assert.Equal(("'" + Evil, "OneWorldGroup", "Nordrhein-Westfalen", "true"),
            (csv.Cell(0, "Name"), csv.Cell(0, "Kind of organisation"), csv.Cell(0, "Federal state"), csv.Cell(0, "Attended")));

        var (xlsx, sheet) = await ExportFiles.ReadXlsx(await Staff.GetAsync($"{url}.xlsx"));
        Assert.Equal("Attendance", sheet);
        Assert.Equal((Evil, "OneWorldGroup", true), (xlsx.Cell(0, "Name"), xlsx.Cell(0, "Kind of organisation"), xlsx.Cell(0, "Attended")));
        var json = Assert.Single(await ExportFiles.ReadJson(await Staff.GetAsync($"{url}.json")));
        Assert.Equal(s.Eve.RegistrationId, json.GetProperty("registrationId").GetGuid());
    }

    [Fact]
    public async Task Only_staff_export_and_a_bad_format_language_or_separator_is_a_problem()
    {
        var s = await OngoingEventWithTwoRegistrations();
        var url = $"{Api}/events/{s.EventId}";
        foreach (var format in new[] { "csv", "xlsx", "json" })
        {
            await (await s.EveClient.GetAsync($"{url}/registrations.{format}")).AssertProblem(HttpStatusCode.Forbidden);
            await (await s.EveClient.GetAsync($"{url}/attendance.{format}")).AssertProblem(HttpStatusCode.Forbidden);
            await (await Network.Gateway.NewClient().GetAsync($"{url}/registrations.{format}")).AssertProblem(HttpStatusCode.Unauthorized);
            await (await Staff.GetAsync($"{Api}/events/{Guid.NewGuid()}/attendance.{format}")).AssertProblem(HttpStatusCode.NotFound);
        }
        await (await Staff.GetAsync($"{url}/registrations.pdf")).AssertProblem(HttpStatusCode.NotFound);
        await (await Staff.GetAsync($"{url}/registrations.csv?lang=fr")).AssertProblem(HttpStatusCode.BadRequest);
        await (await Staff.GetAsync($"{url}/registrations.csv?separator=pipe")).AssertProblem(HttpStatusCode.BadRequest);
    }
}
