using Network.Platform.Time;
using Network.Directory.Municipalities;
using Network.Platform.Http;

namespace Network.Directory.LocalNetworks;

/// <summary>The limits and date rules shared by the local-network use cases.</summary>
public static class LocalNetworkTexts
{
    public const int MaxNameLength = 200;
    public const int MaxTitleLength = 200;
    public const int MaxNoteLength = 2000;

    /// <summary>A required calendar day that has already come (today in Germany at the latest).</summary>
    public static Validation PastDate(this Validation validation, string field, DateOnly? date, DateTimeOffset now)
    {
        if (date is null) return validation.Add(field, $"'{field}' is required: a date such as 2026-03-14.");
        return date > BerlinTime.Today(now) ? validation.Add(field, $"'{field}' cannot lie in the future.") : validation.Day(field, date);
    }

    public static string? Trimmed(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();
}
