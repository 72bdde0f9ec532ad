using Marten;
using Microsoft.AspNetCore.Http.HttpResults;
using Network.Platform.Exports;

namespace Network.Knowledge.Analysis;

/// <summary>One theme: how many published good practices and how many events (published, held or documented; not cancelled) have it.</summary>
public sealed record ThemeCount(string Theme, long GoodPractices, long Events);

/// <param name="GoodPracticeWithoutEvents">Themes with published good practice but no event: where the network could hold one.</param>
/// <param name="EventsWithoutGoodPractice">Themes with events but no published good practice: where experience is not written down yet.</param>
public sealed record ThemeCoverageResponse(IReadOnlyList<ThemeCount> Themes, IReadOnlyList<string> GoodPracticeWithoutEvents,
    IReadOnlyList<string> EventsWithoutGoodPractice);

/// <summary>
/// GET /analysis/themes: which themes have good practice but no events, and the reverse (issue 11, analysis). Good practices are
/// the published items of type GoodPractice; events are the Events service's events as its integration events told this
/// service (<see cref="Links.LinkedEvent"/>): published, held or documented, not cancelled. One query, a full join of the two counts.
/// </summary>
public static class ThemeCoverage
{
    public static async Task<Ok<ThemeCoverageResponse>> Handle(IQuerySession session, CancellationToken ct) =>
        TypedResults.Ok(await CountAsync(session, ct));

    /// <summary>GET /analysis/themes.{csv,xlsx,json}: one row per theme.</summary>
    public static async Task<ExportFile<ThemeCount>> HandleFile(string format, HttpContext http, IQuerySession session, CancellationToken ct)
    {
        var coverage = await CountAsync(session, ct);
        var table = new ExportTable<ThemeCount>("Themen", "Themes",
        [
            new("theme", "Thema", "Theme", t => t.Theme),
            new("goodPractices", "Gute Praxis (veröffentlicht)", "Good practice (published)", t => t.GoodPractices),
            new("events", "Veranstaltungen", "Events", t => t.Events),
        ]);
        return Export.File(table, ExportFormats.Parse(format), coverage.Themes.ToAsyncEnumerable(), "knowledge-themes-coverage", http);
    }

    static async Task<ThemeCoverageResponse> CountAsync(IQuerySession session, CancellationToken ct)
    {
        var schema = session.DocumentStore.Options.DatabaseSchemaName;
        var command = new Npgsql.NpgsqlCommand($"""
            with practice as (
                select t as theme, count(*) as n from {schema}.mt_doc_knowledgeitem d, jsonb_array_elements_text(d.data -> 'Content' -> 'Themes') t
                where d.data ->> 'Status' = 'Published' and d.data ->> 'Type' = 'GoodPractice' group by 1),
            held as (
                select t as theme, count(*) as n from {schema}.mt_doc_linkedevent e, jsonb_array_elements_text(e.data -> 'Themes') t
                where (e.data ->> 'Published')::boolean and e.data ->> 'Status' <> 'Cancelled' group by 1)
            select coalesce(practice.theme, held.theme), coalesce(practice.n, 0), coalesce(held.n, 0)
            from practice full join held on practice.theme = held.theme
            order by 1
            """);
        var themes = new List<ThemeCount>();
        await using (var reader = await session.ExecuteReaderAsync(command, ct))
            while (await reader.ReadAsync(ct))
                themes.Add(new ThemeCount(reader.GetString(0), reader.GetInt64(1), reader.GetInt64(2)));
        return new ThemeCoverageResponse(themes,
            [.. themes.Where(t => t.GoodPractices > 0 && t.Events == 0).Select(t => t.Theme)],
            [.. themes.Where(t => t.Events > 0 && t.GoodPractices == 0).Select(t => t.Theme)]);
    }
}
