using System.Text.RegularExpressions;

namespace Network.Platform.Http;

/// <summary>
/// The key of a theme of the Directory's vocabulary, as every service names themes (organisations, boards, events, knowledge
/// items): kebab-case, e.g. <c>climate-justice</c>. Services other than the Directory check the form only: staff add themes
/// to the vocabulary at any time, and the list is the Directory's.
/// </summary>
public static partial class ThemeKeys
{
    public const int MaxLength = 60;

    [GeneratedRegex("^[a-z0-9]+(-[a-z0-9]+)*$")]
    public static partial Regex Format();

    public const string Explanation = "a theme key is kebab-case: lower-case letters and digits separated by single hyphens, e.g. 'climate-justice'.";

    public static bool IsValid(string? key) => key is { Length: > 0 and <= MaxLength } && Format().IsMatch(key);

    /// <summary>Adds a field error unless every key is well-formed and there are at most <paramref name="max"/>.</summary>
    public static Validation ThemeKeyList(this Validation validation, string field, IReadOnlyList<string>? keys, int max)
    {
        if (keys is { Count: var count } && count > max) validation.Add(field, $"At most {max} themes.");
        if (keys?.Any(k => !IsValid(k)) == true) validation.Add(field, $"'{field}' are keys of the Directory's theme vocabulary: {Explanation}");
        return validation;
    }
}
