using System.Net;
using Network.Events.Attendance;
using Network.Events.NetworkEvents;
using Network.Events.Registrations;
using Network.Tests.Hosting;
using Npgsql;
using Xunit;
using static Network.Tests.Events.NetworkEventTestSupport;

namespace Network.Tests.Events;

/// <summary>Check-in and statistics through the Gateway: staff only; only confirmed registrations of an ongoing or held event.</summary>
public class AttendanceApiTests(NetworkFixture fixture) : IClassFixture<NetworkFixture>
{
    NetworkUnderTest Network => fixture.Network;
    HttpClient Staff => Network.Gateway.NewClient(Network.StaffToken);
    async Task<HttpClient> Person(string name, params Guid[] organisations) =>
        Network.Gateway.NewClient((await Network.PersonAsync(name, organisations)).AccessToken);

    async Task<string?> FederalStateKnownFor(Guid organisation)
    {
        await using var connection = new NpgsqlConnection(Network.EventsDatabase);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand($"select data->>'FederalState' from mt_doc_knownorganisation where id = '{organisation}'", connection);
        return await command.ExecuteScalarAsync() as string;
    }

    [Fact]
    public async Task Staff_check_in_confirmed_registrants_once_and_statistics_count_attendance_by_kind_and_state()
    {
        var organiser = await KnownOrganiser(Network);
        var now = DateTimeOffset.UtcNow;
        var start = new DateTimeOffset(now.Ticks - now.Ticks % TimeSpan.TicksPerSecond, TimeSpan.Zero).AddMinutes(-Random.Shared.Next(20, 50)).ToOffset(Berlin);
        var ongoing = await CreatePublished(Staff, EventBody(organiser, capacity: 2, start: start, end: now.AddHours(7), opens: now.AddHours(-2), closes: now.AddHours(6)));
        var ana = await Person("Ana", organiser);
        var anas = await (await ana.PostJson($"{Api}/events/{ongoing.Id}/registrations", new { organisationId = organiser })).ReadAs<RegistrationResponse>(HttpStatusCode.Created);
        var bens = await (await (await Person("Ben")).PostAsync($"{Api}/events/{ongoing.Id}/registrations", null)).ReadAs<RegistrationResponse>(HttpStatusCode.Created);
        var cats = await (await (await Person("Cat")).PostAsync($"{Api}/events/{ongoing.Id}/registrations", null)).ReadAs<RegistrationResponse>(HttpStatusCode.Created);
        Assert.Equal(RegistrationStatus.Waitlisted, cats.Status);
        var before = await StoredEvents(Network);

        await (await ana.PostJson($"{Api}/events/{ongoing.Id}/attendance", new { registrationId = anas.RegistrationId })).AssertProblem(HttpStatusCode.Forbidden);
        await (await Staff.PostJson($"{Api}/events/{ongoing.Id}/attendance", new { registrationId = cats.RegistrationId })).AssertProblem(HttpStatusCode.Conflict);
        await (await Staff.PostJson($"{Api}/events/{ongoing.Id}/attendance", new { registrationId = Guid.NewGuid() })).AssertProblem(HttpStatusCode.NotFound);
        await (await Staff.PostJson($"{Api}/events/{Guid.NewGuid()}/attendance", new { registrationId = anas.RegistrationId })).AssertProblem(HttpStatusCode.NotFound);
        await (await Staff.PostJson($"{Api}/events/{ongoing.Id}/attendance", new { })).AssertProblem(HttpStatusCode.BadRequest);
        Assert.Equal(before, await StoredEvents(Network));

        var checkedIn = await (await Staff.PostJson($"{Api}/events/{ongoing.Id}/attendance", new { registrationId = anas.RegistrationId })).ReadAs<AttendanceResponse>();
        Assert.True(checkedIn.Attended);
        await (await Staff.PostJson($"{Api}/events/{ongoing.Id}/attendance", new { registrationId = anas.RegistrationId })).AssertProblem(HttpStatusCode.Conflict);

        var stats = await (await Staff.GetAsync($"{Api}/events/{ongoing.Id}/statistics")).ReadAs<AttendanceStatisticsResponse>();
        Assert.Equal((1, 2, 1, 1, 1), (stats.Events, stats.Registered, stats.Attended, stats.NoShows, stats.Waitlisted));
        Assert.Equal([new AttendanceGroup(AttendanceStatistics.NoOrganisation, 1, 0), new AttendanceGroup("OneWorldGroup", 1, 1)], stats.ByOrganisationKind);
        var state = await FederalStateKnownFor(organiser) ?? AttendanceStatistics.Unknown;
        Assert.Contains(new AttendanceGroup(state, 1, 1), stats.ByFederalState);
        Assert.Contains(new AttendanceGroup(AttendanceStatistics.NoOrganisation, 1, 0), stats.ByFederalState);

        // After the event is marked held, late check-ins are still possible.
        await (await Staff.PostAsync($"{Api}/events/{ongoing.Id}/held", null)).ReadAs<Network.Events.NetworkEvents.Viewing.EventResponse>();
        await (await Staff.PostJson($"{Api}/events/{ongoing.Id}/attendance", new { registrationId = bens.RegistrationId })).ReadAs<AttendanceResponse>();

        var from = Uri.EscapeDataString(start.ToString("O"));
        var to = Uri.EscapeDataString(start.AddSeconds(1).ToString("O"));
        var period = await (await Staff.GetAsync($"{Api}/statistics/events?from={from}&to={to}")).ReadAs<AttendanceStatisticsResponse>();
        Assert.Equal((1, 2, 2, 0), (period.Events, period.Registered, period.Attended, period.NoShows));

        await (await ana.GetAsync($"{Api}/events/{ongoing.Id}/statistics")).AssertProblem(HttpStatusCode.Forbidden);
        await (await ana.GetAsync($"{Api}/statistics/events?from={from}&to={to}")).AssertProblem(HttpStatusCode.Forbidden);
        await (await Staff.GetAsync($"{Api}/statistics/events?from={to}&to={from}")).AssertProblem(HttpStatusCode.BadRequest);
        await (await Staff.GetAsync($"{Api}/events/{Guid.NewGuid()}/statistics")).AssertProblem(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Staff_take_back_a_mistaken_check_in_and_the_statistics_count_the_person_as_absent_again()
    {
        var organiser = await KnownOrganiser(Network);
        var now = DateTimeOffset.UtcNow;
        var ongoing = await CreatePublished(Staff, EventBody(organiser, capacity: 5, start: now.AddMinutes(-10).ToOffset(Berlin), end: now.AddHours(3), opens: now.AddHours(-2), closes: now.AddHours(2)));
        var ana = await Person("Ana");
        var anas = await (await ana.PostAsync($"{Api}/events/{ongoing.Id}/registrations", null)).ReadAs<RegistrationResponse>(HttpStatusCode.Created);
        var checkIn = $"{Api}/events/{ongoing.Id}/attendance/{anas.RegistrationId}";
        await (await Staff.DeleteAsync(checkIn)).AssertProblem(HttpStatusCode.Conflict); // not checked in yet
        (await Staff.PostJson($"{Api}/events/{ongoing.Id}/attendance", new { registrationId = anas.RegistrationId })).EnsureSuccessStatusCode();
        var before = await StoredEvents(Network);

        await (await ana.DeleteAsync(checkIn)).AssertProblem(HttpStatusCode.Forbidden);
        await (await Staff.DeleteAsync($"{Api}/events/{ongoing.Id}/attendance/{Guid.NewGuid()}")).AssertProblem(HttpStatusCode.NotFound);
        await (await Staff.SendAsync(Request(HttpMethod.Delete, checkIn, ifMatch: "\"1\""))).AssertProblem(HttpStatusCode.PreconditionFailed);
        Assert.Equal(before, await StoredEvents(Network));

        var withdrawn = await Staff.DeleteAsync(checkIn);
        var answer = await withdrawn.ReadAs<AttendanceResponse>();
        Assert.False(answer.Attended);
        Assert.Equal($"\"{answer.Version}\"", withdrawn.Headers.ETag?.Tag);
        var stats = await (await Staff.GetAsync($"{Api}/events/{ongoing.Id}/statistics")).ReadAs<AttendanceStatisticsResponse>();
        Assert.Equal((1, 0, 1), (stats.Registered, stats.Attended, stats.NoShows));
        await (await Staff.DeleteAsync(checkIn)).AssertProblem(HttpStatusCode.Conflict);

        // Checked in again (the person did come after all).
        (await Staff.PostJson($"{Api}/events/{ongoing.Id}/attendance", new { registrationId = anas.RegistrationId })).EnsureSuccessStatusCode();
        stats = await (await Staff.GetAsync($"{Api}/events/{ongoing.Id}/statistics")).ReadAs<AttendanceStatisticsResponse>();
        Assert.Equal((1, 1, 0), (stats.Registered, stats.Attended, stats.NoShows));
    }

    [Fact]
    public async Task Check_in_before_an_event_has_started_is_a_conflict_and_changes_nothing()
    {
        var organiser = await KnownOrganiser(Network);
        var future = await CreatePublished(Staff, EventBody(organiser));
        var registration = await (await (await Person("Dan")).PostAsync($"{Api}/events/{future.Id}/registrations", null)).ReadAs<RegistrationResponse>(HttpStatusCode.Created);
        var before = await StoredEvents(Network);

        await (await Staff.PostJson($"{Api}/events/{future.Id}/attendance", new { registrationId = registration.RegistrationId })).AssertProblem(HttpStatusCode.Conflict);
        Assert.Equal(before, await StoredEvents(Network));
        var stats = await (await Staff.GetAsync($"{Api}/events/{future.Id}/statistics")).ReadAs<AttendanceStatisticsResponse>();
        Assert.Equal((1, 0), (stats.Registered, stats.Attended));
    }
}
