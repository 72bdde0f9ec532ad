using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using Network.Events.Calendars;
using Network.Tests.Hosting;
using Xunit;
using static Network.Tests.Events.NetworkEventTestSupport;

namespace Network.Tests.Events;

/// <summary>
/// Calendars through the Gateway, read as a strict calendar program reads them (<see cref="StrictCalendar"/>: Mozilla's
/// ical.js, not the library that wrote them), every time with no RFC 5545 rule broken.
/// </summary>
public class CalendarApiTests(NetworkFixture fixture) : IClassFixture<NetworkFixture>
{
    NetworkUnderTest Network => fixture.Network;
    HttpClient Staff => Network.Gateway.NewClient(Network.StaffToken);
    HttpClient Anonymous => Network.Gateway.NewClient();
    async Task<HttpClient> Person(string name) => Network.Gateway.NewClient((await Network.PersonAsync(name)).AccessToken);

    static Task<StrictCalendar.File> ReadCalendar(HttpResponseMessage response) => StrictCalendar.Read(response);

    /// <summary>Europe/Berlin as the time-zone database has it today: CET from the last Sunday of October, CEST from the last Sunday of March.</summary>
    static void AssertBerlinRules(StrictCalendar.File calendar)
    {
        var berlin = Assert.Single(calendar.Timezones, t => t.Tzid == "Europe/Berlin");
        var standard = Assert.Single(berlin.Rules, r => r.Kind == "STANDARD");
        var daylight = Assert.Single(berlin.Rules, r => r.Kind == "DAYLIGHT");
        Assert.Equal(("+02:00", "+01:00"), (standard.OffsetFrom, standard.OffsetTo));
        Assert.Equal(("+01:00", "+02:00"), (daylight.OffsetFrom, daylight.OffsetTo));
        Assert.Contains("BYMONTH=10", standard.Rrule);
        Assert.Contains("BYMONTH=3", daylight.Rrule);
    }

    [Fact]
    public async Task An_event_ics_parses_with_berlin_times_a_stable_uid_and_a_sequence_that_grows_with_a_reschedule()
    {
        var organiser = await KnownOrganiser(Network);
        var start = new DateTimeOffset(DateTime.UtcNow.Date.AddDays(40).AddHours(9), TimeSpan.Zero).ToOffset(Berlin);
        var published = await CreatePublished(Staff, EventBody(organiser, start: start, end: start.AddHours(8)));

        var response = await Anonymous.GetAsync($"{Api}/events/{published.Id}.ics");
        var calendar = await ReadCalendar(response);
        AssertBerlinRules(calendar);
        var vevent = Assert.Single(calendar.Events);
        Assert.Equal(EventCalendar.Uid(published.Id), vevent.Uid);
        Assert.Equal("Europe/Berlin", vevent.Start.Tzid);
        Assert.Equal("Europe/Berlin", vevent.End!.Tzid);
        var berlinStart = TimeZoneInfo.ConvertTime(start, TimeZoneInfo.FindSystemTimeZoneById("Europe/Berlin")).DateTime;
        Assert.Equal(berlinStart.ToString("yyyy-MM-dd'T'HH:mm:ss"), vevent.Start.Local);
        Assert.Equal(start, vevent.Start.Utc);
        Assert.Equal($"bundeskonferenz-kommunale-entwicklungspolitik-{berlinStart:yyyy-MM-dd}.ics", ExportFiles.FileName(response));
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
        Assert.Equal(later, after.Start.Utc);
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
        AssertBerlinRules(calendar);
        var byUid = calendar.Events.ToDictionary(e => e.Uid);
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
        Assert.Equal(later, vevent.Start.Utc);
        var changedFeed = await Anonymous.SendAsync(IfNoneMatch(feed.Url, feedEtag));
        Assert.Equal(later, Assert.Single((await ReadCalendar(changedFeed)).Events).Start.Utc);
    }

    /// <summary>The last Sunday of October in the first year after today whose change is at least 40 days away.</summary>
    static DateTime NextOctoberChange()
    {
        for (var year = DateTime.UtcNow.Year; ; year++)
        {
            var day = new DateTime(year, 10, 31);
            while (day.DayOfWeek != DayOfWeek.Sunday) day = day.AddDays(-1);
            if (day > DateTime.UtcNow.AddDays(40)) return day;
        }
    }

    [Fact]
    public async Task An_event_across_the_october_change_lands_at_its_local_hours_when_read_back_by_the_files_own_rules()
    {
        // Saturday 10:00 in summer time (UTC+2) to Sunday 16:00 in winter time (UTC+1): the clocks go back in between.
        var change = NextOctoberChange();
        var start = new DateTimeOffset(change.AddDays(-1).AddHours(10), TimeSpan.FromHours(2));
        var end = new DateTimeOffset(change.AddHours(16), TimeSpan.FromHours(1));
        var organiser = await KnownOrganiser(Network);
        var published = await CreatePublished(Staff, EventBody(organiser, start: start, end: end, closes: start.AddDays(-1)));

        var calendar = await ReadCalendar(await Anonymous.GetAsync($"{Api}/events/{published.Id}.ics"));
        AssertBerlinRules(calendar);
        var vevent = Assert.Single(calendar.Events);
        Assert.Equal(($"{start:yyyy-MM-dd}T10:00:00", $"{end:yyyy-MM-dd}T16:00:00"), (vevent.Start.Local, vevent.End!.Local));
        Assert.Equal((8, 15), (vevent.Start.Utc.UtcDateTime.Hour, vevent.End.Utc.UtcDateTime.Hour));
        Assert.Equal((start, end), (vevent.Start.Utc, vevent.End.Utc));
    }

    [Fact]
    public async Task Text_with_commas_semicolons_backslashes_umlauts_and_line_breaks_survives_escaping_and_folding()
    {
        var organiser = await KnownOrganiser(Network);
        var body = JsonSerializer.SerializeToNode(EventBody(organiser), HttpAssertions.Json)!.AsObject();
        const string title = "Fachtag: Migration, Entwicklung; Klimagerechtigkeit \\ Düsseldorf–Köln–Übach-Palenberg, Größe & Vielfalt der Ehrenämter";
        const string description = "Erste Zeile; mit Semikolon, Komma.\nZweite Zeile: Grüße aus Düren!";
        body["title"] = new JsonObject { ["de"] = title };
        body["description"] = new JsonObject { ["de"] = description };
        var published = await CreatePublished(Staff, body);

        var vevent = Assert.Single((await ReadCalendar(await Anonymous.GetAsync($"{Api}/events/{published.Id}.ics"))).Events);
        Assert.Equal(title, vevent.Summary);
        Assert.StartsWith(description, vevent.Description);
    }
}
