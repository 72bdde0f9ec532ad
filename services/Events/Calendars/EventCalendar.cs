using System.Text;
using Ical.Net;
using Ical.Net.CalendarComponents;
using Ical.Net.DataTypes;
using Ical.Net.Serialization;
using Network.Events.NetworkEvents;
using Network.Platform.Time;

namespace Network.Events.Calendars;

/// <summary>
/// Turns events into RFC 5545 text with Ical.Net: times in Europe/Berlin with the zone's rules from the time-zone database
/// (Ical.Net builds the VTIMEZONE's STANDARD and DAYLIGHT parts from NodaTime's copy of it), cancelled events as
/// STATUS:CANCELLED; Ical.Net's serializer escapes text and folds lines at 75 octets.
/// </summary>
public static class EventCalendar
{
    public const string BerlinTzId = BerlinTime.TzId;
    public const string ContentType = "text/calendar; charset=utf-8";

    /// <summary>Stable UID: the event id never changes, so calendar clients update the same entry after a reschedule.</summary>
    public static string Uid(Guid eventId) => $"{eventId:D}@events.network";

    public static string Serialize(IEnumerable<NetworkEvent> events, DateTimeOffset now, string name)
    {
        // No METHOD: these are published calendars to subscribe to or import, not iTIP scheduling messages (RFC 5546).
        var calendar = new Calendar { ProductId = "-//Network//Events//DE" };
        calendar.AddProperty("X-WR-CALNAME", name);
        var list = events.ToList();
        calendar.AddTimeZone(BerlinTimeZone(list.Count == 0 ? now : list.Min(e => e.Start)));
        foreach (var e in list) calendar.Events.Add(ToVEvent(e, now));
        return new CalendarSerializer().SerializeToString(calendar) ?? "";
    }

    /// <summary>
    /// Europe/Berlin's rules (RFC 5545 3.6.5: at least one STANDARD or DAYLIGHT part) as yearly rules for the changes at
    /// the end of March and October. Ical.Net builds them from the zone's intervals around the date it is given, and
    /// from a date between the October change and the next March one it leaves the DAYLIGHT part out, so it is given a
    /// date a year before the earliest event: both parts, in force before any event of the file.
    /// </summary>
    static VTimeZone BerlinTimeZone(DateTimeOffset earliest) =>
        VTimeZone.FromDateTimeZone(BerlinTzId, BerlinTime.WallClock(earliest).AddYears(-1), includeHistoricalData: false);

    static CalendarEvent ToVEvent(NetworkEvent e, DateTimeOffset now)
    {
        var vevent = new CalendarEvent
        {
            Uid = Uid(e.Id),
            // RFC 5545 3.8.7.2: without a METHOD, DTSTAMP is when the information was last revised; so the file
            // is the same until the event changes (ETags and 304s for clients that poll).
            DtStamp = new CalDateTime((e.LastModified == default ? now : e.LastModified).UtcDateTime, "UTC"),
            DtStart = InBerlin(e.Start),
            DtEnd = InBerlin(e.End),
            Summary = Bilingual(e.Title.De, e.Title.En, " / "),
            Description = Description(e),
            // The stream version grows with every change (a reschedule included): clients replace older copies.
            Sequence = (int)Math.Min(int.MaxValue, e.Version),
            Status = e.Status == NetworkEvents.EventStatus.Cancelled ? Ical.Net.EventStatus.Cancelled : Ical.Net.EventStatus.Confirmed,
        };
        var place = string.Join(", ", new[] { e.Venue, e.MunicipalityAgs is null ? null : $"AGS {e.MunicipalityAgs}" }.Where(s => !string.IsNullOrWhiteSpace(s)));
        if (place.Length > 0) vevent.Location = place;
        else if (e.OnlineLink is not null) vevent.Location = e.OnlineLink;
        if (e.OnlineLink is not null && Uri.TryCreate(e.OnlineLink, UriKind.Absolute, out var url)) vevent.Url = url;
        return vevent;
    }

    static CalDateTime InBerlin(DateTimeOffset time) => new(BerlinTime.WallClock(time), BerlinTzId);

    static string Bilingual(string? de, string? en, string separator) =>
        string.Join(separator, new[] { de, en }.Where(s => !string.IsNullOrWhiteSpace(s)).Distinct());

    static string Description(NetworkEvent e)
    {
        var text = new StringBuilder(Bilingual(e.Description.De, e.Description.En, "\n\n"));
        if (e.Status == NetworkEvents.EventStatus.Cancelled)
            text.Insert(0, $"ABGESAGT / CANCELLED{(string.IsNullOrWhiteSpace(e.CancellationReason) ? "" : ": " + e.CancellationReason)}\n\n");
        if (e.OnlineLink is not null) text.Append($"\n\nOnline: {e.OnlineLink}");
        if (!string.IsNullOrWhiteSpace(e.AccessibilityNotes)) text.Append($"\n\nBarrierefreiheit / Accessibility: {e.AccessibilityNotes}");
        return text.ToString().Trim();
    }
}
