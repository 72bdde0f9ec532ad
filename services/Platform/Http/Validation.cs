using System.Text.RegularExpressions;

namespace Network.Platform.Http;

/// <summary>
/// Collects field errors of one request and throws them together as a 400. Keeps handlers declarative:
/// <c>new Validation().Required("name", name, 200).ThrowIfInvalid();</c>
/// </summary>
public sealed partial class Validation
{
    /// <summary>The longest e-mail address SMTP carries (RFC 5321's path limit less its brackets).</summary>
    public const int MaxEmailLength = 254;

    readonly Dictionary<string, List<string>> errors = new(StringComparer.Ordinal);

    public bool IsValid => errors.Count == 0;

    public Validation Add(string field, string message)
    {
        if (!errors.TryGetValue(field, out var list)) errors[field] = list = [];
        list.Add(message);
        return this;
    }

    public Validation Required(string field, string? value, int maxLength)
    {
        if (string.IsNullOrWhiteSpace(value)) return Add(field, $"'{field}' is required.");
        return MaxLength(field, value, maxLength);
    }

    public Validation MaxLength(string field, string? value, int maxLength) =>
        value is not null && value.Length > maxLength
            ? Add(field, $"'{field}' must be at most {maxLength} characters (it has {value.Length}).")
            : this;

    public Validation Matches(string field, string? value, Regex pattern, string explanation) =>
        value is not null && !pattern.IsMatch(value) ? Add(field, explanation) : this;

    public Validation Defined<TEnum>(string field, TEnum? value) where TEnum : struct, Enum =>
        value is null
            ? Add(field, $"'{field}' is required; one of: {string.Join(", ", Enum.GetNames<TEnum>())}.")
            : Enum.IsDefined(value.Value) ? this
            : Add(field, $"'{field}' must be one of: {string.Join(", ", Enum.GetNames<TEnum>())}.");

    /// <summary>
    /// The calendar the platform takes dates from: 2000-01-01 to 2099-12-31. Network's records start in this century;
    /// a year 1 or 9999 is a typing error, and at the calendar's edge it breaks what is derived from it (a calendar file
    /// whose end would lie past year 9999, a time-zone conversion below year 1).
    /// </summary>
    public static readonly DateOnly EarliestDay = new(2000, 1, 1), LatestDay = new(2099, 12, 31);

    /// <summary>A day within <see cref="EarliestDay"/>..<see cref="LatestDay"/> (a missing one is left to the caller).</summary>
    public Validation Day(string field, DateOnly? value) => DayBetween(field, value, EarliestDay, LatestDay);

    /// <summary>A day within a calendar of the field's own (a partnership may have begun before 2000).</summary>
    public Validation DayBetween(string field, DateOnly? value, DateOnly earliest, DateOnly latest) =>
        value is { } day && (day < earliest || day > latest)
            ? Add(field, $"'{field}' must lie between {earliest:yyyy-MM-dd} and {latest:yyyy-MM-dd}.")
            : this;

    /// <summary>A moment whose day (in its own offset) is within <see cref="EarliestDay"/>..<see cref="LatestDay"/>.</summary>
    public Validation Moment(string field, DateTimeOffset? value) =>
        value is { } moment ? Day(field, DateOnly.FromDateTime(moment.DateTime)) : this;

    /// <summary>
    /// An e-mail address (already trimmed; null is left to the caller): at most <see cref="MaxEmailLength"/> characters, one
    /// <c>@</c> with something before it and a dotted domain after it, no white space. Whether it reaches anyone only a mail can tell.
    /// </summary>
    public Validation Email(string field, string? value) =>
        value is null ? this
        : value.Length > MaxEmailLength ? MaxLength(field, value, MaxEmailLength)
        : Matches(field, value, EmailFormat(), $"'{field}' must be an e-mail address such as name@example.org.");

    [GeneratedRegex(@"^[^@\s]+@[^@\s]+\.[^@\s]+$")]
    private static partial Regex EmailFormat();

    public Validation Range(string field, int value, int min, int max) =>
        value < min || value > max ? Add(field, $"'{field}' must be between {min} and {max}.") : this;

    /// <summary>
    /// Text at most <paramref name="maxLength"/> characters without control characters (tab, line feed and carriage return
    /// are text): a NUL or an escape character in a name is an error of the client's, and PostgreSQL refuses NUL.
    /// </summary>
    public Validation Text(string field, string? value, int maxLength)
    {
        if (value is null) return this;
        if (value.Length > maxLength)
            return Add(field, $"'{field}' must be at most {maxLength} characters (it has {value.Length}).");
        if (HasControlCharacter(value))
            return Add(field, $"'{field}' must not contain control characters (such as U+0000).");
        return this;
    }

    /// <summary>A control character other than tab, line feed and carriage return.</summary>
    public static bool HasControlCharacter(string text)
    {
        foreach (var c in text)
            if (char.IsControl(c) && c is not ('\t' or '\n' or '\r')) return true;
        return false;
    }

    public void ThrowIfInvalid()
    {
        if (!IsValid)
            throw new RequestValidationException(errors.ToDictionary(e => e.Key, e => e.Value.ToArray()));
    }
}
