using Network.Platform.Text;

namespace Network.Knowledge.Items;

/// <summary>
/// Where an item came from, kept both ways: the source (a forum thread promoted into it) links to the item, and the item
/// to its source by kind, id, its address at the gateway and its title when it was linked.
/// </summary>
public sealed record SourceLink(string Kind, Guid Id, string Path, string Title)
{
    public const string ForumThread = "ForumThread";
}

/// <summary>A publication's PDF as readers are told about it: its name, size, pages and SHA-256 (the download's ETag).</summary>
public sealed record PublicationFile(string FileName, long Length, int Pages, string Sha256);

/// <summary>A publication's bibliographic details (the file itself comes later).</summary>
public sealed record PublicationDetails(IReadOnlyList<string> Authors, int Year, string? Publisher);

/// <summary>A development-cooperation project: who pays, who implements, where, when, roughly how much.</summary>
public sealed record ProjectDetails(string Donor, string ImplementingOrganisation, DateOnly? From, DateOnly? To, BudgetRange? Budget);

/// <summary>Budget ranges instead of amounts: what partners publish, and enough to compare projects.</summary>
public enum BudgetRange { Under50k, From50kTo250k, From250kTo1m, Over1m }

/// <summary>
/// What an item says, as one value: every revision stores it whole, and the diff between two revisions compares two of
/// them. Texts are German and English (either may be missing: <see cref="MissingTranslations"/> names the gaps).
/// </summary>
public sealed record ItemContent(
    LocalizedText Title,
    LocalizedText Summary,
    IReadOnlyDictionary<string, LocalizedText> Sections,
    string? MunicipalityAgs,
    IReadOnlyList<Guid> Organisations,
    IReadOnlyList<string> Themes,
    IReadOnlyList<int> Sdgs,
    IReadOnlyList<string> Countries,
    PublicationDetails? Publication = null,
    ProjectDetails? Project = null)
{
    /// <summary>
    /// The events of the Events service the item came out of (held or documented when linked); shown as they stand now by
    /// <c>GET /items/{id}/links</c>.
    /// </summary>
    public IReadOnlyList<Guid> Events { get; init; } = [];

    /// <summary>
    /// The same content, field by field (a record's own equality compares its lists and dictionaries by reference, and
    /// PostgreSQL's jsonb gives a dictionary's keys back in an order of its own).
    /// </summary>
    public bool SameAs(ItemContent other) =>
        Title == other.Title && Summary == other.Summary && MunicipalityAgs == other.MunicipalityAgs
        && Sections.Count == other.Sections.Count
        && Sections.All(s => other.Sections.TryGetValue(s.Key, out var text) && text == s.Value)
        && Organisations.SequenceEqual(other.Organisations) && Themes.SequenceEqual(other.Themes)
        && Sdgs.SequenceEqual(other.Sdgs) && Countries.SequenceEqual(other.Countries) && Events.SequenceEqual(other.Events)
        && SamePublication(Publication, other.Publication) && Project == other.Project;

    static bool SamePublication(PublicationDetails? a, PublicationDetails? b) =>
        a is null || b is null ? a is null && b is null : a.Year == b.Year && a.Publisher == b.Publisher && a.Authors.SequenceEqual(b.Authors);

    /// <summary>The texts as "field: text" pairs in a fixed order: what the diff and search read.</summary>
    public IEnumerable<(string Field, string? De, string? En)> Texts(ItemType type)
    {
        yield return ("title", Title.De, Title.En);
        yield return ("summary", Summary.De, Summary.En);
        foreach (var key in ItemSections.Of(type))
            if (Sections.TryGetValue(key, out var text)) yield return ($"sections.{key}", text.De, text.En);
    }

    /// <summary>Each text with one language but not the other, as "field.de" or "field.en" (shown as missing to readers).</summary>
    public IReadOnlyList<string> MissingTranslations(ItemType type) =>
    [
        .. Texts(type).SelectMany(t => (string.IsNullOrWhiteSpace(t.De), string.IsNullOrWhiteSpace(t.En)) switch
        {
            (true, false) => [$"{t.Field}.de"],
            (false, true) => [$"{t.Field}.en"],
            _ => Array.Empty<string>(),
        }),
    ];

    /// <summary>The languages the item has text in ("de", "en").</summary>
    public IReadOnlyList<string> Languages(ItemType type)
    {
        var texts = Texts(type).ToList();
        return [.. new[] { ("de", texts.Any(t => !string.IsNullOrWhiteSpace(t.De))), ("en", texts.Any(t => !string.IsNullOrWhiteSpace(t.En))) }
            .Where(l => l.Item2).Select(l => l.Item1)];
    }
}
