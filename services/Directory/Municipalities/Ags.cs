using System.Text.RegularExpressions;

namespace Network.Directory.Municipalities;

/// <summary>
/// The Amtlicher Gemeindeschlüssel: 8 digits, the first two naming the federal state (01 Schleswig-Holstein ...
/// 16 Thüringen). Bonn is 05314000, Kiel 01002000, Leipzig 14713000, München 09162000, Düren 05358008.
/// </summary>
public static partial class Ags
{
    [GeneratedRegex("^[0-9]{8}$")]
    public static partial Regex Format();

    public static bool IsValid(string? ags) =>
        ags is not null && Format().IsMatch(ags) && int.Parse(ags[..2]) is >= 1 and <= 16;

    /// <summary>The federal state a valid AGS lies in.</summary>
    public static string FederalState(string ags) => FederalStates.NameOf(ags[..2]);

    public const string Explanation =
        "'municipalityAgs' must be the municipality's 8-digit official key (AGS) starting with a federal state 01-16, e.g. 05314000 for Bonn.";
}
