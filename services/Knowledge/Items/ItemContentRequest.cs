using System.Text.RegularExpressions;
using Network.Platform.Http;
using Network.Platform.Text;

namespace Network.Knowledge.Items;

/// <summary>An item's content as a client sends it (for a new item and for every revision).</summary>
public sealed record ItemContentRequest(
    LocalizedText? Title,
    LocalizedText? Summary,
    IReadOnlyDictionary<string, LocalizedText>? Sections,
    string? MunicipalityAgs,
    IReadOnlyList<Guid>? Organisations,
    IReadOnlyList<string>? Themes,
    IReadOnlyList<int>? Sdgs,
    IReadOnlyList<string>? Countries,
    PublicationDetails? Publication = null,
    ProjectDetails? Project = null,
    IReadOnlyList<Guid>? Events = null);

/// <summary>The limits of an item's content, each a 400 with the field's name when broken.</summary>
public static partial class ItemContentRules
{
    public const int MaxTitle = 300, MaxSummary = 2_000, MaxSection = 10_000, MaxList = 20, MaxCountries = 50, MaxAuthors = 30, MaxName = 300;

    [GeneratedRegex("^[A-Z]{2}$")]
    private static partial Regex CountryCode();

    public static ItemContent Validate(ItemType type, ItemContentRequest? r)
    {
        var v = new Validation();
        if (r is null) { v.Add("content", "The item's content is required."); v.ThrowIfInvalid(); }
        if (r!.Title is null || r.Title.IsEmpty) v.Add("title", "'title' needs a German or an English text (or both).");
        v.MaxLength("title.de", r.Title?.De, MaxTitle).MaxLength("title.en", r.Title?.En, MaxTitle)
            .MaxLength("summary.de", r.Summary?.De, MaxSummary).MaxLength("summary.en", r.Summary?.En, MaxSummary);
        var allowed = ItemSections.Of(type);
        foreach (var (key, text) in r.Sections ?? new Dictionary<string, LocalizedText>())
        {
            if (!allowed.Contains(key)) v.Add($"sections.{key}", $"A {type} has the sections {string.Join(", ", allowed)}.");
            v.MaxLength($"sections.{key}.de", text?.De, MaxSection).MaxLength($"sections.{key}.en", text?.En, MaxSection);
        }
        if (r.MunicipalityAgs is not null) v.MunicipalityKey("municipalityAgs", r.MunicipalityAgs);
        if (r.Organisations is { Count: > MaxList }) v.Add("organisations", $"At most {MaxList} organisations.");
        if (r.Organisations?.Any(o => o == Guid.Empty) == true) v.Add("organisations", "An organisation id cannot be empty.");
        if (r.Events is { Count: > MaxList }) v.Add("events", $"At most {MaxList} events.");
        if (r.Events?.Any(e => e == Guid.Empty) == true) v.Add("events", "An event id cannot be empty.");
        v.ThemeKeyList("themes", r.Themes, MaxList);
        if (r.Sdgs?.Any(s => s is < 1 or > 17) == true) v.Add("sdgs", "SDGs are the numbers 1 to 17.");
        if (r.Countries is { Count: > MaxCountries }) v.Add("countries", $"At most {MaxCountries} countries.");
        if (r.Countries?.Any(c => c is null || !CountryCode().IsMatch(c)) == true) v.Add("countries", "Countries are ISO 3166-1 alpha-2 codes in capitals, e.g. \"GH\".");
        PublicationRules(type, r.Publication, v);
        ProjectRules(type, r.Project, v);
        v.ThrowIfInvalid();
        return new ItemContent(
            r.Title!.Trimmed(), (r.Summary ?? LocalizedText.Empty).Trimmed(),
            (r.Sections ?? new Dictionary<string, LocalizedText>())
                .Where(s => s.Value is { IsEmpty: false })
                .ToDictionary(s => s.Key, s => s.Value.Trimmed()),
            r.MunicipalityAgs, [.. (r.Organisations ?? []).Distinct()], [.. (r.Themes ?? []).Distinct()],
            [.. (r.Sdgs ?? []).Distinct().Order()], [.. (r.Countries ?? []).Distinct()],
            type == ItemType.Publication ? r.Publication : null, type == ItemType.CooperationProject ? r.Project : null)
        {
            Events = [.. (r.Events ?? []).Distinct()],
        };
    }

    static void PublicationRules(ItemType type, PublicationDetails? p, Validation v)
    {
        if (type != ItemType.Publication)
        {
            if (p is not null) v.Add("publication", "Only a publication has publication details.");
            return;
        }
        if (p is null) { v.Add("publication", "A publication needs its authors and year."); return; }
        if (p.Authors is null || p.Authors.Count == 0) v.Add("publication.authors", "A publication needs at least one author.");
        else if (p.Authors.Count > MaxAuthors) v.Add("publication.authors", $"At most {MaxAuthors} authors.");
        else if (p.Authors.Any(a => string.IsNullOrWhiteSpace(a) || a.Length > MaxName)) v.Add("publication.authors", $"Each author is a name of 1 to {MaxName} characters.");
        if (p.Year is < 1950 or > 2100) v.Add("publication.year", "'year' must lie between 1950 and 2100.");
        v.MaxLength("publication.publisher", p.Publisher, MaxName);
    }

    static void ProjectRules(ItemType type, ProjectDetails? p, Validation v)
    {
        if (type != ItemType.CooperationProject)
        {
            if (p is not null) v.Add("project", "Only a cooperation project has project details.");
            return;
        }
        if (p is null) { v.Add("project", "A cooperation project needs its donor and implementing organisation."); return; }
        v.Required("project.donor", p.Donor, MaxName).Required("project.implementingOrganisation", p.ImplementingOrganisation, MaxName)
            .Day("project.from", p.From).Day("project.to", p.To);
        if (p.From is { } from && p.To is { } to && to < from) v.Add("project.to", "'to' cannot lie before 'from'.");
        if (p.Budget is { } budget && !Enum.IsDefined(budget)) v.Add("project.budget", $"'budget' must be one of: {string.Join(", ", Enum.GetNames<BudgetRange>())}.");
    }
}
