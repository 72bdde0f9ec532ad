using System.Security.Claims;
using Marten;
using Marten.Linq;
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
        search.Sort == SearchSort.Relevance
            ? RankedAsync(session, search, user, ct)
            : Query(session, search, user).ToPageAsync((search.Page, search.PageSize), ct);

    /// <summary>The SQL of one page of the search (the benchmark prints it).</summary>
    public static NpgsqlCommand CommandFor(IQuerySession session, OrganisationSearch search, ClaimsPrincipal user) =>
        search.Sort == SearchSort.Relevance
            ? RankedCommand(session, search, user)
            : Query(session, search, user)
                .Stats(out _)
                .Skip((search.Page - 1) * search.PageSize).Take(search.PageSize)
                .ToCommand(FetchType.FetchMany);

    /// <summary>The filters (and the text, when there is one) as a Marten query, in the order of a sort that is not relevance.</summary>
    public static IQueryable<Organisation> Query(IQuerySession session, OrganisationSearch search, ClaimsPrincipal user)
    {
        var query = Filtered(session, search, user);
        return search.Sort switch
        {
            SearchSort.NameDescending => query.OrderByDescending(o => o.Name).ThenBy(o => o.Id),
            SearchSort.RegisteredAt => query.OrderBy(o => o.RegisteredAt).ThenBy(o => o.Id),
            SearchSort.RegisteredAtDescending => query.OrderByDescending(o => o.RegisteredAt).ThenBy(o => o.Id),
            _ => query.OrderBy(o => o.Name).ThenBy(o => o.Id),
        };
    }

    static IQueryable<Organisation> Filtered(IQuerySession session, OrganisationSearch search, ClaimsPrincipal user)
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
        return query;
    }

    /// <summary>
    /// Relevance: the German rank, then the English rank, then name and id, ranked on the stored vectors. Marten's
    /// rank ordering would rebuild each match's vectors from its JSON; so the filters are Marten's query (its SQL, its
    /// parameters) and the order is ours around it. The page's documents are then loaded by id, as Marten reads them.
    /// </summary>
    static async Task<Page<Organisation>> RankedAsync(IQuerySession session, OrganisationSearch search, ClaimsPrincipal user, CancellationToken ct)
    {
        var ids = new List<Guid>();
        long total = 0;
        await using (var reader = await session.ExecuteReaderAsync(RankedCommand(session, search, user), ct))
            while (await reader.ReadAsync(ct))
            {
                ids.Add(reader.GetGuid(0));
                total = reader.GetInt64(1);
            }
        if (ids.Count == 0 && search.Page > 1)
            total = await Filtered(session, search, user).CountAsync(ct); // a page past the end has no row to carry the total
        var loaded = (await session.LoadManyAsync<Organisation>(ct, ids)).ToDictionary(o => o.Id);
        return new Page<Organisation>([.. ids.Where(loaded.ContainsKey).Select(id => loaded[id])], search.Page, search.PageSize, total);
    }

    static NpgsqlCommand RankedCommand(IQuerySession session, OrganisationSearch search, ClaimsPrincipal user)
    {
        var schema = session.DocumentStore.Options.DatabaseSchemaName;
        var command = Filtered(session, search, user).Select(o => o.Id).ToCommand(FetchType.FetchMany);
        command.CommandText = $"""
            with matches (id) as ({command.CommandText.TrimEnd().TrimEnd(';')})
            select m.id, count(*) over ()
            from matches m
            join {schema}.{SearchVectors.Table} v on v.id = m.id
            join {schema}.{SearchVectors.DocumentTable} d on d.id = m.id
            order by ts_rank(v.{SearchVectors.German}, {SearchVectors.Query(SearchVectors.German, ":rank_text")}) desc,
                     ts_rank(v.{SearchVectors.English}, {SearchVectors.Query(SearchVectors.English, ":rank_text")}) desc,
                     d.data ->> 'Name', d.id
            offset :rank_offset limit :rank_limit
            """;
        command.Parameters.Add(new NpgsqlParameter("rank_text", search.Text!));
        command.Parameters.Add(new NpgsqlParameter("rank_offset", (long)(search.Page - 1) * search.PageSize));
        command.Parameters.Add(new NpgsqlParameter("rank_limit", search.PageSize));
        return command;
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
}
