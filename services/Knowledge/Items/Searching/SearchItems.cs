using System.Globalization;
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

    sealed record Filters(string Text, string? Type, string? Theme, int? Sdg, string? Language, string? Municipality, string? State, int? Year, string? ActorKind)
    {
        /// <summary>The tags a match must carry: one per filter given (<see cref="SearchRows"/>).</summary>
        public IEnumerable<string> Tags()
        {
            (string Facet, string? Value)[] given = [("type", Type), ("theme", Theme), ("sdg", Sdg?.ToString(CultureInfo.InvariantCulture)), ("language", Language),
                ("municipality", Municipality), ("state", State), ("year", Year?.ToString(CultureInfo.InvariantCulture)), ("actorKind", ActorKind)];
            return given.Where(g => g.Value is not null).Select(g => SearchRows.Tag(g.Facet, g.Value!));
        }
    }

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
        var facets = new Dictionary<string, List<FacetCount>>();
        long total = 0;
        await using (var reader = await session.ExecuteReaderAsync(SearchCommand(schema, filters, paging), ct))
            while (await reader.ReadAsync(ct))
                switch (reader.GetInt32(0))
                {
                    case Hit:
                        var item = serializer.FromJson<KnowledgeItem>(reader, 1);
                        hits.Add(new SearchHit(ItemResponse.From(item, http.User), reader.IsDBNull(2) ? null : reader.GetString(2), reader.GetDouble(3)));
                        break;
                    case Facet:
                        var tag = reader.GetString(6);
                        var colon = tag.IndexOf(':');
                        var facet = tag[..colon];
                        if (!facets.TryGetValue(facet, out var counts)) facets[facet] = counts = [];
                        counts.Add(new FacetCount(tag[(colon + 1)..], reader.GetInt64(7)));
                        break;
                    default:
                        total = reader.GetInt64(7);
                        break;
                }
        return TypedResults.Ok(new SearchResult(new Page<SearchHit>(hits, paging.Page, paging.Size, total),
            facets.ToDictionary(f => f.Key, f => (IReadOnlyList<FacetCount>)[.. f.Value.OrderByDescending(c => c.Count).ThenBy(c => c.Value, StringComparer.Ordinal)])));
    }

    const int Hit = 0, Facet = 1, Total = 2;

    // The text's two queries, parsed and stemmed once per search (the statement's first CTE, q): written inline, a prepared
    // statement's generic plan would parse and stem them again for every match it checks and ranks.
    const string German = "q.german", English = "q.english";

    /// <summary>
    /// One statement, one pass over the matches: the published items' search rows (<see cref="SearchRows"/>) that match the
    /// text (if any: the item's German text in German, its English text in English, a publication's PDF text in either)
    /// and carry every filter's tag, all found in one GIN index; then the page of them in relevance order (the rank from
    /// the stored vectors, the PDF's at half weight; the newest first among equals) with its documents and snippets, every
    /// tag of every match counted (the facets), and how many matched.
    /// </summary>
    static NpgsqlCommand SearchCommand(string schema, Filters f, (int Page, int Size) paging)
    {
        const string options = "MaxFragments=2, MaxWords=25, MinWords=8, FragmentDelimiter=\" … \", StartSel=<mark>, StopSel=</mark>";
        var conditions = new List<string>();
        if (f.Text != "")
            conditions.Add($"(s.german @@ {German} or s.english @@ {English} or s.file_german @@ {German} or s.file_english @@ {English})");
        var tags = f.Tags().ToArray();
        if (tags.Length > 0) conditions.Add("s.tags @> :tags");
        var rank = f.Text == "" ? "0::float8" : $"""
            (ts_rank(s.german, {German}) + ts_rank(s.english, {English})
             + (coalesce(ts_rank(s.file_german, {German}), 0) + coalesce(ts_rank(s.file_english, {English}), 0)) / 2)::float8
            """;
        var snippet = f.Text == "" ? "null::text" : $"""
            case when v.german @@ {German} then ts_headline('german', {Escaped("d.data ->> 'SearchGerman'")}, {German}, '{options}')
                 when v.english @@ {English} then ts_headline('english', {Escaped("d.data ->> 'SearchEnglish'")}, {English}, '{options}')
                 else ts_headline('german', {Escaped("t.data ->> 'Text'")}, {German}, '{options}') end
            """;
        var command = Command($"""
            with {(f.Text == "" ? "" : "q as materialized (select websearch_to_tsquery('german', :q) as german, websearch_to_tsquery('english', :q) as english),")}
            matches as materialized (
                select s.id, s.published_at, s.tags, {rank} as rank
                from {(f.Text == "" ? "" : "q, ")}{SearchRows.QualifiedTable(schema)} s
                {(conditions.Count == 0 ? "" : "where " + string.Join(" and ", conditions))}
            ),
            page as (select * from matches order by rank desc, published_at desc, id offset :offset limit :limit)
            select {Hit} as part, d.data, {snippet} as snippet, p.rank, p.published_at, p.id, null::text as tag, null::bigint as n
            from {(f.Text == "" ? "" : "q, ")}page p
            join {schema}.mt_doc_knowledgeitem d on d.id = p.id
            join {SearchRows.QualifiedTable(schema)} v on v.id = p.id
            left join {schema}.mt_doc_publicationtext t on t.id = p.id
            union all
            select {Facet}, null, null, null, null, null, tag, count(*) from (select unnest(tags) as tag from matches) t group by tag
            union all
            select {Total}, null, null, null, null, null, null, count(*) from matches
            order by part, rank desc, published_at desc, id
            """, f);
        command.Parameters.Add(new NpgsqlParameter("tags", NpgsqlDbType.Array | NpgsqlDbType.Text) { Value = tags });
        command.Parameters.Add(new NpgsqlParameter("offset", NpgsqlDbType.Bigint) { Value = (long)(paging.Page - 1) * paging.Size });
        command.Parameters.Add(new NpgsqlParameter("limit", NpgsqlDbType.Integer) { Value = paging.Size });
        return command;
    }

    // The snippet is cut from the HTML-escaped text, so a reader's page can show it as HTML with only our <mark>s in it.
    static string Escaped(string text) => $"replace(replace(replace(coalesce({text}, ''), '&', '&amp;'), '<', '&lt;'), '>', '&gt;')";

    static NpgsqlCommand Command(string sql, Filters f)
    {
        var command = new NpgsqlCommand(sql);
        command.Parameters.Add(new NpgsqlParameter("q", NpgsqlDbType.Text) { Value = f.Text });
        return command;
    }
}
