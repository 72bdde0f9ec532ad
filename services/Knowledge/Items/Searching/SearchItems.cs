using Marten;
using Microsoft.AspNetCore.Http.HttpResults;
using Network.Knowledge.Items.Viewing;
using Network.Platform.Http;
using Npgsql;
using NpgsqlTypes;

namespace Network.Knowledge.Items.Searching;

public sealed record SearchHit(ItemResponse Item, string? Snippet, double Rank);

/// <summary>How many of the matches have a value of a facet (a type, a theme, an SDG, a year ...).</summary>
public sealed record FacetCount(string Value, long Count);

public sealed record SearchResult(Page<SearchHit> Hits, IReadOnlyDictionary<string, IReadOnlyList<FacetCount>> Facets);

/// <summary>
/// Full-text search over published items (their texts and a publication's PDF text), German and English at once (each text with its language's stemming, so
/// "Netzwerke" finds "Netzwerk" and "organisations" finds "organisation"), with filters, facets counted over every
/// match, relevance order and a highlighted snippet (the item's text HTML-escaped, the matched words in &lt;mark&gt;).
/// </summary>
public static class SearchItems
{
    public const int MaxQuery = 200;

    sealed record Filters(string Text, string? Type, string? Theme, int? Sdg, string? Language, string? Municipality, string? State, int? Year, string? ActorKind);

    /// <summary>
    /// GET /search/items?q=&amp;type=&amp;theme=&amp;sdg=&amp;language=&amp;municipality=&amp;state=&amp;year=&amp;actorKind=&amp;page=&amp;pageSize=:
    /// anybody. The actor kind is the Directory's kind of an organisation involved (or the one the item was drafted for).
    /// </summary>
    public static async Task<Ok<SearchResult>> Handle(
        string? q, ItemType? type, string? theme, int? sdg, string? language, string? municipality, string? state, int? year, string? actorKind,
        int? page, int? pageSize, HttpContext http, IQuerySession session, CancellationToken ct)
    {
        var validation = new Validation().MaxLength("q", q, MaxQuery).MaxLength("theme", theme, 60).MaxLength("actorKind", actorKind, 60);
        var paging = Paging.Validate(page, pageSize, validation);
        if (sdg is < 1 or > 17) validation.Add("sdg", "'sdg' is a number from 1 to 17.");
        if (language is not null and not ("de" or "en")) validation.Add("language", "'language' is 'de' or 'en'.");
        if (municipality is not null) validation.MunicipalityKey("municipality", municipality);
        if (state is not null && (state.Length != 2 || !state.All(char.IsAsciiDigit))) validation.Add("state", "'state' is a federal state's two-digit code, e.g. \"05\".");
        if (year is < 1950 or > 2100) validation.Add("year", "'year' lies between 1950 and 2100.");
        validation.ThrowIfInvalid();
        var filters = new Filters(q?.Trim() ?? "", type?.ToString(), theme, sdg, language, municipality, state, year, actorKind);

        var schema = session.DocumentStore.Options.DatabaseSchemaName;
        var serializer = session.DocumentStore.Options.Serializer();
        var hits = new List<SearchHit>();
        long total = 0;
        await using (var reader = await session.ExecuteReaderAsync(PageCommand(schema, filters, paging), ct))
            while (await reader.ReadAsync(ct))
            {
                var item = serializer.FromJson<KnowledgeItem>(reader, 0);
                hits.Add(new SearchHit(ItemResponse.From(item, http.User), reader.IsDBNull(1) ? null : reader.GetString(1), reader.GetDouble(2)));
                total = reader.GetInt64(3);
            }
        if (hits.Count == 0 && paging.Page > 1) total = await CountAsync(session, schema, filters, ct);
        var facets = new Dictionary<string, List<FacetCount>>();
        await using (var reader = await session.ExecuteReaderAsync(FacetCommand(schema, filters), ct))
            while (await reader.ReadAsync(ct))
            {
                var facet = reader.GetString(0);
                if (!facets.TryGetValue(facet, out var counts)) facets[facet] = counts = [];
                counts.Add(new FacetCount(reader.GetString(1), reader.GetInt64(2)));
            }
        return TypedResults.Ok(new SearchResult(new Page<SearchHit>(hits, paging.Page, paging.Size, total),
            facets.ToDictionary(f => f.Key, f => (IReadOnlyList<FacetCount>)[.. f.Value.OrderByDescending(c => c.Count).ThenBy(c => c.Value, StringComparer.Ordinal)])));
    }

    // The ranking, over the matches only (the facets need no rank): both languages of the item's texts, and a publication's
    // PDF text (Files/PublicationText) in both, at half weight (its language is not known).
    const string Rank = """
        ts_rank(to_tsvector('german', m.data ->> 'SearchGerman'), websearch_to_tsquery('german', :q))
        + ts_rank(to_tsvector('english', m.data ->> 'SearchEnglish'), websearch_to_tsquery('english', :q))
        + (ts_rank(to_tsvector('german', coalesce(m.file_text, '')), websearch_to_tsquery('german', :q))
           + ts_rank(to_tsvector('english', coalesce(m.file_text, '')), websearch_to_tsquery('english', :q))) / 2
        """;

    /// <summary>
    /// The published items that match the text (if any) and every filter; the facets count over all of them. The text is
    /// matched as a union of four lookups, each on its own GIN index (the item's German and English texts, the PDF's text
    /// in both), joined to the items, so only the matches are filtered, ranked and counted: one OR across the item and its
    /// PDF's row could use no index and would stem every item's text on every search.
    /// </summary>
    static string Matches(string schema, Filters f) => $"""
        select d.id, d.data, f.data ->> 'Text' as file_text, k.kinds
        from {(f.Text == "" ? $"{schema}.mt_doc_knowledgeitem d" : $"""
            (select id from {schema}.mt_doc_knowledgeitem where to_tsvector('german', data ->> 'SearchGerman') @@ websearch_to_tsquery('german', :q)
             union select id from {schema}.mt_doc_knowledgeitem where to_tsvector('english', data ->> 'SearchEnglish') @@ websearch_to_tsquery('english', :q)
             union select id from {schema}.mt_doc_publicationtext where to_tsvector('german', data ->> 'Text') @@ websearch_to_tsquery('german', :q)
             union select id from {schema}.mt_doc_publicationtext where to_tsvector('english', data ->> 'Text') @@ websearch_to_tsquery('english', :q)) hits
            join {schema}.mt_doc_knowledgeitem d on d.id = hits.id
            """)}
        left join {schema}.mt_doc_publicationtext f on f.id = d.id
        cross join lateral ({ActorKinds(schema, "d")}) k
        where d.data ->> 'Status' = 'Published'
          and (:type::text is null or d.data ->> 'Type' = :type)
          and (:theme::text is null or d.data -> 'Content' -> 'Themes' ? :theme)
          and (:sdg::int is null or d.data -> 'Content' -> 'Sdgs' @> to_jsonb(:sdg::int))
          and (:language::text is null or d.data -> 'Languages' ? :language)
          and (:municipality::text is null or d.data -> 'Content' ->> 'MunicipalityAgs' = :municipality)
          and (:state::text is null or left(d.data -> 'Content' ->> 'MunicipalityAgs', 2) = :state)
          and (:year::int is null or extract(year from (d.data ->> 'PublishedAt')::timestamptz) = :year)
          and (:actorKind::text is null or :actorKind = any(k.kinds))
        """;

    /// <summary>
    /// The kinds of the organisations an item names, and of the one it was drafted for, as the Knowledge service's copy of the
    /// Directory's organisations has them (<see cref="Links.LinkedOrganisation"/>, by primary key): one row, an array.
    /// </summary>
    public static string ActorKinds(string schema, string item) => $"""
        select coalesce(array_agg(distinct o.data ->> 'Kind') filter (where o.data ->> 'Kind' is not null), array[]::text[]) as kinds
        from {schema}.mt_doc_linkedorganisation o
        where o.id in (select x::uuid from jsonb_array_elements_text({item}.data -> 'Content' -> 'Organisations') x
                       union select ({item}.data ->> 'OrganisationId')::uuid where {item}.data ->> 'OrganisationId' is not null)
        """;

    // The snippet is cut from the HTML-escaped text, so a reader's page can show it as HTML with only our <mark>s in it.
    static string Escaped(string text) => $"replace(replace(replace(coalesce({text}, ''), '&', '&amp;'), '<', '&lt;'), '>', '&gt;')";

    static NpgsqlCommand PageCommand(string schema, Filters f, (int Page, int Size) paging)
    {
        const string options = "MaxFragments=2, MaxWords=25, MinWords=8, FragmentDelimiter=\" … \", StartSel=<mark>, StopSel=</mark>";
        var command = Command($"""
            with matches as ({Matches(schema, f)})
            select m.data,
                   case when :q = '' then null
                        when to_tsvector('german', m.data ->> 'SearchGerman') @@ websearch_to_tsquery('german', :q)
                        then ts_headline('german', {Escaped("m.data ->> 'SearchGerman'")}, websearch_to_tsquery('german', :q), '{options}')
                        when to_tsvector('english', m.data ->> 'SearchEnglish') @@ websearch_to_tsquery('english', :q)
                        then ts_headline('english', {Escaped("m.data ->> 'SearchEnglish'")}, websearch_to_tsquery('english', :q), '{options}')
                        else ts_headline('german', {Escaped("m.file_text")}, websearch_to_tsquery('german', :q), '{options}') end,
                   m.rank::float8, count(*) over ()
            from (select m.*, case when :q = '' then 0 else {Rank} end as rank from matches m) m
            order by m.rank desc, m.data ->> 'PublishedAt' desc, m.id
            offset :offset limit :limit
            """, f);
        command.Parameters.Add(new NpgsqlParameter("offset", NpgsqlDbType.Bigint) { Value = (long)(paging.Page - 1) * paging.Size });
        command.Parameters.Add(new NpgsqlParameter("limit", NpgsqlDbType.Integer) { Value = paging.Size });
        return command;
    }

    static NpgsqlCommand FacetCommand(string schema, Filters f) => Command($"""
        with matches as ({Matches(schema, f)})
        select 'type', data ->> 'Type', count(*) from matches group by 2
        union all select 'theme', t, count(*) from matches, jsonb_array_elements_text(data -> 'Content' -> 'Themes') t group by 2
        union all select 'sdg', s, count(*) from matches, jsonb_array_elements_text(data -> 'Content' -> 'Sdgs') s group by 2
        union all select 'language', l, count(*) from matches, jsonb_array_elements_text(data -> 'Languages') l group by 2
        union all select 'municipality', data -> 'Content' ->> 'MunicipalityAgs', count(*) from matches where data -> 'Content' ->> 'MunicipalityAgs' is not null group by 2
        union all select 'state', left(data -> 'Content' ->> 'MunicipalityAgs', 2), count(*) from matches where data -> 'Content' ->> 'MunicipalityAgs' is not null group by 2
        union all select 'year', extract(year from (data ->> 'PublishedAt')::timestamptz)::int::text, count(*) from matches group by 2
        union all select 'actorKind', a, count(*) from matches, unnest(kinds) a group by 2
        """, f);

    static async Task<long> CountAsync(IQuerySession session, string schema, Filters f, CancellationToken ct)
    {
        await using var reader = await session.ExecuteReaderAsync(Command($"with matches as ({Matches(schema, f)}) select count(*) from matches", f), ct);
        return await reader.ReadAsync(ct) ? reader.GetInt64(0) : 0;
    }

    static NpgsqlCommand Command(string sql, Filters f)
    {
        var command = new NpgsqlCommand(sql);
        command.Parameters.Add(new NpgsqlParameter("q", NpgsqlDbType.Text) { Value = f.Text });
        command.Parameters.Add(new NpgsqlParameter("type", NpgsqlDbType.Text) { Value = (object?)f.Type ?? DBNull.Value });
        command.Parameters.Add(new NpgsqlParameter("theme", NpgsqlDbType.Text) { Value = (object?)f.Theme ?? DBNull.Value });
        command.Parameters.Add(new NpgsqlParameter("sdg", NpgsqlDbType.Integer) { Value = (object?)f.Sdg ?? DBNull.Value });
        command.Parameters.Add(new NpgsqlParameter("language", NpgsqlDbType.Text) { Value = (object?)f.Language ?? DBNull.Value });
        command.Parameters.Add(new NpgsqlParameter("municipality", NpgsqlDbType.Text) { Value = (object?)f.Municipality ?? DBNull.Value });
        command.Parameters.Add(new NpgsqlParameter("state", NpgsqlDbType.Text) { Value = (object?)f.State ?? DBNull.Value });
        command.Parameters.Add(new NpgsqlParameter("year", NpgsqlDbType.Integer) { Value = (object?)f.Year ?? DBNull.Value });
        command.Parameters.Add(new NpgsqlParameter("actorKind", NpgsqlDbType.Text) { Value = (object?)f.ActorKind ?? DBNull.Value });
        return command;
    }
}
