using System.Text.RegularExpressions;

namespace Network.Platform.Http;

/// <summary>
/// The German official municipality key (Amtlicher Gemeindeschlüssel, AGS) every service names places by:
/// 8 digits, the first two a federal state 01 (Schleswig-Holstein) to 16 (Thüringen), e.g. 05314000 for Bonn.
/// </summary>
public static partial class MunicipalityKeys
{
    [GeneratedRegex("^(0[1-9]|1[0-6])[0-9]{6}$")]
    private static partial Regex Format();

    public static bool IsValid(string? ags) => ags is not null && Format().IsMatch(ags);

    public static string Explanation(string field) =>
        $"'{field}' must be the municipality's 8-digit official key (AGS) starting with a federal state 01-16, e.g. 05314000 for Bonn.";

    /// <summary>Adds a field error unless <paramref name="value"/> is absent or a valid AGS.</summary>
    public static Validation MunicipalityKey(this Validation validation, string field, string? value) =>
        value is null || IsValid(value) ? validation : validation.Add(field, Explanation(field));

    /// <summary>Adds a field error unless <paramref name="value"/> is a valid AGS (missing is an error too).</summary>
    public static Validation RequiredMunicipalityKey(this Validation validation, string field, string? value) =>
        string.IsNullOrWhiteSpace(value)
            ? validation.Add(field, $"'{field}' is required: a municipality's 8-digit official key (AGS).")
            : validation.MunicipalityKey(field, value);
}
