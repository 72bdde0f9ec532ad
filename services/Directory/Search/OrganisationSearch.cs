using System.Security.Claims;
using Network.Directory.Municipalities;
using Network.Directory.Organisations;
using Network.Directory.Vocabularies;
using Network.Platform.Auth;
using Network.Platform.Http;

namespace Network.Directory.Search;

/// <summary>What a search asks for, validated and in canonical form (the query string as the API accepts it: see <see cref="Parse"/>).</summary>
public sealed record OrganisationSearch(
    string? Text = null,
    OrganisationKind? Kind = null,
    string? FederalState = null,
    string? MunicipalityAgs = null,
    string? Theme = null,
    string? Country = null,
    string? Language = null,
    int? Sdg = null,
    VerificationState? Verification = null,
    bool IncludeArchived = false,
    SearchSort Sort = SearchSort.Name,
    int Page = 1,
    int PageSize = Paging.DefaultPageSize)
{
    public const int MaxTextLength = 200;

    /// <summary>
    /// Reads and validates the query string. Unknown values are a 400 naming the field, never an empty result:
    /// a typo in a filter must not look like "nobody there". Asking for unverified or archived entries without being
    /// staff is a 403 (401 when not signed in).
    /// </summary>
    public static OrganisationSearch Parse(IQueryCollection query, ClaimsPrincipal user, ThemeCatalogue themes)
    {
        var validation = new Validation();
        string? Single(string name)
        {
            var values = query[name];
            if (values.Count > 1) validation.Add(name, $"'{name}' may be given once.");
            var value = values.Count == 0 ? null : values[0]?.Trim();
            return string.IsNullOrEmpty(value) ? null : value;
        }

        foreach (var key in query.Keys)
            if (!KnownParameters.Contains(key))
                validation.Add(key, $"'{key}' is not a search parameter; use {string.Join(", ", KnownParameters)}.");

        var text = Single("q");
        validation.MaxLength("q", text, MaxTextLength);

        var kind = ParseEnum<OrganisationKind>(Single("kind"), "kind", validation);

        string? federalState = null;
        if (Single("state") is { } state)
        {
            federalState = FederalStates.All.FirstOrDefault(s => s.Code == state || string.Equals(s.Name, state, StringComparison.OrdinalIgnoreCase))?.Name;
            if (federalState is null)
                validation.Add("state", "'state' is a federal state's two-digit code (01..16) or its name, e.g. 05 or Nordrhein-Westfalen.");
        }

        var municipality = Single("municipality");
        validation.MunicipalityKey("municipality", municipality);

        var theme = Single("theme");
        if (theme is not null && !themes.IsKnown(theme))
            validation.Add("theme", Themes.KeyFormat().IsMatch(theme)
                ? $"'theme' '{theme}' is not in the theme vocabulary (GET /vocabularies/themes)."
                : $"'theme' is a theme key: {Themes.KeyExplanation}");

        var country = Single("country") is { } c ? Countries.Normalise(c) : null;
        if (country is not null && !Countries.IsValid(country))
            validation.Add("country", "'country' is an ISO 3166-1 alpha-2 code, e.g. GH or SN.");

        var language = Single("language") is { } l ? Languages.Normalise(l) : null;
        if (language is not null && !Languages.IsValid(language))
            validation.Add("language", "'language' is an ISO 639-1 code, e.g. de, en or fr.");

        int? sdg = null;
        if (Single("sdg") is { } s)
        {
            if (int.TryParse(s, out var goal) && Sdgs.IsValid(goal)) sdg = goal;
            else validation.Add("sdg", $"'sdg' is a Sustainable Development Goal {Sdgs.First}..{Sdgs.Last}.");
        }

        var verification = ParseEnum<VerificationState>(Single("verification"), "verification", validation);

        var includeArchived = false;
        if (Single("includeArchived") is { } archived && !bool.TryParse(archived, out includeArchived))
            validation.Add("includeArchived", "'includeArchived' is true or false.");

        var sort = (Single("sort") ?? (text is null ? "name" : "relevance")) switch
        {
            "relevance" => SearchSort.Relevance,
            "name" => SearchSort.Name,
            "-name" => SearchSort.NameDescending,
            "registeredAt" => SearchSort.RegisteredAt,
            "-registeredAt" => SearchSort.RegisteredAtDescending,
            _ => (SearchSort?)null,
        };
        if (sort is null)
            validation.Add("sort", "'sort' is one of: relevance, name, -name, registeredAt, -registeredAt.");
        else if (sort == SearchSort.Relevance && text is null)
            validation.Add("sort", "'sort=relevance' needs a text search 'q'.");

        int? page = null, pageSize = null;
        if (Single("page") is { } p)
        {
            if (int.TryParse(p, out var n)) page = n;
            else validation.Add("page", "'page' is a whole number starting at 1.");
        }
        if (Single("pageSize") is { } ps)
        {
            if (int.TryParse(ps, out var n)) pageSize = n;
            else validation.Add("pageSize", $"'pageSize' is a whole number between 1 and {Paging.MaxPageSize}.");
        }
        var (pageNumber, size) = Paging.Validate(page, pageSize, validation);
        validation.ThrowIfInvalid();

        if (!user.IsStaff() && (verification is not (null or VerificationState.Verified) || includeArchived))
            throw !user.IsSignedIn()
                ? new DomainRuleViolation("Sign in as staff to search unverified or archived organisations.", StatusCodes.Status401Unauthorized, "Sign-in required")
                : new Forbidden("Only staff search unverified or archived organisations.");

        return new OrganisationSearch(text, kind, federalState, municipality, theme, country, language, sdg, verification,
            includeArchived, sort!.Value, pageNumber, size);
    }

    static readonly string[] KnownParameters =
        ["q", "kind", "state", "municipality", "theme", "country", "language", "sdg", "verification", "includeArchived", "sort", "page", "pageSize"];

    static TEnum? ParseEnum<TEnum>(string? value, string field, Validation validation) where TEnum : struct, Enum
    {
        if (value is null) return null;
        // Names only: Enum.TryParse would also accept "3" or "1,2".
        var name = Enum.GetNames<TEnum>().FirstOrDefault(n => string.Equals(n, value, StringComparison.OrdinalIgnoreCase));
        if (name is not null) return Enum.Parse<TEnum>(name);
        validation.Add(field, $"'{field}' must be one of: {string.Join(", ", Enum.GetNames<TEnum>())}.");
        return null;
    }
}
