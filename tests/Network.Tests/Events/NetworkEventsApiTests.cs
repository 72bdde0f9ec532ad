using System.Net;
using Network.Events.NetworkEvents;
using Network.Events.NetworkEvents.Viewing;
using Network.Events.Registrations;
using Network.Platform.Http;
using Network.Tests.Hosting;
using Xunit;
using static Network.Tests.Events.NetworkEventTestSupport;

namespace Network.Tests.Events;

/// <summary>Events through the Gateway with a token: lifecycle, who may do what, and bad input (problem response, nothing stored).</summary>
public class NetworkEventsApiTests(NetworkFixture fixture) : IClassFixture<NetworkFixture>
{
    NetworkUnderTest Network => fixture.Network;
    HttpClient Staff => Network.Gateway.NewClient(Network.StaffToken);
    HttpClient Anonymous => Network.Gateway.NewClient();
    Task<HttpClient> Member() => Network.MemberAsync();

    [Fact]
    public async Task An_event_names_its_themes_by_the_Directorys_keys_and_a_malformed_key_is_a_problem()
    {
        var organiser = await KnownOrganiser(Network);
        var created = await Create(Staff, EventBody(organiser, themes: ["climate-justice", "education", "education"]));
        Assert.Equal(["climate-justice", "education"], created.Themes);
        Assert.Equal(["climate-justice", "education"], (await (await Staff.GetAsync($"{Api}/events/{created.Id}")).ReadAs<EventResponse>()).Themes);
        foreach (var themes in new[] { new[] { "Climate Justice" }, new[] { "a--b" }, Enumerable.Range(0, 21).Select(i => $"t{i}").ToArray() })
        {
            var problem = await (await Staff.PostJson($"{Api}/events", EventBody(organiser, themes: themes))).AssertProblem(HttpStatusCode.BadRequest);
            Assert.True(problem.GetProperty("errors").TryGetProperty("themes", out _), string.Join(",", themes));
        }
    }

    [Fact]
    public async Task Staff_create_a_draft_only_staff_see_it_until_it_is_published()
    {
        var organiser = await KnownOrganiser(Network);
        var created = await Create(Staff, EventBody(organiser, kind: "Training"));

        Assert.Equal(EventStatus.Draft, created.Status);
        Assert.Equal(TimeSpan.FromHours(1), created.Start.Offset);
        await (await Anonymous.GetAsync($"{Api}/events/{created.Id}")).AssertProblem(HttpStatusCode.NotFound);
        Assert.DoesNotContain(created.Id, (await (await Anonymous.GetAsync($"{Api}/events?kind=Training")).ReadAs<Page<EventResponse>>()).Items.Select(e => e.Id));
        Assert.Contains(created.Id, (await (await Staff.GetAsync($"{Api}/events?kind=Training&pageSize=100")).ReadAs<Page<EventResponse>>()).Items.Select(e => e.Id));

        await (await Staff.PostAsync($"{Api}/events/{created.Id}/publication", null)).ReadAs<EventResponse>();

        var seen = await Anonymous.GetAsync($"{Api}/events/{created.Id}");
        var published = await seen.ReadAs<EventResponse>();
        Assert.Equal(EventStatus.Published, published.Status);
        // Who registered is for staff only (a page of its own); the public see the counts.
        await (await Anonymous.GetAsync($"{Api}/events/{created.Id}/registrations")).AssertProblem(HttpStatusCode.Unauthorized);
        Assert.Equal($"\"{published.Version}\"", seen.Headers.ETag?.Tag);
        var listed = await (await Anonymous.GetAsync($"{Api}/events?kind=Training&municipalityAgs=05314000&from={Uri.EscapeDataString(published.Start.AddDays(-1).ToString("O"))}&pageSize=100")).ReadAs<Page<EventResponse>>();
        Assert.Contains(created.Id, listed.Items.Select(e => e.Id));
        var elsewhere = await (await Anonymous.GetAsync($"{Api}/events?kind=Webinar&pageSize=100")).ReadAs<Page<EventResponse>>();
        Assert.DoesNotContain(created.Id, elsewhere.Items.Select(e => e.Id));
    }

    [Fact]
    public async Task Only_staff_create_and_manage_events()
    {
        var organiser = await KnownOrganiser(Network);
        var published = await CreatePublished(Staff, EventBody(organiser));
        var before = await StoredEvents(Network);

        await (await (await Member()).PostJson($"{Api}/events", EventBody(organiser))).AssertProblem(HttpStatusCode.Forbidden);
        await (await Anonymous.PostJson($"{Api}/events", EventBody(organiser))).AssertProblem(HttpStatusCode.Unauthorized);
        await (await (await Member()).PostJson($"{Api}/events/{published.Id}/cancellation", new { reason = "mine" })).AssertProblem(HttpStatusCode.Forbidden);
        await (await (await Member()).SendAsync(Request(HttpMethod.Put, $"{Api}/events/{published.Id}/capacity", new { capacity = 500 }))).AssertProblem(HttpStatusCode.Forbidden);

        Assert.Equal(before, await StoredEvents(Network));
    }

    [Fact]
    public async Task Dates_at_the_edge_of_the_calendar_are_a_400_and_store_nothing()
    {
        var organiser = await KnownOrganiser(Network);
        var published = await CreatePublished(Staff, EventBody(organiser));
        var before = await StoredEvents(Network);

        // Year 9999 would make the .ics end past the calendar; year 1 is a typing error.
        var lastDay = new DateTimeOffset(9999, 12, 31, 10, 0, 0, Berlin);
        var late = await (await Staff.PostJson($"{Api}/events", EventBody(organiser, start: lastDay, end: lastDay.AddHours(8),
            opens: lastDay.AddDays(-30), closes: lastDay.AddHours(-1)))).AssertProblem(HttpStatusCode.BadRequest);
        Assert.Contains("2099-12-31", late.GetProperty("errors").GetProperty("start")[0].GetString());
        var firstYear = new DateTimeOffset(1, 1, 2, 10, 0, 0, TimeSpan.Zero);
        await (await Staff.PostJson($"{Api}/events", EventBody(organiser, start: firstYear, end: firstYear.AddHours(8),
            opens: firstYear.AddHours(-24), closes: firstYear.AddHours(-1)))).AssertProblem(HttpStatusCode.BadRequest);
        var moved = new DateTimeOffset(2100, 1, 1, 10, 0, 0, Berlin);
        await (await Staff.SendAsync(Request(HttpMethod.Put, $"{Api}/events/{published.Id}/schedule", new { start = moved, end = moved.AddHours(2) })))
            .AssertProblem(HttpStatusCode.BadRequest);

        Assert.Equal(before, await StoredEvents(Network));
        (await Network.Gateway.NewClient().GetAsync($"{Api}/events/{published.Id}.ics")).EnsureSuccessStatusCode();
    }

    [Fact]
    public async Task Bad_input_is_a_problem_response_and_changes_nothing()
    {
        var organiser = await KnownOrganiser(Network);
        var published = await CreatePublished(Staff, EventBody(organiser));
        var cancelled = await CreatePublished(Staff, EventBody(organiser));
        await (await Staff.PostJson($"{Api}/events/{cancelled.Id}/cancellation", new { reason = "Venue flooded" })).ReadAs<EventResponse>();
        var before = await StoredEvents(Network);
        var start = DateTimeOffset.UtcNow.AddDays(40);

        var endBeforeStart = await (await Staff.PostJson($"{Api}/events", EventBody(organiser, start: start, end: start.AddHours(-2), closes: start.AddDays(-1)))).AssertProblem(HttpStatusCode.BadRequest);
        Assert.True(endBeforeStart.GetProperty("errors").TryGetProperty("end", out _));
        var unknown = await (await Staff.PostJson($"{Api}/events", EventBody(Guid.NewGuid()))).AssertProblem(HttpStatusCode.Conflict);
        Assert.Equal("Unknown organiser", unknown.GetProperty("title").GetString());
        await (await Staff.PostJson($"{Api}/events", EventBody(organiser, capacity: -1))).AssertProblem(HttpStatusCode.BadRequest);
        await (await Staff.PostJson($"{Api}/events", EventBody(organiser, languages: ["Deutsch"]))).AssertProblem(HttpStatusCode.BadRequest);
        await (await Staff.SendAsync(Request(HttpMethod.Put, $"{Api}/events/{published.Id}/capacity", new { capacity = -5 }))).AssertProblem(HttpStatusCode.BadRequest);
        await (await (await Member()).PostAsync($"{Api}/events/{cancelled.Id}/registrations", null)).AssertProblem(HttpStatusCode.Conflict);
        await (await (await Member()).PostAsync($"{Api}/events/{Guid.NewGuid()}/registrations", null)).AssertProblem(HttpStatusCode.NotFound);
        await (await Staff.GetAsync($"{Api}/events/{Guid.NewGuid()}")).AssertProblem(HttpStatusCode.NotFound);
        await (await Staff.PostAsync($"{Api}/events/{Guid.NewGuid()}/publication", null)).AssertProblem(HttpStatusCode.NotFound);
        await (await Staff.SendAsync(Request(HttpMethod.Put, $"{Api}/events/{published.Id}/schedule",
            new { start, end = start.AddHours(3) }, ifMatch: $"\"{published.Version - 1}\""))).AssertProblem(HttpStatusCode.PreconditionFailed);
        await (await Staff.PostJson($"{Api}/events/{published.Id}/held", new { })).AssertProblem(HttpStatusCode.Conflict);

        Assert.Equal(before, await StoredEvents(Network));
        var unchanged = await (await Staff.GetAsync($"{Api}/events/{published.Id}")).ReadAs<EventResponse>();
        Assert.Equal((published.Start, published.Capacity, published.Version), (unchanged.Start, unchanged.Capacity, unchanged.Version));
    }

    [Fact]
    public async Task Rescheduling_with_the_current_ETag_keeps_the_registrations()
    {
        var organiser = await KnownOrganiser(Network);
        var published = await CreatePublished(Staff, EventBody(organiser, capacity: 1));
        var first = await (await (await Member()).PostAsync($"{Api}/events/{published.Id}/registrations", null)).ReadAs<RegistrationResponse>(HttpStatusCode.Created);
        var second = await (await (await Member()).PostAsync($"{Api}/events/{published.Id}/registrations", null)).ReadAs<RegistrationResponse>(HttpStatusCode.Created);
        var current = await Staff.GetAsync($"{Api}/events/{published.Id}");
        var newStart = published.Start.AddDays(7);

        var rescheduled = await (await Staff.SendAsync(Request(HttpMethod.Put, $"{Api}/events/{published.Id}/schedule",
            new { start = newStart, end = newStart.AddHours(4) }, ifMatch: current.Headers.ETag!.Tag))).ReadAs<EventResponse>();

        Assert.Equal(newStart, rescheduled.Start);
        Assert.Equal([(first.RegistrationId, RegistrationStatus.Confirmed), (second.RegistrationId, RegistrationStatus.Waitlisted)],
            (await RegistrationsOf(Staff, published.Id)).Select(r => (r.RegistrationId, r.Status)));
        Assert.Equal(1, await HttpAssertions.CountRows(Network.EventsDatabase, $"mt_events where stream_id = '{published.Id}' and type = 'event_rescheduled'"));
    }

    [Fact]
    public async Task Changing_capacity_never_removes_confirmed_people_and_raising_it_promotes_in_order()
    {
        var organiser = await KnownOrganiser(Network);
        var published = await CreatePublished(Staff, EventBody(organiser, capacity: 2));
        var regs = new List<RegistrationResponse>();
        for (var i = 0; i < 5; i++)
            regs.Add(await (await (await Member()).PostAsync($"{Api}/events/{published.Id}/registrations", null)).ReadAs<RegistrationResponse>(HttpStatusCode.Created));

        var lowered = await (await Staff.SendAsync(Request(HttpMethod.Put, $"{Api}/events/{published.Id}/capacity", new { capacity = 1 }))).ReadAs<EventResponse>();
        Assert.Equal((1, 2, 3), (lowered.Capacity, lowered.ConfirmedCount, lowered.WaitlistedCount));

        var raised = await (await Staff.SendAsync(Request(HttpMethod.Put, $"{Api}/events/{published.Id}/capacity", new { capacity = 4 }))).ReadAs<EventResponse>();
        Assert.Equal((4, 4, 1), (raised.Capacity, raised.ConfirmedCount, raised.WaitlistedCount));
        Assert.Equal(regs[4].RegistrationId, (await RegistrationsOf(Staff, published.Id)).Single(r => r.Status == RegistrationStatus.Waitlisted).RegistrationId);
    }

    [Fact]
    public async Task A_held_event_is_documented_with_a_summary_and_links()
    {
        var organiser = await KnownOrganiser(Network);
        var now = DateTimeOffset.UtcNow.ToOffset(Berlin);
        var published = await CreatePublished(Staff, EventBody(organiser, start: now.AddHours(-2), end: now.AddHours(1), opens: now.AddDays(-3), closes: now.AddHours(-2)));

        await (await Staff.PostAsync($"{Api}/events/{published.Id}/held", null)).ReadAs<EventResponse>();
        var documented = await (await Staff.SendAsync(Request(HttpMethod.Put, $"{Api}/events/{published.Id}/documentation",
            new { summary = "Forty municipalities took part.", links = new[] { "https://example.org/slides.pdf" } }))).ReadAs<EventResponse>();

        Assert.Equal(EventStatus.Documented, documented.Status);
        Assert.Equal("Forty municipalities took part.", documented.Summary);
        Assert.Equal(["https://example.org/slides.pdf"], documented.Links);
        await (await (await Member()).PostAsync($"{Api}/events/{published.Id}/registrations", null)).AssertProblem(HttpStatusCode.Conflict);
    }
}
