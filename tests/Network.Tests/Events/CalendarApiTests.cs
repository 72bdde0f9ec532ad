using System.Net;
using Ical.Net;
using Network.Events.Calendars;
using Network.Tests.Hosting;
using Xunit;
using static Network.Tests.Events.NetworkEventTestSupport;

namespace Network.Tests.Events;

/// <summary>Calendars through the Gateway: the .ics output is parsed with Ical.Net's own parser.</summary>
public class CalendarApiTests(NetworkFixture fixture) : IClassFixture<NetworkFixture>
{
    NetworkUnderTest Network => fixture.Network;
    HttpClient Staff => Network.Gateway.NewClient(Network.StaffToken);
    HttpClient Anonymous => Network.Gateway.NewClient();
    async Task<HttpClient> Person(string name) => Network.Gateway.NewClient((await Network.PersonAsync(name)).AccessToken);

    static async Task<Calendar> ReadCalendar(HttpResponseMessage response)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, text);
        Assert.Equal("text/calendar", response.Content.Headers.ContentType?.MediaType);
        return Calendar.Load(text)!;
    }

    [Fact]
    public async Task An_event_ics_parses_with_berlin_times_a_stable_uid_and_a_sequence_that_grows_with_a_reschedule()
    {
        var organiser = await KnownOrganiser(Network);
        var start = new DateTimeOffset(DateTime.UtcNow.Date.AddDays(40).AddHours(9), TimeSpan.Zero).ToOffset(Berlin);
        var published = await CreatePublished(Staff, EventBody(organiser, start: start, end: start.AddHours(8)));

        var calendar = await ReadCalendar(await Anonymous.GetAsync($"{Api}/events/{published.Id}.ics"));
        Assert.Contains(calendar.TimeZones, t => t.TzId == "Europe/Berlin");
        var vevent = Assert.Single(calendar.Events);
        Assert.Equal(EventCalendar.Uid(published.Id), vevent.Uid);
        Assert.Equal("Europe/Berlin", vevent.DtStart!.TzId);
        Assert.Equal("Europe/Berlin", vevent.DtEnd!.TzId);
        Assert.Equal(TimeZoneInfo.ConvertTime(start, TimeZoneInfo.FindSystemTimeZoneById("Europe/Berlin")).DateTime, vevent.DtStart.Value);
        Assert.NotNull(vevent.DtStamp);
        Assert.StartsWith("Bundeskonferenz Kommunale Entwicklungspolitik", vevent.Summary);
        Assert.Contains("Federal conference", vevent.Summary);
        Assert.True(vevent.Description!.IndexOf("Zwei Tage", StringComparison.Ordinal) < vevent.Description.IndexOf("Two days", StringComparison.Ordinal));
        Assert.Contains("Stadthalle Bonn", vevent.Location);
        Assert.Equal("CONFIRMED", vevent.Status);
        var firstSequence = vevent.Sequence;

        var later = start.AddDays(7);
        var rescheduled = await Staff.SendAsync(Request(HttpMethod.Put, $"{Api}/events/{published.Id}/schedule", new { start = later, end = later.AddHours(8) }));
        Assert.Equal(HttpStatusCode.OK, rescheduled.StatusCode);
        var after = Assert.Single((await ReadCalendar(await Anonymous.GetAsync($"{Api}/events/{published.Id}.ics"))).Events);
        Assert.Equal(vevent.Uid, after.Uid);
        Assert.True(after.Sequence > firstSequence, $"SEQUENCE {after.Sequence} after {firstSequence}");
        Assert.Equal(later.UtcDateTime, after.DtStart!.AsUtc);
    }

    [Fact]
    public async Task A_cancelled_event_is_cancelled_in_its_ics_and_drafts_and_unknown_ids_are_404()
    {
        var organiser = await KnownOrganiser(Network);
        var published = await CreatePublished(Staff, EventBody(organiser));
        Assert.Equal(HttpStatusCode.OK, (await Staff.PostJson($"{Api}/events/{published.Id}/cancellation", new { reason = "Sturm" })).StatusCode);

        var vevent = Assert.Single((await ReadCalendar(await Anonymous.GetAsync($"{Api}/events/{published.Id}.ics"))).Events);
        Assert.Equal("CANCELLED", vevent.Status);

        var draft = await Create(Staff, EventBody(organiser));
        await (await Anonymous.GetAsync($"{Api}/events/{draft.Id}.ics")).AssertProblem(HttpStatusCode.NotFound);
        await (await Anonymous.GetAsync($"{Api}/events/{Guid.NewGuid()}.ics")).AssertProblem(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task A_personal_feed_lists_own_active_registrations_shows_cancellations_and_a_reset_invalidates_the_old_url()
    {
        var organiser = await KnownOrganiser(Network);
        var kept = await CreatePublished(Staff, EventBody(organiser));
        var called = await CreatePublished(Staff, EventBody(organiser));
        var left = await CreatePublished(Staff, EventBody(organiser));
        var other = await CreatePublished(Staff, EventBody(organiser));
        var ana = await Person("Ana");
        var ben = await Person("Ben");
        foreach (var e in new[] { kept, called, left })
            Assert.Equal(HttpStatusCode.Created, (await ana.PostAsync($"{Api}/events/{e.Id}/registrations", null)).StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await ben.PostAsync($"{Api}/events/{other.Id}/registrations", null)).StatusCode);
        var mine = await (await ana.GetAsync($"{Api}/registrations/mine")).ReadAs<List<Network.Events.Registrations.RegistrationResponse>>();
        var leftRegistration = mine.Single(r => r.EventId == left.Id).RegistrationId;
        Assert.Equal(HttpStatusCode.NoContent, (await ana.DeleteAsync($"{Api}/events/{left.Id}/registrations/{leftRegistration}")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await Staff.PostJson($"{Api}/events/{called.Id}/cancellation", new { reason = "Krankheit" })).StatusCode);

        await (await Anonymous.PostAsync($"{Api}/calendar-feeds/mine", null)).AssertProblem(HttpStatusCode.Unauthorized);
        var feed = await (await ana.PostAsync($"{Api}/calendar-feeds/mine", null)).ReadAs<CalendarFeedResponse>(HttpStatusCode.Created);
        // Absolute and through the gateway: the address a calendar app subscribes to.
        var feeds = $"{Network.Gateway.Address}api/events/calendar-feeds/";
        Assert.Matches($"^{System.Text.RegularExpressions.Regex.Escape(feeds)}[A-Za-z0-9_-]{{43}}\\.ics$", feed.Url);

        var calendar = await ReadCalendar(await Anonymous.GetAsync(feed.Url));
        var byUid = calendar.Events.ToDictionary(e => e.Uid!);
        Assert.Equal(new[] { EventCalendar.Uid(called.Id), EventCalendar.Uid(kept.Id) }.Order(), byUid.Keys.Order());
        Assert.Equal("CONFIRMED", byUid[EventCalendar.Uid(kept.Id)].Status);
        Assert.Equal("CANCELLED", byUid[EventCalendar.Uid(called.Id)].Status);

        var reset = await (await ana.PostAsync($"{Api}/calendar-feeds/mine", null)).ReadAs<CalendarFeedResponse>(HttpStatusCode.Created);
        Assert.NotEqual(feed.Url, reset.Url);
        await (await Anonymous.GetAsync(feed.Url)).AssertProblem(HttpStatusCode.NotFound);
        Assert.Equal(2, (await ReadCalendar(await Anonymous.GetAsync(reset.Url))).Events.Count);
        await (await Anonymous.GetAsync($"{Api}/calendar-feeds/{new string('x', 43)}.ics")).AssertProblem(HttpStatusCode.NotFound);

        var token = reset.Url[feeds.Length..^".ics".Length];
        Assert.Equal(0, await HttpAssertions.CountRows(Network.EventsDatabase, $"mt_doc_calendarfeed where data::text like '%{token}%'"));
    }

    static HttpRequestMessage IfNoneMatch(string url, string etag)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, url);
        request.Headers.IfNoneMatch.Add(new System.Net.Http.Headers.EntityTagHeaderValue(etag));
        return request;
    }

    [Fact]
    public async Task Calendar_clients_that_poll_get_304_until_the_event_changes()
    {
        var organiser = await KnownOrganiser(Network);
        var published = await CreatePublished(Staff, EventBody(organiser));
        var ana = await Person("Ana");
        Assert.Equal(HttpStatusCode.Created, (await ana.PostAsync($"{Api}/events/{published.Id}/registrations", null)).StatusCode);
        var feed = await (await ana.PostAsync($"{Api}/calendar-feeds/mine", null)).ReadAs<CalendarFeedResponse>(HttpStatusCode.Created);
        var ics = $"{Api}/events/{published.Id}.ics";

        var first = await Anonymous.GetAsync(ics);
        var etag = first.Headers.ETag?.Tag;
        Assert.NotNull(etag);
        var again = await Anonymous.GetAsync(ics);
        Assert.Equal(await first.Content.ReadAsStringAsync(), await again.Content.ReadAsStringAsync()); // DTSTAMP is the last change, not "now"
        var unchanged = await Anonymous.SendAsync(IfNoneMatch(ics, etag));
        Assert.Equal(HttpStatusCode.NotModified, unchanged.StatusCode);
        Assert.Empty(await unchanged.Content.ReadAsByteArrayAsync());
        var feedEtag = (await Anonymous.GetAsync(feed.Url)).Headers.ETag?.Tag;
        Assert.NotNull(feedEtag);
        Assert.Equal(HttpStatusCode.NotModified, (await Anonymous.SendAsync(IfNoneMatch(feed.Url, feedEtag))).StatusCode);

        var later = published.Start.AddDays(3);
        Assert.Equal(HttpStatusCode.OK, (await Staff.SendAsync(Request(HttpMethod.Put, $"{Api}/events/{published.Id}/schedule", new { start = later, end = later.AddHours(8) }))).StatusCode);

        var changed = await Anonymous.SendAsync(IfNoneMatch(ics, etag));
        var vevent = Assert.Single((await ReadCalendar(changed)).Events);
        Assert.NotEqual(etag, changed.Headers.ETag?.Tag);
        Assert.Equal(later.UtcDateTime, vevent.DtStart!.AsUtc);
        var changedFeed = await Anonymous.SendAsync(IfNoneMatch(feed.Url, feedEtag));
        Assert.Equal(later.UtcDateTime, Assert.Single((await ReadCalendar(changedFeed)).Events).DtStart!.AsUtc);
    }
}
