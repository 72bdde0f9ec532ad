namespace Network.Directory.Municipalities;

/// <summary>
/// Dates people give (a stage change, a partnership's start) are calendar days in Germany: "today" is today in
/// Berlin, so a change recorded at 00:30 German time is not refused as lying in the future.
/// </summary>
public static class GermanCalendar
{
    static readonly TimeZoneInfo? Berlin = Find();

    public static DateOnly Today(DateTimeOffset now) =>
        DateOnly.FromDateTime(Berlin is null ? now.UtcDateTime.AddHours(2) : TimeZoneInfo.ConvertTime(now, Berlin).DateTime);

    static TimeZoneInfo? Find()
    {
        try { return TimeZoneInfo.FindSystemTimeZoneById("Europe/Berlin"); }
        catch (TimeZoneNotFoundException) { return null; } // no tz database: CEST is the later of the two offsets
    }
}
