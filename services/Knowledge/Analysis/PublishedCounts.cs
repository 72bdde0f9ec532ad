using Marten;
using Microsoft.AspNetCore.Http.HttpResults;
using Network.Knowledge.Items.Searching;
using Network.Platform.Exports;
using Network.Platform.Http;
using Npgsql;
using NpgsqlTypes;

namespace Network.Knowledge.Analysis;

/// <summary>One group's published items per year of publication, and in all.</summary>
public sealed record GroupCounts(string Key, IReadOnlyDictionary<int, long> PerYear, long Total);

/// <summary>What was published, grouped by <see cref="By"/> and counted per year: the trend of the catalogue.</summary>
public sealed record PublishedCountsResponse(string By, IReadOnlyList<int> Years, IReadOnlyList<GroupCounts> Groups);

/// <summary>
/// Counts and trends of the published catalogue (issue 11, analysis): GET /analysis/published?by=theme|state|sdg|type|actorKind
/// &amp;from=&amp;to= as JSON, or as a file with <c>.csv</c>, <c>.xlsx</c> or <c>.json</c> rows (one per group, a column per year).
/// One grouped query over the published items' search rows, whose tags the search's facets count too; the groups are the
/// values found (an item with two themes counts for both); the year is the year of publication in German time.
/// </summary>
public static class PublishedCounts
{
    /// <summary>What the catalogue can be grouped by: each a facet of search, counted from the same tags (<see cref="SearchRows"/>).</summary>
    static readonly string[] Groupings = ["theme", "sdg", "state", "type", "actorKind"];

    public static async Task<Ok<PublishedCountsResponse>> Handle(string? by, int? from, int? to, HttpContext http, IQuerySession session, CancellationToken ct) =>
        TypedResults.Ok(await CountAsync(by, from, to, session, ct));

    public static async Task<ExportFile<GroupCounts>> HandleFile(string format, string? by, int? from, int? to, HttpContext http, IQuerySession session, CancellationToken ct)
    {
        var counts = await CountAsync(by, from, to, session, ct);
        var table = new ExportTable<GroupCounts>("Veröffentlichungen", "Published",
        [
            new(counts.By, Header(counts.By).German, Header(counts.By).English, g => g.Key),
            .. counts.Years.Select(year => new ExportColumn<GroupCounts>(year.ToString(), year.ToString(), year.ToString(), g => g.PerYear.GetValueOrDefault(year))),
            new("total", "Gesamt", "Total", g => g.Total),
        ]);
        return Export.File(table, ExportFormats.Parse(format), counts.Groups.ToAsyncEnumerable(), $"knowledge-published-by-{counts.By}", http);
    }

    internal static (string German, string English) Header(string by) => by switch
    {
        "theme" => ("Thema", "Theme"),
        "sdg" => ("SDG", "SDG"),
        "state" => ("Bundesland (Schlüssel)", "Federal state (code)"),
        "actorKind" => ("Art der Akteure", "Actor kind"),
        _ => ("Art", "Type"),
    };

    internal static async Task<PublishedCountsResponse> CountAsync(string? by, int? from, int? to, IQuerySession session, CancellationToken ct)
    {
        var grouping = by ?? "theme";
        var validation = new Validation();
        if (!Groupings.Contains(grouping)) validation.Add("by", $"'by' is one of: {string.Join(", ", Groupings)}.");
        if (from is < 1950 or > 2100) validation.Add("from", "'from' is a year between 1950 and 2100.");
        if (to is < 1950 or > 2100) validation.Add("to", "'to' is a year between 1950 and 2100.");
        if (from > to) validation.Add("to", "'to' cannot lie before 'from'.");
        validation.ThrowIfInvalid();

        var schema = session.DocumentStore.Options.DatabaseSchemaName;
        var command = new NpgsqlCommand($"""
            select substr(t, length(:prefix) + 1), s.published_year, count(*)
            from {SearchRows.QualifiedTable(schema)} s, unnest(s.tags) t
            where starts_with(t, :prefix)
              and (:from::int is null or s.published_year >= :from)
              and (:to::int is null or s.published_year <= :to)
            group by 1, 2
            """);
        command.Parameters.Add(new NpgsqlParameter("prefix", NpgsqlDbType.Text) { Value = SearchRows.Tag(grouping, "") });
        command.Parameters.Add(new NpgsqlParameter("from", NpgsqlDbType.Integer) { Value = (object?)from ?? DBNull.Value });
        command.Parameters.Add(new NpgsqlParameter("to", NpgsqlDbType.Integer) { Value = (object?)to ?? DBNull.Value });
        var rows = new List<(string Key, int Year, long Count)>();
        await using (var reader = await session.ExecuteReaderAsync(command, ct))
            while (await reader.ReadAsync(ct))
                rows.Add((reader.GetString(0), reader.GetInt32(1), reader.GetInt64(2)));
        var years = rows.Select(r => r.Year).Distinct().Order().ToList();
        var groups = rows.GroupBy(r => r.Key)
            .Select(g => new GroupCounts(g.Key, g.ToDictionary(r => r.Year, r => r.Count), g.Sum(r => r.Count)))
            .OrderByDescending(g => g.Total).ThenBy(g => g.Key, StringComparer.Ordinal).ToList();
        return new PublishedCountsResponse(grouping, years, groups);
    }

    public static IEndpointRouteBuilder MapAnalysisApi(this IEndpointRouteBuilder app)
    {
        var analysis = app.MapGroup("/analysis").WithTags("Analysis").AllowAnonymous().ExpensiveRead();
        analysis.MapGet("/published", Handle);
        analysis.MapGet("/published.{format}", HandleFile).ProducesExports();
        analysis.MapGet("/themes", ThemeCoverage.Handle);
        analysis.MapGet("/themes.{format}", ThemeCoverage.HandleFile).ProducesExports();
        analysis.MapGet("/published.png", AnalysisChart.HandlePng).Produces(StatusCodes.Status200OK, contentType: "image/png");
        analysis.MapGet("/published.svg", AnalysisChart.HandleSvg).Produces(StatusCodes.Status200OK, contentType: "image/svg+xml");
        return app;
    }
}
