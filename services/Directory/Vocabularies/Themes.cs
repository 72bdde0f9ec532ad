using System.Collections.Frozen;
using System.Linq.Expressions;
using System.Text.RegularExpressions;
using Marten;
using Marten.Linq;
using Marten.Services.BatchQuerying;

namespace Network.Directory.Vocabularies;

/// <summary>
/// The controlled vocabulary of thematic areas. The built-in themes live in code; staff extend it with
/// <see cref="Theme"/> documents (POST /vocabularies/themes). A theme is never removed, so a key once used stays valid.
/// </summary>
public static partial class Themes
{
    public const int MaxKeyLength = 60;
    public const int MaxNameLength = 120;

    public static readonly IReadOnlyList<VocabularyEntry> BuiltIn =
    [
        new("migration-and-development", "Migration and development", "Migration und Entwicklung"),
        new("diaspora-engagement", "Diaspora engagement", "Diaspora-Engagement"),
        new("integration", "Integration and participation", "Integration und Teilhabe"),
        new("refugees", "Refugees and asylum", "Flucht und Asyl"),
        new("anti-racism", "Anti-racism and diversity", "Antirassismus und Vielfalt"),
        new("global-learning", "Global learning and development education", "Globales Lernen und entwicklungspolitische Bildung"),
        new("municipal-partnerships", "Municipal partnerships", "Kommunale Partnerschaften"),
        new("agenda-2030", "2030 Agenda and local sustainability", "Agenda 2030 und lokale Nachhaltigkeit"),
        new("fair-trade", "Fair trade and fair procurement", "Fairer Handel und faire Beschaffung"),
        new("climate-justice", "Climate justice and environment", "Klimagerechtigkeit und Umwelt"),
        new("human-rights", "Human rights", "Menschenrechte"),
        new("gender-equality", "Gender equality", "Geschlechtergerechtigkeit"),
        new("education", "Education and schools", "Bildung und Schule"),
        new("health", "Health", "Gesundheit"),
        new("economic-development", "Economic development and remittances", "Wirtschaftliche Entwicklung und Rücküberweisungen"),
        new("youth", "Youth", "Jugend"),
        new("culture", "Culture and the arts", "Kultur und Kunst"),
        new("peace-and-conflict", "Peace and conflict transformation", "Frieden und Konflikttransformation"),
        new("humanitarian-aid", "Humanitarian aid", "Humanitäre Hilfe"),
        new("food-and-agriculture", "Food security and agriculture", "Ernährungssicherheit und Landwirtschaft"),
        new("water-and-sanitation", "Water and sanitation", "Wasser und Sanitärversorgung"),
        new("digitalisation", "Digitalisation", "Digitalisierung"),
        new("capacity-building", "Capacity building and organisational development", "Kapazitätsaufbau und Organisationsentwicklung"),
    ];

    static readonly FrozenSet<string> BuiltInKeys = BuiltIn.Select(t => t.Code).ToFrozenSet(StringComparer.Ordinal);

    /// <summary>Whether <paramref name="key"/> is one of the built-in themes (staff-added ones: <see cref="ThemeCatalogue"/>).</summary>
    public static bool IsKnown(string? key) => key is not null && BuiltInKeys.Contains(key);

    public static Regex KeyFormat() => Network.Platform.Http.ThemeKeys.Format();

    public const string KeyExplanation = Network.Platform.Http.ThemeKeys.Explanation;
}

/// <summary>A theme staff added to the vocabulary. Its id is the key.</summary>
public sealed record Theme(string Id, string En, string De, string AddedBy, DateTimeOffset AddedAt);

/// <summary>The whole theme vocabulary at one moment: the built-in themes plus the ones staff added.</summary>
public sealed class ThemeCatalogue
{
    readonly FrozenSet<string> added;

    public ThemeCatalogue(IEnumerable<string> addedKeys) => added = addedKeys.ToFrozenSet(StringComparer.Ordinal);

    public static readonly ThemeCatalogue BuiltIn = new([]);

    public bool IsKnown(string? key) => Themes.IsKnown(key) || (key is not null && added.Contains(key));

    public static async Task<ThemeCatalogue> LoadAsync(IQuerySession session, CancellationToken ct) =>
        new(await session.Query<Theme>().Select(t => t.Id).ToListAsync(ct));

    /// <summary>The vocabulary read in a batch with other queries of the same command (compiled: every registration reads it).</summary>
    public static async Task<ThemeCatalogue> Load(IBatchedQuery batch) => new(await batch.Query(new AddedKeys()));

    /// <summary>The keys of the themes staff added.</summary>
    public sealed class AddedKeys : ICompiledListQuery<Theme, string>
    {
        public Expression<Func<IMartenQueryable<Theme>, IEnumerable<string>>> QueryIs() => themes => themes.Select(t => t.Id);
    }
}
