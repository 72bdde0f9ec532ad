using System.Globalization;
using System.Net;
using System.Text;
using Marten;
using Microsoft.Extensions.DependencyInjection;
using Network.Bench;
using Network.Knowledge.Items;
using Network.Platform.Aggregates;
using Network.Platform.Text;
using Npgsql;

// Knowledge search benchmark. One run: start PostgreSQL and RabbitMQ (the tests' helpers), the sign-in provider and the
// real Knowledge service; store 10,000 published items (their snapshots bulk-inserted, folded by KnowledgeItem.When from
// the events the endpoints append), then measure two searches: a text search ("Netzwerk", about 2 % of the items) and a
// filtered one (text, theme and federal state), each through GET /search/items over loopback HTTP and as the same
// queries written by hand with Npgsql over the same search rows (the page with its total and snippets, the eight facets),
// taking turns; then grow
// to 100,000 items and measure again. Targets (issue 11): the service's p99 within 1.5x of the hand-written query's at
// both sizes; the filtered query at 100,000 within 3x of its own figure at 10,000. At each size also the open-data export
// (GET /open-data/items.{csv,json,xlsx}, streamed, the client keeping no byte) next to PostgreSQL's COPY of the same rows:
// its time, file size, the process's peak working set and peak live heap (the service runs in this process; see
// OpenDataExports). Target: the same memory at 10,000 and 100,000. Writes bench/results/knowledge-latest.md (and .json).
// Options: --small 10000 --large 100000 --requests 200 --exports csv,json,xlsx (none: --exports "") --results PATH.

var options = new BenchArgs(args);
int small = options.Int("small", 10_000), large = options.Int("large", 100_000), requests = options.Int("requests", 200);
string[] exportFormats = (options["exports"] ?? "csv,json,xlsx").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
var resultsPath = options.Results("knowledge-latest.md");
var bench = new BenchRun();
Console.WriteLine($"Knowledge bench: {small:N0} and {large:N0} items, {requests} requests per search and path. Load average: {bench.LoadBefore}");

return await bench.ExecuteAsync(async () =>
{
    var (service, database, _) = await bench.StartServiceWithOutboxPausedAsync<Network.Knowledge.IntegrationEvents>("knowledge", "Knowledge");
    var store = service.Services.GetRequiredService<IDocumentStore>();
    var dataSource = bench.Own(NpgsqlDataSource.Create(database));
    var client = bench.Own(service.NewClient());
    var searches = new (string Name, string Query, string Text, string? Theme, string? State)[]
    {
        ("text search", "q=Netzwerk", "Netzwerk", null, null),
        ("filtered search", "q=Partnerschaft&theme=climate&state=05", "Partnerschaft", "climate", "05"),
    };

    var measured = new List<(int Items, string Search, string Path, Percentiles Latency)>();
    var exports = new List<OpenDataExports.Measured>();
    var exportClient = bench.Own(service.NewClient());
    exportClient.Timeout = TimeSpan.FromMinutes(10); // an export of 100,000 items as xlsx takes longer than HttpClient's 100 s on a busy machine
    var exporter = new OpenDataExports(exportClient, dataSource, exportFormats);
    var seeded = 0;
    foreach (var size in new[] { small, large })
    {
        bench.Step($"storing items up to {size:N0}");
        await Corpus.SeedAsync(store, seeded, size);
        seeded = size;
        await using (var analyse = dataSource.CreateCommand("analyze")) await analyse.ExecuteNonQueryAsync();
        await RawSearch.ExplainAsync(dataSource, "Partnerschaft", "climate", "05");
        foreach (var (name, query, text, theme, state) in searches)
        {
            var paths = new Func<Task>[]
            {
                async () =>
                {
                    using var response = await client.GetAsync($"/search/items?{query}");
                    if (response.StatusCode != HttpStatusCode.OK) throw new InvalidOperationException($"{query}: {response.StatusCode} {await response.Content.ReadAsStringAsync()}");
                    await response.Content.ReadAsByteArrayAsync();
                },
                () => RawSearch.RunAsync(dataSource, text, theme, state),
            };
            foreach (var path in paths) for (var i = 0; i < 20; i++) await path(); // warm-up: JIT, plans, caches
            var times = new[] { new List<double>(), new List<double>() };
            for (var i = 0; i < requests; i++)
                for (var p = 0; p < paths.Length; p++)
                {
                    var started = Clock.Now;
                    await paths[p]();
                    times[p].Add(Clock.Ms(started, Clock.Now));
                }
            measured.Add((size, name, "service (HTTP)", Percentiles.Of(times[0])));
            measured.Add((size, name, "raw Npgsql", Percentiles.Of(times[1])));
            Console.WriteLine($"  {size,7:N0} {name,-16} service p50 {Percentiles.Of(times[0]).P50,6:0.0} ms p99 {Percentiles.Of(times[0]).P99,6:0.0} ms; raw p50 {Percentiles.Of(times[1]).P50,6:0.0} ms p99 {Percentiles.Of(times[1]).P99,6:0.0} ms");
        }
        if (exportFormats.Length > 0)
        {
            bench.Step($"the open-data export of {size:N0} items: each path once timed with the working set sampled, once with the live heap sampled");
            exports.AddRange(await exporter.MeasureAsync(size));
        }
    }

    var conditions = bench.Conditions();
    var notes = new List<string>();
    foreach (var (name, _, _, _, _) in searches)
        foreach (var size in new[] { small, large })
        {
            var s = measured.Single(m => m.Items == size && m.Search == name && m.Path.StartsWith("service", StringComparison.Ordinal)).Latency;
            var r = measured.Single(m => m.Items == size && m.Search == name && m.Path.StartsWith("raw", StringComparison.Ordinal)).Latency;
            notes.Add(string.Create(CultureInfo.InvariantCulture, $"{name} at {size:N0}: service p99 {s.P99:0.0} ms, raw p99 {r.P99:0.0} ms, {s.P99 / r.P99:0.00}x (target <= 1.5)"));
        }
    var filteredSmall = measured.Single(m => m.Items == small && m.Search == "filtered search" && m.Path.StartsWith("service", StringComparison.Ordinal)).Latency;
    var filteredLarge = measured.Single(m => m.Items == large && m.Search == "filtered search" && m.Path.StartsWith("service", StringComparison.Ordinal)).Latency;
    notes.Add(string.Create(CultureInfo.InvariantCulture,
        $"filtered search at {large:N0} against {small:N0}: p99 {filteredLarge.P99:0.0} ms vs {filteredSmall.P99:0.0} ms, {filteredLarge.P99 / filteredSmall.P99:0.00}x (target <= 3)"));

    if (exportFormats.Length > 0) notes.AddRange(OpenDataExports.Growth(small, large, exports));

    var report = new StringBuilder();
    report.AppendLine("# Knowledge search benchmark").AppendLine().AppendLine(conditions);
    report.AppendLine(string.Create(CultureInfo.InvariantCulture, $"Options: `--small {small} --large {large} --requests {requests}`. ")
        + "Each search through `GET /search/items` (loopback HTTP, anonymous) and as the same queries written by hand with Npgsql "
        + "(page of 20 with total, snippets and ranks; the eight facets), one request at a time, the two paths taking turns.");
    report.AppendLine().AppendLine("| items | search | path | p50 ms | p99 ms | max ms |").AppendLine("|---:|---|---|---:|---:|---:|");
    foreach (var m in measured)
        report.AppendLine(string.Create(CultureInfo.InvariantCulture, $"| {m.Items:N0} | {m.Search} | {m.Path} | {m.Latency.P50:0.0} | {m.Latency.P99:0.0} | {m.Latency.Max:0.0} |"));
    if (exportFormats.Length > 0) report.AppendLine().Append(OpenDataExports.Table(exports));
    report.AppendLine();
    foreach (var note in notes) report.AppendLine($"- {note}");
    await BenchRun.WriteReportAsync(report.ToString(), resultsPath);
    var results = measured.GroupBy(m => (m.Items, m.Search)).SelectMany(g => BenchResults.Compared([.. g.Select(m => new PathResult(
        $"{m.Search} at {m.Items:N0} items", m.Path, m.Path.StartsWith("raw", StringComparison.Ordinal) ? PathRole.Baseline : PathRole.Service,
        "searches/s", 1000 / m.Latency.P50, null, m.Latency.P50, m.Latency.P99))])).Concat(OpenDataExports.Results(exports)).ToList();
    await BenchRun.WriteResultsAsync(new BenchResults("knowledge", "Knowledge", conditions, true, results, notes), resultsPath);
    return 0;
});

/// <summary>A corpus in German and English: one item in fifty about a "Netzwerk", one in seven a "Partnerschaft".</summary>
static class Corpus
{
    static readonly string[] Themes = ["education", "climate", "migration", "health", "economy"];
    static readonly string[] Places = ["05314000", "01002000", "14713000", "09162000", "05358008", "05315000", "06412000"];
    static readonly string[] Words = ["Kommune", "Verein", "Beratung", "Bildung", "Projekt", "Förderung", "Austausch", "Stadt", "Schule", "Jugend"];
    static readonly string[] EnglishWords = ["municipality", "association", "advice", "education", "project", "funding", "exchange", "city", "school", "youth"];

    public static async Task SeedAsync(IDocumentStore store, int from, int to)
    {
        var at = DateTimeOffset.UtcNow.AddDays(-30);
        for (var start = from; start < to; start += 5_000)
        {
            var batch = Enumerable.Range(start, Math.Min(5_000, to - start)).Select(i =>
            {
                var id = Guid.CreateVersion7();
                var type = (ItemType)(i % 6);
                string Text(string[] words, int salt) => string.Join(' ', Enumerable.Range(0, 12).Select(k => words[(i * 7 + k * 3 + salt) % words.Length]));
                var de = $"{Text(Words, 1)}{(i % 50 == 0 ? " im Netzwerk" : "")}{(i % 7 == 0 ? " Partnerschaften" : "")} Nummer {i}";
                var en = i % 3 == 0 ? null : $"{Text(EnglishWords, 2)} number {i}";
                var content = new ItemContent(new LocalizedText($"Eintrag {i}", en is null ? null : $"Item {i}"), new LocalizedText(de, en),
                    new Dictionary<string, LocalizedText>(), Places[i % Places.Length], [], [Themes[i % Themes.Length]], [i % 17 + 1], [],
                    type == ItemType.Publication ? new PublicationDetails(["A. Autorin"], 2024, null) : null,
                    type == ItemType.CooperationProject ? new ProjectDetails("BMZ", "Engagement Global", null, null, null) : null);
                return Aggregate.Fold<KnowledgeItem>(null, [
                    new ItemDrafted(id, type, null, content, "bench", "Bench", at),
                    new ItemPublished(id, type, null, 1, content, "bench", "Bench", at.AddSeconds(i)),
                ])! with { Version = 2 };
            }).ToList();
            await store.BulkInsertAsync(batch, batchSize: 5_000);
        }
    }
}

/// <summary>
/// The search written by hand over the same search rows (Items/Searching/SearchRows: the stored vectors and the tags, one GIN
/// index): the same logical work as the service's (the page in relevance order with its documents, ranks and snippets, the
/// count, every tag of every match counted), as three statements in one batch.
/// </summary>
static class RawSearch
{
    // Without filters no tag condition at all: an empty array would make the GIN index scan every tag. The queries are
    // parsed once per statement (q), as a careful hand would write it.
    static string Matching(string[] tags) => """
        (s.german @@ q.de or s.english @@ q.en or s.file_german @@ q.de or s.file_english @@ q.en)
        """ + (tags.Length > 0 ? " and s.tags @> $2" : " and $2::text[] is not null");

    const string Queries = "with q as materialized (select websearch_to_tsquery('german', $1) as de, websearch_to_tsquery('english', $1) as en)";

    public static async Task RunAsync(NpgsqlDataSource database, string text, string? theme, string? state)
    {
        string[] tags = [.. new[] { theme is null ? null : $"theme:{theme}", state is null ? null : $"state:{state}" }.OfType<string>()];
        await using var batch = database.CreateBatch();
        batch.BatchCommands.Add(Command($"""
            {Queries}
            select d.data, p.rank,
                   ts_headline('german', replace(replace(replace(d.data ->> 'SearchGerman', '&', '&amp;'), '<', '&lt;'), '>', '&gt;'),
                               q.de, 'MaxFragments=2, MaxWords=25, MinWords=8, StartSel=<mark>, StopSel=</mark>')
            from q, (select s.id, s.published_at,
                            ts_rank(s.german, q.de) + ts_rank(s.english, q.en)
                            + (coalesce(ts_rank(s.file_german, q.de), 0) + coalesce(ts_rank(s.file_english, q.en), 0)) / 2 as rank
                     from q, item_search s where {Matching(tags)}
                     order by rank desc, s.published_at desc, s.id limit 20) p
            join mt_doc_knowledgeitem d on d.id = p.id
            order by p.rank desc, p.published_at desc, p.id
            """, text, tags));
        batch.BatchCommands.Add(Command($"{Queries} select count(*) from q, item_search s where {Matching(tags)}", text, tags));
        batch.BatchCommands.Add(Command($"{Queries} select tag, count(*) from (select unnest(s.tags) as tag from q, item_search s where {Matching(tags)}) t group by tag", text, tags));
        await using var reader = await batch.ExecuteReaderAsync();
        do { while (await reader.ReadAsync()) { } } while (await reader.NextResultAsync());
    }

    /// <summary>Prints the plan of the filtered match once per size: the text and the tags must be answered by the GIN index.</summary>
    public static async Task ExplainAsync(NpgsqlDataSource database, string text, string? theme, string? state)
    {
        string[] tags = [.. new[] { theme is null ? null : $"theme:{theme}", state is null ? null : $"state:{state}" }.OfType<string>()];
        await using var command = database.CreateCommand($"explain (analyze, costs off, timing off, summary on) {Queries} select count(*) from q, item_search s where {Matching(tags)}");
        command.Parameters.Add(new NpgsqlParameter { Value = text });
        command.Parameters.Add(new NpgsqlParameter { Value = tags, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Array | NpgsqlTypes.NpgsqlDbType.Text });
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync()) Console.WriteLine($"    plan: {reader.GetString(0)}");
    }

    static NpgsqlBatchCommand Command(string sql, string text, string[] tags)
    {
        var command = new NpgsqlBatchCommand(sql);
        command.Parameters.Add(new NpgsqlParameter { Value = text });
        command.Parameters.Add(new NpgsqlParameter { Value = tags, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Array | NpgsqlTypes.NpgsqlDbType.Text });
        return command;
    }
}

/// <summary>
/// The open-data export at one size: each format through GET /open-data/items.{format} over loopback HTTP (anonymous, read
/// as it streams, no byte kept) and, as the raw baseline, PostgreSQL's COPY of the same columns as CSV through Npgsql.
/// Each path runs twice: once timed while the process's working set is sampled every millisecond (after a compacting
/// collection, so "above idle" is what this export added), once while a sampler forces a full collection every 5 ms and
/// keeps the largest live managed heap above the idle one (5 ms rather than Exports.Bench's 1 ms: at 100,000 items a
/// collection every millisecond would stretch an export to minutes). The service runs in this process, so these are its
/// figures, with the client's 16 KiB buffer.
/// </summary>
sealed class OpenDataExports(HttpClient client, NpgsqlDataSource database, string[] formats)
{
    public sealed record Measured(int Items, string Path, bool Raw, long Bytes, double Ms, long WorkingSetIdle, long WorkingSetPeak, long LiveHeapAboveIdle)
    {
        public long WorkingSetAboveIdle => Math.Max(0, WorkingSetPeak - WorkingSetIdle);
    }

    const string CopyPath = "raw COPY (CSV)";
    bool warm;

    public async Task<List<Measured>> MeasureAsync(int items)
    {
        var paths = formats.Select(f => (Name: f.ToUpperInvariant(), Export: (Func<Task<long>>)(() => ExportAsync(f))))
            .Append((Name: CopyPath, Export: CopyAsync)).ToList();
        if (!warm) foreach (var (_, export) in paths) await export(); // JIT, pools, plans
        warm = true;
        var measured = new List<Measured>();
        foreach (var (name, export) in paths)
        {
            long bytes = 0;
            var started = Clock.Now;
            var (idle, peak) = await PeakMemory.WorkingSetAsync(async () => bytes = await export());
            var ms = Clock.Ms(started, Clock.Now);
            var heap = await PeakMemory.LiveHeapAboveIdleAsync(export, TimeSpan.FromMilliseconds(5));
            var m = new Measured(items, name, name == CopyPath, bytes, ms, idle, peak, heap);
            measured.Add(m);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"  {items,7:N0} export {name,-14} {Mib(bytes),7:0.0} MiB {ms / 1000,6:0.0} s  working set {Mib(peak),6:0} MiB ({Mib(m.WorkingSetAboveIdle):0.0} above idle)  live heap +{Mib(heap):0.0} MiB"));
        }
        return measured;
    }

    async Task<long> ExportAsync(string format)
    {
        using var response = await client.GetAsync($"/open-data/items.{format}", HttpCompletionOption.ResponseHeadersRead);
        if (response.StatusCode != HttpStatusCode.OK) throw new InvalidOperationException($"{format}: {response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        await using var body = await response.Content.ReadAsStreamAsync();
        return await CountingSink.DrainAsync(body);
    }

    /// <summary>The same rows and columns in the same order, written by PostgreSQL (lists joined as the export joins them).</summary>
    async Task<long> CopyAsync()
    {
        await using var connection = await database.OpenConnectionAsync();
        using var copy = await connection.BeginTextExportAsync("""
            copy (select d.id, d.data ->> 'Type', c -> 'Title' ->> 'De', c -> 'Title' ->> 'En', c -> 'Summary' ->> 'De', c -> 'Summary' ->> 'En',
                         c ->> 'MunicipalityAgs',
                         (select string_agg(t, '; ') from jsonb_array_elements_text(c -> 'Themes') t),
                         (select string_agg(s, '; ') from jsonb_array_elements_text(c -> 'Sdgs') s),
                         (select string_agg(x, '; ') from jsonb_array_elements_text(c -> 'Countries') x),
                         (select string_agg(o, '; ') from jsonb_array_elements_text(c -> 'Organisations') o),
                         d.data ->> 'PublishedAt', d.data ->> 'PublishedRevision', '/api/knowledge/items/' || d.id, 'CC-BY-4.0'
                  from mt_doc_knowledgeitem d, lateral (select d.data -> 'Content' as c) content
                  where d.data ->> 'Status' = 'Published' order by (d.data ->> 'PublishedAt')::timestamptz, d.id)
            to stdout (format csv, header)
            """);
        return await CountingSink.DrainAsync(copy);
    }

    static double Mib(long bytes) => bytes / (1024.0 * 1024.0);

    public static string Table(List<Measured> measured)
    {
        var s = new StringBuilder();
        s.AppendLine("## Open-data export").AppendLine();
        s.AppendLine("`GET /open-data/items.{csv|json|xlsx}` (anonymous, loopback HTTP, read as it streams and counted, nothing kept) and PostgreSQL's "
            + "`COPY ... TO STDOUT (FORMAT csv)` of the same columns (the raw baseline; its bytes are characters). Working set: the process's, sampled every "
            + "millisecond during the timed export, the idle figure taken after a compacting collection. Live heap: the largest managed heap above the idle "
            + "one, with a forced full collection every 5 ms during a second export. The service runs in the bench's process.");
        s.AppendLine();
        s.AppendLine("| items | path | file | time s | items/s | peak working set | above idle | peak live heap above idle |");
        s.AppendLine("|---:|---|---:|---:|---:|---:|---:|---:|");
        foreach (var m in measured)
            s.AppendLine(CultureInfo.InvariantCulture,
                $"| {m.Items:N0} | {(m.Raw ? m.Path : $"**{m.Path}**")} | {Mib(m.Bytes):0.0} MiB | {m.Ms / 1000:0.0} | {m.Items / (m.Ms / 1000):N0} | {Mib(m.WorkingSetPeak):0} MiB | {Mib(m.WorkingSetAboveIdle):0.0} MiB | {Mib(m.LiveHeapAboveIdle):0.0} MiB |");
        return s.ToString();
    }

    /// <summary>Per path: its memory at the large size against the small one (the target: the same).</summary>
    public static IEnumerable<string> Growth(int small, int large, List<Measured> measured) =>
        measured.Where(m => m.Items == large).Select(m =>
        {
            var before = measured.Single(s => s.Items == small && s.Path == m.Path);
            return string.Create(CultureInfo.InvariantCulture,
                $"open-data export, {m.Path}: {Mib(before.Bytes):0.0} MiB at {small:N0} items, {Mib(m.Bytes):0.0} MiB at {large:N0}; peak working set {Mib(before.WorkingSetPeak):0} MiB and {Mib(m.WorkingSetPeak):0} MiB "
                + $"({Mib(before.WorkingSetAboveIdle):0.0} and {Mib(m.WorkingSetAboveIdle):0.0} MiB above idle); peak live heap above idle {Mib(before.LiveHeapAboveIdle):0.0} and {Mib(m.LiveHeapAboveIdle):0.0} MiB (target: the same at both sizes)");
        });

    public static IEnumerable<PathResult> Results(List<Measured> measured) =>
        measured.GroupBy(m => m.Items).SelectMany(g => BenchResults.Compared([.. g.Select(m => new PathResult(
            $"open-data export of {m.Items:N0} items", m.Path, m.Raw ? PathRole.Baseline : PathRole.Service, "items/s", m.Items / (m.Ms / 1000), null, m.Ms, null,
            string.Create(CultureInfo.InvariantCulture,
                $"file {Mib(m.Bytes):0.0} MiB, peak working set {Mib(m.WorkingSetPeak):0} MiB ({Mib(m.WorkingSetAboveIdle):0.0} MiB above idle), peak live heap above idle {Mib(m.LiveHeapAboveIdle):0.0} MiB")))]));
}
