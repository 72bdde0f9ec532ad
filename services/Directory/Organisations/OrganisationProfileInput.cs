using Network.Platform.Text;
using System.Text.RegularExpressions;
using Network.Directory.Municipalities;
using Network.Directory.Vocabularies;
using Network.Platform.Http;

namespace Network.Directory.Organisations;

/// <summary>
/// The profile fields a client may send when registering, recording or updating an organisation. On update,
/// a field left out (null) keeps its value; an empty list or empty string clears it.
/// </summary>
public interface IOrganisationProfileInput
{
    LocalizedText? Description { get; }
    PostalAddress? Address { get; }
    string? Website { get; }
    IReadOnlyList<string>? Countries { get; }
    IReadOnlyList<string>? Themes { get; }
    IReadOnlyList<string>? Languages { get; }
    IReadOnlyList<int>? Sdgs { get; }
    string? ContactEmail { get; }
    Visibility? Visibility { get; }
    Visibility? ContactVisibility { get; }
}

/// <summary>The rules of a profile: lengths, code lists, formats. Shared by every use case that sets one.</summary>
public static partial class OrganisationProfileRules
{
    public const int MaxNameLength = 200;
    public const int MaxShortDescriptionLength = 1000;
    public const int MaxDescriptionLength = 10_000;
    public const int MaxWebsiteLength = 500;
    public const int MaxContactEmailLength = 254;
    public const int MaxStreetLength = 200;
    public const int MaxPostalCodeLength = 16;
    public const int MaxCityLength = 100;
    public const int MaxCountries = 60;
    public const int MaxThemes = 20;
    public const int MaxLanguages = 30;

    [GeneratedRegex(@"^[^@\s]+@[^@\s]+\.[^@\s]+$")]
    private static partial Regex EmailFormat();

    /// <summary>Name, kind and municipality as a new organisation needs them.</summary>
    public static void Identity(Validation validation, string? name, OrganisationKind? kind, string? ags, string? shortDescription)
    {
        validation
            .Required("name", name, MaxNameLength)
            .Defined("kind", kind)
            .Required("shortDescription", shortDescription, MaxShortDescriptionLength)
            .RequiredMunicipalityKey("municipalityAgs", ags);
    }

    /// <summary>
    /// Validates the profile fields into <paramref name="validation"/> and returns the details they describe:
    /// what was sent, normalised (trimmed, codes in canonical case, lists de-duplicated and sorted), and what
    /// was left out taken from <paramref name="basis"/>.
    /// </summary>
    public static OrganisationDetails Details(
        Validation validation, IOrganisationProfileInput input, OrganisationDetails basis, ThemeCatalogue themes)
    {
        var description = input.Description is { } d
            ? new LocalizedText(Text(validation, "description.de", d.De, MaxDescriptionLength), Text(validation, "description.en", d.En, MaxDescriptionLength))
            : basis.Description;

        var address = basis.Address;
        if (input.Address is { } a)
        {
            var street = Text(validation, "address.street", a.Street, MaxStreetLength);
            var postalCode = Text(validation, "address.postalCode", a.PostalCode, MaxPostalCodeLength);
            var city = Text(validation, "address.city", a.City, MaxCityLength);
            address = street is null && postalCode is null && city is null ? null : new PostalAddress(street, postalCode, city);
        }

        var website = basis.Website;
        if (input.Website is not null)
        {
            website = Text(validation, "website", input.Website, MaxWebsiteLength);
            validation.WebAddress("website", website);
        }

        var email = basis.ContactEmail;
        if (input.ContactEmail is not null)
        {
            email = Text(validation, "contactEmail", input.ContactEmail, MaxContactEmailLength);
            if (email is not null && !EmailFormat().IsMatch(email))
                validation.Add("contactEmail", "'contactEmail' must be an e-mail address such as info@example.org.");
        }

        var countries = input.Countries is null ? basis.Countries
            : Codes(validation, "countries", input.Countries, MaxCountries, Vocabularies.Countries.Normalise, Vocabularies.Countries.IsValid,
                "is not an ISO 3166-1 alpha-2 country code (two letters, e.g. DE, GH, VN)");
        var languages = input.Languages is null ? basis.Languages
            : Codes(validation, "languages", input.Languages, MaxLanguages, Vocabularies.Languages.Normalise, Vocabularies.Languages.IsValid,
                "is not an ISO 639-1 language code (two letters, e.g. de, en, fr)");
        var themeKeys = input.Themes is null ? basis.Themes
            : Codes(validation, "themes", input.Themes, MaxThemes, key => key.Trim(), themes.IsKnown,
                "is not a theme of the vocabulary (GET /vocabularies/themes)");

        var sdgs = basis.Sdgs;
        if (input.Sdgs is not null)
        {
            foreach (var goal in input.Sdgs.Where(g => !Vocabularies.Sdgs.IsValid(g)).Distinct())
                validation.Add("sdgs", $"'{goal}' is not a Sustainable Development Goal; goals are numbered {Vocabularies.Sdgs.First} to {Vocabularies.Sdgs.Last}.");
            sdgs = input.Sdgs.Distinct().Order().ToList();
        }

        if (input.Visibility is { } v && !Enum.IsDefined(v))
            validation.Add("visibility", $"'visibility' must be one of: {string.Join(", ", Enum.GetNames<Visibility>())}.");
        var visibility = input.Visibility ?? basis.Visibility;

        if (input.ContactVisibility is { } chosen && !Enum.IsDefined(chosen))
            validation.Add("contactVisibility", "'contactVisibility' must be Public, Members or Staff.");
        return new OrganisationDetails(description, address, website, countries, themeKeys, languages, sdgs, email, visibility,
            input.ContactVisibility ?? basis.ContactVisibility);
    }

    /// <summary>Trimmed text, null when blank; over-long text is a field error.</summary>
    static string? Text(Validation validation, string field, string? value, int maxLength)
    {
        if (string.IsNullOrWhiteSpace(value)) return null;
        var trimmed = value.Trim();
        validation.MaxLength(field, trimmed, maxLength);
        return trimmed;
    }

    static IReadOnlyList<string> Codes(
        Validation validation, string field, IReadOnlyList<string> values, int maxCount,
        Func<string, string> normalise, Func<string, bool> isValid, string explanation)
    {
        if (values.Count > maxCount) validation.Add(field, $"'{field}' may name at most {maxCount} entries (it has {values.Count}).");
        var codes = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var value in values)
        {
            if (value is null) { validation.Add(field, $"'{field}' must not contain null."); continue; }
            var code = normalise(value);
            if (code.Length > 64 || !isValid(code))
                validation.Add(field, $"'{Shorten(value)}' {explanation}.");
            else codes.Add(code);
        }
        return codes.ToList();
    }

    static string Shorten(string value) => value.Length <= 20 ? value : value[..20] + "…";
}
