using System.Security.Claims;
using Marten;
using Marten.Linq;
using Marten.Schema.Indexing.FullText;
using Microsoft.AspNetCore.Http.HttpResults;
using Network.Directory.Organisations;
using Network.Directory.Organisations.Viewing;
using Network.Directory.Vocabularies;
using Network.Platform.Http;
using Npgsql;

namespace Network.Directory.Search;

/// <summary>
/// GET /search/organisations: filters, text search over names and descriptions in German and English, paging and
/// sorting. Each caller searches what <see cref="OrganisationVisibility"/> lets them see.
/// </summary>
public static class SearchOrganisations
{
    /// <summary>The search, run: one page and the total.</summary>
    public static Task<Page<Organisation>> RunAsync(IQuerySession session, OrganisationSearch search, ClaimsPrincipal user, CancellationToken ct) =>
        Query(session, search, user).ToPageAsync((search.Page, search.PageSize), ct);

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
        if (search.Theme is { } theme) query = query.Where(o => o.Details.Themes.Contains(theme));
        if (search.Country is { } country) query = query.Where(o => o.Details.Countries.Contains(country));
        if (search.Language is { } language) query = query.Where(o => o.Details.Languages.Contains(language));
        if (search.Sdg is { } sdg) query = query.Where(o => o.Details.Sdgs.Contains(sdg));
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
        var search = OrganisationSearch.Parse(http.Request.Query, http.User, themes);
        var page = await RunAsync(session, search, http.User, ct);
        return TypedResults.Ok(new Page<OrganisationResponse>(
            page.Items.Select(o => OrganisationResponse.For(o, http.User)).ToList(), page.PageNumber, page.PageSize, page.TotalItems));
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
