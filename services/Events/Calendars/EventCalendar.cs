using System.Text;
using Ical.Net;
using Ical.Net.CalendarComponents;
using Ical.Net.DataTypes;
using Ical.Net.Serialization;
using Network.Events.NetworkEvents;

namespace Network.Events.Calendars;

/// <summary>Turns events into RFC 5545 text with Ical.Net (times in Europe/Berlin, cancelled events as STATUS:CANCELLED).</summary>
public static class EventCalendar
{
    public const string BerlinTzId = "Europe/Berlin";
    public const string ContentType = "text/calendar; charset=utf-8";
    static readonly TimeZoneInfo Berlin = TimeZoneInfo.FindSystemTimeZoneById(BerlinTzId);

    /// <summary>Stable UID: the event id never changes, so calendar clients update the same entry after a reschedule.</summary>
    public static string Uid(Guid eventId) => $"{eventId:D}@events.network";

    public static string Serialize(IEnumerable<NetworkEvent> events, DateTimeOffset now, string name)
    {
        // No METHOD: these are published calendars to subscribe to or import, not iTIP scheduling messages (RFC 5546).
        var calendar = new Calendar { ProductId = "-//Network//Events//DE" };
        calendar.AddProperty("X-WR-CALNAME", name);
        calendar.AddTimeZone(new VTimeZone(BerlinTzId));
        foreach (var e in events) calendar.Events.Add(ToVEvent(e, now));
        return new CalendarSerializer().SerializeToString(calendar) ?? "";
    }

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

    static CalDateTime InBerlin(DateTimeOffset time) =>
        new(DateTime.SpecifyKind(TimeZoneInfo.ConvertTime(time, Berlin).DateTime, DateTimeKind.Unspecified), BerlinTzId);

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
