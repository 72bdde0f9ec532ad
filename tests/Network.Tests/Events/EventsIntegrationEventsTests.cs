using System.Net;
using System.Text.Json;
using Network.Events.AdvisoryRequests;
using Network.Events.Registrations;
using Network.Tests.Hosting;
using Xunit;
using static Network.Tests.Events.NetworkEventTestSupport;
using Published = Network.Contracts.Events;

namespace Network.Tests.Events;

/// <summary>
/// What other services hear from the Events service: each change, made through the Gateway, arrives on RabbitMQ as
/// its integration event (through the outbox), with the fields a subscriber needs.
/// </summary>
public class EventsIntegrationEventsTests(NetworkFixture fixture) : IClassFixture<NetworkFixture>
{
    NetworkUnderTest Network => fixture.Network;
    HttpClient Staff => Network.Gateway.NewClient(Network.StaffToken);

    HttpClient Person(SignedIn person) => Network.Gateway.NewClient(person.AccessToken);

    static Func<JsonElement, bool> Of(Guid eventId) => m => m.GetProperty("eventId").GetGuid() == eventId;

    static string[] Strings(JsonElement array) => array.EnumerateArray().Select(e => e.GetString()!).Order().ToArray();

    [Fact]
    public async Task An_events_lifecycle_registrations_and_attendance_reach_RabbitMQ_as_integration_events()
    {
        await using var tap = await IntegrationEventTap.BindAsync(Network.RabbitMq,
            typeof(Published.EventPublished), typeof(Published.RegistrationConfirmed), typeof(Published.RegistrationWaitlisted),
            typeof(Published.RegistrationCancelled), typeof(Published.RegistrationPromoted), typeof(Published.AttendanceRecorded),
            typeof(Published.EventHeld), typeof(Published.EventDocumented));
        var organiser = await KnownOrganiser(Network);
        var now = DateTimeOffset.UtcNow;
        var started = await CreatePublished(Staff, EventBody(organiser, capacity: 1,
            start: now.AddMinutes(-30).ToOffset(Berlin), end: now.AddHours(5), opens: now.AddHours(-2), closes: now.AddHours(4)));
        var (ana, ben) = (await Network.PersonAsync("Ana"), await Network.PersonAsync("Ben"));
        var anas = await (await Person(ana).PostAsync($"{Api}/events/{started.Id}/registrations", null)).ReadAs<RegistrationResponse>(HttpStatusCode.Created);
        var bens = await (await Person(ben).PostAsync($"{Api}/events/{started.Id}/registrations", null)).ReadAs<RegistrationResponse>(HttpStatusCode.Created);
        Assert.Equal(HttpStatusCode.NoContent, (await Person(ana).DeleteAsync($"{Api}/events/{started.Id}/registrations/{anas.RegistrationId}")).StatusCode);
        (await Staff.PostJson($"{Api}/events/{started.Id}/attendance", new { registrationId = bens.RegistrationId })).EnsureSuccessStatusCode();
        (await Staff.PostAsync($"{Api}/events/{started.Id}/held", null)).EnsureSuccessStatusCode();
        (await Staff.PutAsync($"{Api}/events/{started.Id}/documentation",
            Json(new { summary = "Forty people, three new partnerships.", links = new[] { "https://example.org/report.pdf" } }))).EnsureSuccessStatusCode();

        var published = await tap.WaitFor<Published.EventPublished>(Of(started.Id));
        Assert.Equal((organiser, 1, "Conference"),
            (published.GetProperty("organiserId").GetGuid(), published.GetProperty("capacity").GetInt32(), published.GetProperty("kind").GetString()));
        var confirmed = await tap.WaitFor<Published.RegistrationConfirmed>(Of(started.Id));
        Assert.Equal((anas.RegistrationId, ana.Subject), (confirmed.GetProperty("registrationId").GetGuid(), confirmed.GetProperty("personId").GetString()));
        var waitlisted = await tap.WaitFor<Published.RegistrationWaitlisted>(Of(started.Id));
        Assert.Equal((bens.RegistrationId, ben.Subject), (waitlisted.GetProperty("registrationId").GetGuid(), waitlisted.GetProperty("personId").GetString()));
        var cancelled = await tap.WaitFor<Published.RegistrationCancelled>(Of(started.Id));
        Assert.Equal(ana.Subject, cancelled.GetProperty("personId").GetString());
        var promoted = await tap.WaitFor<Published.RegistrationPromoted>(Of(started.Id));
        Assert.Equal((bens.RegistrationId, ben.Subject), (promoted.GetProperty("registrationId").GetGuid(), promoted.GetProperty("personId").GetString()));
        var attended = await tap.WaitFor<Published.AttendanceRecorded>(Of(started.Id));
        Assert.Equal(ben.Subject, attended.GetProperty("personId").GetString());
        await tap.WaitFor<Published.EventHeld>(Of(started.Id));
        var documented = await tap.WaitFor<Published.EventDocumented>(Of(started.Id));
        Assert.Equal("Forty people, three new partnerships.", documented.GetProperty("summary").GetString());
        Assert.Equal(["https://example.org/report.pdf"], Strings(documented.GetProperty("links")));

        // In the order they happened (the stream's versions), each exactly once.
        long[] versions = [.. new[] { published, confirmed, waitlisted, cancelled, promoted, attended, documented }.Select(m => m.GetProperty("version").GetInt64())];
        Assert.Equal(versions.Order(), versions);
        Assert.Single(tap.All<Published.RegistrationPromoted>(), m => Of(started.Id)(m));
    }

    [Fact]
    public async Task Rescheduling_and_cancelling_name_the_people_registered_so_they_can_be_told()
    {
        await using var tap = await IntegrationEventTap.BindAsync(Network.RabbitMq,
            typeof(Published.EventRescheduled), typeof(Published.EventCancelled));
        var organiser = await KnownOrganiser(Network);
        var future = await CreatePublished(Staff, EventBody(organiser, capacity: 1));
        var (cem, dia, eli) = (await Network.PersonAsync("Cem"), await Network.PersonAsync("Dia"), await Network.PersonAsync("Eli"));
        // cem gets the seat, dia and eli wait; then eli leaves.
        var registrations = new Dictionary<SignedIn, RegistrationResponse>();
        foreach (var person in new[] { cem, dia, eli })
            registrations[person] = await (await Person(person).PostAsync($"{Api}/events/{future.Id}/registrations", null)).ReadAs<RegistrationResponse>(HttpStatusCode.Created);
        (await Person(eli).DeleteAsync($"{Api}/events/{future.Id}/registrations/{registrations[eli].RegistrationId}")).EnsureSuccessStatusCode();

        var newStart = future.Start.AddDays(7);
        (await Staff.PutAsync($"{Api}/events/{future.Id}/schedule", Json(new { start = newStart, end = newStart.AddHours(8) }))).EnsureSuccessStatusCode();
        (await Staff.PostJson($"{Api}/events/{future.Id}/cancellation", new { reason = "The venue is closed." })).EnsureSuccessStatusCode();

        var rescheduled = await tap.WaitFor<Published.EventRescheduled>(Of(future.Id));
        Assert.Equal(newStart, rescheduled.GetProperty("start").GetDateTimeOffset());
        Assert.Equal(new[] { cem.Subject, dia.Subject }.Order().ToArray(), Strings(rescheduled.GetProperty("registeredPersonIds")));
        var cancelled = await tap.WaitFor<Published.EventCancelled>(Of(future.Id));
        Assert.Equal("The venue is closed.", cancelled.GetProperty("reason").GetString());
        Assert.Equal(new[] { cem.Subject, dia.Subject }.Order().ToArray(), Strings(cancelled.GetProperty("registeredPersonIds")));
    }

    [Fact]
    public async Task An_advisory_request_received_scheduled_and_closed_reaches_RabbitMQ()
    {
        await using var tap = await IntegrationEventTap.BindAsync(Network.RabbitMq,
            typeof(Published.AdvisoryRequestReceived), typeof(Published.AdvisoryRequestScheduled), typeof(Published.AdvisoryRequestClosed));
        const string requests = "/api/events/advisory-requests";
        var topic = $"Founding a local network {Guid.NewGuid():N}";
        var asked = await (await (await Network.MemberAsync()).PostJson(requests, new
        {
            topic, kind = "training", municipalityAgs = "05314000",
            preferredDates = new[] { DateTime.UtcNow.AddDays(10).ToString("yyyy-MM-dd") }, needs = "A training for our board.",
        })).ReadAs<AdvisoryRequest>(HttpStatusCode.Created);
        (await Staff.PostJson($"{requests}/{asked.Id}/acceptance", new { })).EnsureSuccessStatusCode();
        (await Staff.PostJson($"{requests}/{asked.Id}/adviser", new { name = "Ada Adviser", subject = "staff-7" })).EnsureSuccessStatusCode();
        // A session a few seconds ahead: its outcome can be recorded once it is over.
        var start = DateTimeOffset.UtcNow.AddSeconds(3);
        (await Staff.PostJson($"{requests}/{asked.Id}/session",
            new { start = start.ToString("O"), end = start.AddSeconds(1).ToString("O"), onlineLink = "https://meet.example.org/advice" })).EnsureSuccessStatusCode();
        if (start.AddSeconds(1.2) - DateTimeOffset.UtcNow is { Ticks: > 0 } left) await Task.Delay(left);
        (await Staff.PostJson($"{requests}/{asked.Id}/closure", new { summary = "Training held." })).EnsureSuccessStatusCode();

        Func<JsonElement, bool> ofRequest = m => m.GetProperty("requestId").GetGuid() == asked.Id;
        var received = await tap.WaitFor<Published.AdvisoryRequestReceived>(ofRequest);
        Assert.Equal((topic, "Training", "05314000"),
            (received.GetProperty("topic").GetString(), received.GetProperty("kind").GetString(), received.GetProperty("municipalityAgs").GetString()));
        var scheduled = await tap.WaitFor<Published.AdvisoryRequestScheduled>(ofRequest);
        Assert.True(scheduled.GetProperty("online").GetBoolean());
        var closed = await tap.WaitFor<Published.AdvisoryRequestClosed>(ofRequest);
        Assert.Equal(("Completed", "Training held."), (closed.GetProperty("outcome").GetString(), closed.GetProperty("summary").GetString()));
    }
}
