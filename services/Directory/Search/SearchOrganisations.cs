using System.Security.Claims;
using Marten;
using Marten.Linq;
using Marten.Schema.Indexing.FullText;
using Microsoft.AspNetCore.Http.HttpResults;
using Network.Directory.Municipalities;
using Network.Directory.Organisations;
using Network.Directory.Organisations.Viewing;
using Network.Directory.Vocabularies;
using Network.Platform.Auth;
using Network.Platform.Http;
using Npgsql;

namespace Network.Directory.Search;

public enum SearchSort { Relevance, Name, NameDescending, RegisteredAt, RegisteredAtDescending }

/// <summary>What a search asks for, validated and in canonical form (the query string as the API accepts it: see <see cref="SearchOrganisations.Parse"/>).</summary>
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
    int PageSize = Paging.DefaultPageSize);

/// <summary>
/// GET /search/organisations: filters, text search over names and descriptions in German and English, paging and
/// sorting. Each caller searches what <see cref="OrganisationVisibility"/> lets them see.
/// </summary>
public static class SearchOrganisations
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
        if (municipality is not null && !Ags.IsValid(municipality))
            validation.Add("municipality", Ags.Explanation.Replace("'municipalityAgs'", "'municipality'"));

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

    /// <summary>The search, run: one page and the total.</summary>
    public static async Task<Page<Organisation>> RunAsync(IQuerySession session, OrganisationSearch search, ClaimsPrincipal user, CancellationToken ct)
    {
        var items = await Query(session, search, user)
            .Stats(out QueryStatistics stats)
            .Skip((search.Page - 1) * search.PageSize).Take(search.PageSize)
            .ToListAsync(ct);
        return new Page<Organisation>(items, search.Page, search.PageSize, stats.TotalResults);
    }

    /// <summary>The SQL Marten sends for one page of the search (the benchmark prints it).</summary>
    public static NpgsqlCommand CommandFor(IQuerySession session, OrganisationSearch search, ClaimsPrincipal user) =>
        Query(session, search, user)
            .Stats(out _)
            .Skip((search.Page - 1) * search.PageSize).Take(search.PageSize)
            .ToCommand(FetchType.FetchMany);

    /// <summary>The filters and the order, as a Marten query.</summary>
    public static IQueryable<Organisation> Query(IQuerySession session, OrganisationSearch search, ClaimsPrincipal user)
    {
        var query = session.Query<Organisation>().VisibleTo(user);
        if (!search.IncludeArchived) query = query.Where(o => !o.IsArchived);
        if (search.Verification is { } verification) query = query.Where(o => o.Verification == verification);
        if (search.Kind is { } kind) query = query.Where(o => o.Kind == kind);
        if (search.FederalState is { } state) query = query.Where(o => o.FederalState == state);
        if (search.MunicipalityAgs is { } ags) query = query.Where(o => o.MunicipalityAgs == ags);
        if (search.Theme is { } theme) query = query.Where(o => o.Themes.Contains(theme));
        if (search.Country is { } country) query = query.Where(o => o.Countries.Contains(country));
        if (search.Language is { } language) query = query.Where(o => o.Languages.Contains(language));
        if (search.Sdg is { } sdg) query = query.Where(o => o.Sdgs.Contains(sdg));
        if (search.Text is { } text)
            query = query.Where(o => o.WebStyleSearch(text, SearchIndexes.German) || o.WebStyleSearch(text, SearchIndexes.English));

        return search.Sort switch
        {
            // Relevance: the German rank, then the English rank, then name and id. Marten 9 puts a ThenByTextRank after
            // every ThenBy whatever the order in the chain, and a second OrderByTextRank after the first (it does not
            // replace it), so the English rank is a second OrderByTextRank. The search API tests pin this order.
            SearchSort.Relevance => ThenBy(ThenBy(query
                .OrderByTextRank(search.Text!, TextSearchFunction.WebStyle, SearchIndexes.German)
                .OrderByTextRank(search.Text!, TextSearchFunction.WebStyle, SearchIndexes.English), o => o.Name), o => o.Id),
            SearchSort.NameDescending => query.OrderByDescending(o => o.Name).ThenBy(o => o.Id),
            SearchSort.RegisteredAt => query.OrderBy(o => o.RegisteredAt).ThenBy(o => o.Id),
            SearchSort.RegisteredAtDescending => query.OrderByDescending(o => o.RegisteredAt).ThenBy(o => o.Id),
            _ => query.OrderBy(o => o.Name).ThenBy(o => o.Id),
        };
    }

    /// <summary>
    /// GET /search/organisations?q=Diaspora&amp;kind=MigrantOrganisation&amp;state=05&amp;municipality=05314000&amp;theme=education
    /// &amp;country=GH&amp;language=fr&amp;sdg=4&amp;verification=Verified&amp;includeArchived=false&amp;sort=relevance&amp;page=1&amp;pageSize=20
    /// </summary>
    public static async Task<Ok<Page<OrganisationResponse>>> Handle(HttpContext http, IQuerySession session, CancellationToken ct)
    {
        var themes = http.Request.Query.ContainsKey("theme") ? await ThemeCatalogue.LoadAsync(session, ct) : ThemeCatalogue.BuiltIn;
        var search = Parse(http.Request.Query, http.User, themes);
        var page = await RunAsync(session, search, http.User, ct);
        return TypedResults.Ok(new Page<OrganisationResponse>(
            page.Items.Select(OrganisationResponse.From).ToList(), page.PageNumber, page.PageSize, page.TotalItems));
    }

    /// <summary>
    /// LINQ's ThenBy after Marten's rank orderings, which are typed as a plain IQueryable although the query is ordered.
    /// </summary>
    static IQueryable<T> ThenBy<T, TKey>(IQueryable<T> ordered, System.Linq.Expressions.Expression<Func<T, TKey>> key) =>
        ordered.Provider.CreateQuery<T>(System.Linq.Expressions.Expression.Call(
            typeof(Queryable), nameof(Queryable.ThenBy), [typeof(T), typeof(TKey)],
            System.Linq.Expressions.Expression.Convert(ordered.Expression, typeof(IOrderedQueryable<T>)),
            System.Linq.Expressions.Expression.Quote(key)));
}
