using System.Collections.Frozen;

namespace Network.Directory.Vocabularies;

/// <remarks>Shipped as data in code (<c>Languages.Data.cs</c>) so validation does not depend on the machine's ICU.</remarks>
public static partial class Languages
{
    static readonly VocabularyEntry[] All = Data();
    static readonly FrozenSet<string> Codes = All.Select(c => c.Code).ToFrozenSet(StringComparer.Ordinal);

    public static IReadOnlyList<VocabularyEntry> Entries => All;

    /// <summary>Whether <paramref name="code"/> is an ISO 639-1 (two-letter) code, in lower case; "deu" is not.</summary>
    public static bool IsValid(string? code) => code is not null && Codes.Contains(code);

    /// <summary>The canonical form of what a client sent (trimmed, lower case); validate it with <see cref="IsValid"/>.</summary>
    public static string Normalise(string code) => code.Trim().ToLowerInvariant();
}
