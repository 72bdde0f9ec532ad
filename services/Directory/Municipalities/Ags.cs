using System.Text.RegularExpressions;
using Network.Platform.Http;

namespace Network.Directory.Municipalities;

/// <summary>
/// The Amtlicher Gemeindeschlüssel: 8 digits, the first two naming the federal state (01 Schleswig-Holstein ...
/// 16 Thüringen). Bonn is 05314000, Kiel 01002000, Leipzig 14713000, München 09162000, Düren 05358008.
/// </summary>
public static partial class Ags
{
    [GeneratedRegex("^[0-9]{8}$")]
    public static partial Regex Format();

    public static bool IsValid(string? ags) => MunicipalityKeys.IsValid(ags);

    /// <summary>The federal state a valid AGS lies in.</summary>
    public static string FederalState(string ags) => FederalStates.NameOf(ags[..2]);

    public static readonly string Explanation = MunicipalityKeys.Explanation("municipalityAgs");
}
