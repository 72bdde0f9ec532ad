using System.Collections.Frozen;

namespace Network.Directory.Vocabularies;

/// <remarks>
/// The list ships as data in code (<c>Countries.Data.cs</c>) rather than from .NET's globalization data, whose
/// region list depends on the ICU version of the machine: validation must answer the same everywhere.
/// </remarks>
public static partial class Countries
{
    static readonly VocabularyEntry[] All = Data();
    static readonly FrozenSet<string> Codes = All.Select(c => c.Code).ToFrozenSet(StringComparer.Ordinal);

    public static IReadOnlyList<VocabularyEntry> Entries => All;

    /// <summary>Whether <paramref name="code"/> is an officially assigned ISO 3166-1 alpha-2 code, in upper case.</summary>
    public static bool IsValid(string? code) => code is not null && Codes.Contains(code);

    /// <summary>The canonical form of what a client sent (trimmed, upper case); validate it with <see cref="IsValid"/>.</summary>
    public static string Normalise(string code) => code.Trim().ToUpperInvariant();
}
