namespace Network.Directory.Municipalities;

/// <summary>One of the 16 German federal states: its two-digit code (the first two digits of every AGS in it) and name.</summary>
public sealed record FederalStateInfo(string Code, string Name);

/// <summary>The 16 federal states in the order of their official codes 01 (Schleswig-Holstein) ... 16 (Thüringen).</summary>
public static class FederalStates
{
    public static IReadOnlyList<FederalStateInfo> All { get; } =
    [
        new("01", "Schleswig-Holstein"), new("02", "Hamburg"), new("03", "Niedersachsen"), new("04", "Bremen"),
        new("05", "Nordrhein-Westfalen"), new("06", "Hessen"), new("07", "Rheinland-Pfalz"), new("08", "Baden-Württemberg"),
        new("09", "Bayern"), new("10", "Saarland"), new("11", "Berlin"), new("12", "Brandenburg"),
        new("13", "Mecklenburg-Vorpommern"), new("14", "Sachsen"), new("15", "Sachsen-Anhalt"), new("16", "Thüringen"),
    ];

    public static bool IsValidCode(string? code) => code is not null && All.Any(s => s.Code == code);

    /// <summary>The name of the state with this code (01..16).</summary>
    public static string NameOf(string code) =>
        All.FirstOrDefault(s => s.Code == code)?.Name ?? throw new ArgumentOutOfRangeException(nameof(code), code, "Not a federal state code (01..16).");
}
