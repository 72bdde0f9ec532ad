namespace Network.Platform.Time;

/// <summary>
/// The platform's local time: Germany's, Europe/Berlin with its daylight-saving changes. Days people give ("today",
/// a stage change, a partnership's start) are days in Berlin, and files people open elsewhere (calendars, spreadsheets)
/// show Berlin's wall-clock time.
/// </summary>
public static class BerlinTime
{
    public const string TzId = "Europe/Berlin";

    public static readonly TimeZoneInfo Zone = TimeZoneInfo.FindSystemTimeZoneById(TzId);

    /// <summary>The wall-clock time in Berlin at that moment (a DateTime of kind Unspecified: no zone of its own).</summary>
    public static DateTime WallClock(DateTimeOffset moment) =>
        DateTime.SpecifyKind(TimeZoneInfo.ConvertTime(moment, Zone).DateTime, DateTimeKind.Unspecified);

    /// <summary>The same moment with Berlin's offset at that moment (+01:00 in winter, +02:00 in summer).</summary>
    public static DateTimeOffset WithBerlinOffset(DateTimeOffset moment) => TimeZoneInfo.ConvertTime(moment, Zone);

    /// <summary>
    /// The moment a Berlin wall-clock time names, with Berlin's offset then. A time the clocks skip in spring is read with the
    /// offset before the change, one they repeat in autumn as its first occurrence (.NET's rules for such times).
    /// </summary>
    public static DateTimeOffset At(DateTime wallClock)
    {
        var local = DateTime.SpecifyKind(wallClock, DateTimeKind.Unspecified);
        return new DateTimeOffset(local, Zone.GetUtcOffset(local));
    }

    /// <summary>The day it is in Berlin: a change recorded at 00:30 German time is not refused as lying in the future.</summary>
    public static DateOnly Today(DateTimeOffset now) => DateOnly.FromDateTime(WallClock(now));
}
