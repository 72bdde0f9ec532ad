using System.Globalization;
using System.Text;
using Marten;
using Microsoft.Extensions.DependencyInjection;
using Network.Bench;
using Network.Bench.Directory;
using Npgsql;

// Directory benchmark. One run: start PostgreSQL and RabbitMQ (the tests' helpers), the sign-in provider (Identity)
// and the real Directory service trusting it, register N organisations through the Directory's write path and the
// same documents as raw rows, then time representative searches three ways (Marten query, HTTP endpoint,
// hand-written SQL) and write bench/results/directory-latest.md.
// Options: --n 10000 --parallelism 8 --iterations 100 --warmup 10 --results PATH.

var options = BenchOptions.Parse(args);
var bench = new BenchRun();
Console.WriteLine($"Directory bench: N={options.N}, parallelism {options.Parallelism}, {options.Iterations} iterations per query. Load average: {bench.LoadBefore}");

return await bench.ExecuteAsync(async () =>
{
    // The outbox would publish every registration to RabbitMQ meanwhile: measured on its own by Outbox.Bench, paused here.
    var (directory, database, identity) = await bench.StartServiceWithOutboxPausedAsync<Network.Directory.IntegrationEvents>("directory", "Directory");
    var store = directory.Services.GetRequiredService<IDocumentStore>();
    var dataSource = bench.Own(NpgsqlDataSource.Create(database));

    var workload = Workload.Generate(options.N);
    var marten = new MartenPath(store, options.Parallelism);
    var raw = new RawBaseline(dataSource, options.Parallelism);

    bench.Step($"warming up (200 registrations, not counted)");
    var warmup = Workload.Generate(200, seed: 1).Select(i => i with { Request = i.Request with { Name = "Warm-up " + i.Request.Name } }).ToList();
    await marten.RegisterAsync(warmup);

    bench.Step($"Marten: registering {options.N} organisations, {options.Parallelism} sessions at a time");
    var register = await marten.RegisterAsync(workload);
    Console.WriteLine($"  {register.Rate} registrations/s ({register.Elapsed.TotalMilliseconds:0} ms)");

    bench.Step("Marten: verifying and archiving as the workload says");
    var verify = await marten.VerifyAsync(workload);
    Console.WriteLine($"  {verify.Rate} changes/s ({verify.Messages} in {verify.Elapsed.TotalMilliseconds:0} ms)");

    bench.Step($"raw Npgsql: inserting the same {workload.Count + warmup.Count} documents as rows, {options.Parallelism} connections at a time");
    await raw.CreateTableAsync();
    var rows = await StoredDocuments(dataSource);
    var insert = await raw.InsertAsync(rows);
    Console.WriteLine($"  {insert.Rate} rows/s ({insert.Elapsed.TotalMilliseconds:0} ms); indexes copied: {string.Join(", ", raw.CopiedIndexes)}");
    await raw.AnalyzeAsync();

    bench.Step($"searching: {Queries.All.Count} queries x {options.Iterations} iterations, Marten / HTTP / raw interleaved");
    var anonymous = directory.NewClient();
    var staff = directory.NewClient(identity.StaffToken);
    var results = new List<SearchResult>();
    foreach (var query in Queries.All)
    {
        var user = query.User;
        var rawQuery = query.Raw(raw);
        var http = query.AsStaff ? staff : anonymous;
        async Task<long> Http()
        {
            var response = await http.GetAsync($"/search/organisations?{query.HttpQuery}");
            response.EnsureSuccessStatusCode();
            var body = await response.Content.ReadAsStringAsync();
            return System.Text.Json.JsonDocument.Parse(body).RootElement.GetProperty("totalItems").GetInt64();
        }

        for (var i = 0; i < options.Warmup; i++)
        {
            await marten.SearchAsync(query.Search, user);
            await raw.SelectAsync(rawQuery);
            await Http();
        }
        var (martenMs, rawMs, httpMs) = (new List<double>(), new List<double>(), new List<double>());
        long martenTotal = 0, rawTotal = 0, httpTotal = 0;
        for (var i = 0; i < options.Iterations; i++)
        {
            var t0 = Clock.Now;
            martenTotal = await marten.SearchAsync(query.Search, user);
            var t1 = Clock.Now;
            rawTotal = await raw.SelectAsync(rawQuery);
            var t2 = Clock.Now;
            httpTotal = await Http();
            var t3 = Clock.Now;
            martenMs.Add(Clock.Ms(t0, t1));
            rawMs.Add(Clock.Ms(t1, t2));
            httpMs.Add(Clock.Ms(t2, t3));
        }
        var result = new SearchResult(query, martenTotal, rawTotal, httpTotal, Percentiles.Of(martenMs), Percentiles.Of(rawMs), Percentiles.Of(httpMs),
            RawBaseline.Compact(marten.SqlOf(query.Search, user)), RawBaseline.Compact($"where {rawQuery.Where} order by {rawQuery.OrderBy} limit 20"));
        results.Add(result);
        Console.WriteLine($"  {query.Name}: {martenTotal} hits; p50 Marten {Percentiles.Ms(result.Marten.P50)} / raw {Percentiles.Ms(result.Raw.P50)} / HTTP {Percentiles.Ms(result.Http.P50)} ms");
    }
    await raw.DropAsync();

    var report = Report(options, bench.Conditions(), workload.Count, register, verify, insert, raw.CopiedIndexes, results);
    await BenchRun.WriteReportAsync(report, options.Results);
    return 0;
});

static async Task<IReadOnlyList<(Guid, string)>> StoredDocuments(NpgsqlDataSource database)
{
    var rows = new List<(Guid, string)>();
    await using var command = database.CreateCommand("select id, data::text from mt_doc_organisation");
    await using var reader = await command.ExecuteReaderAsync();
    while (await reader.ReadAsync()) rows.Add((reader.GetGuid(0), reader.GetString(1)));
    return rows;
}

static string Report(BenchOptions o, string conditions, int n, Throughput register, Throughput verify,
    Throughput insert, IReadOnlyList<string> indexes, List<SearchResult> results)
{
    var ci = CultureInfo.InvariantCulture;
    var s = new StringBuilder();
    s.AppendLine("# Directory benchmark");
    s.AppendLine();
    s.AppendLine(conditions);
    s.AppendLine(ci, $"N = {n} organisations (fixed seed; 40 municipalities, half in the five pilot cities; ~70 % verified, ~10 % members-only, ~2 % archived); {o.Parallelism} concurrent writers on both paths; PostgreSQL and the bench on the same machine. The outbox daemon is paused (Outbox.Bench measures it).");
    s.AppendLine();
    s.AppendLine("## Writing");
    s.AppendLine();
    s.AppendLine("| path | items | time (ms) | per second | vs raw |");
    s.AppendLine("|---|---:|---:|---:|---:|");
    s.AppendLine(ci, $"| **Marten: register** (theme vocabulary + decide + duplicate-name check + stream with event and inline snapshot, one session each) | {register.Messages} | {register.Elapsed.TotalMilliseconds:0} | {register.Rate} | {(register.PerSecond / insert.PerSecond).ToString("0.00", ci)} |");
    s.AppendLine(ci, $"| Marten: verify / archive (FetchForWriting + decide + append + snapshot, one session each) | {verify.Messages} | {verify.Elapsed.TotalMilliseconds:0} | {verify.Rate} | {(verify.PerSecond / insert.PerSecond).ToString("0.00", ci)} |");
    s.AppendLine(ci, $"| **raw Npgsql: INSERT** of the same JSON documents, same indexes, autocommit | {insert.Messages} | {insert.Elapsed.TotalMilliseconds:0} | {insert.Rate} | 1.00 |");
    s.AppendLine();
    s.AppendLine(ci, $"Indexes on both tables besides the primary key: {string.Join(", ", indexes)}.");
    s.AppendLine();
    s.AppendLine(ci, $"## Searching ({o.Iterations} runs per query and path after {o.Warmup} warm-up runs; page of 20 with the total)");
    s.AppendLine();
    s.AppendLine("| query | hits | path | p50 ms | p90 ms | p99 ms | max ms |");
    s.AppendLine("|---|---:|---|---:|---:|---:|---:|");
    foreach (var r in results)
    {
        var agree = r.MartenTotal == r.RawTotal && r.MartenTotal == r.HttpTotal ? "" : $" **(totals differ: raw {r.RawTotal}, HTTP {r.HttpTotal})**";
        s.AppendLine(ci, $"| {r.Query.Name} | {r.MartenTotal}{agree} | Marten query | {Percentiles.Ms(r.Marten.P50)} | {Percentiles.Ms(r.Marten.P90)} | {Percentiles.Ms(r.Marten.P99)} | {Percentiles.Ms(r.Marten.Max)} |");
        s.AppendLine(ci, $"| | | GET /search/organisations | {Percentiles.Ms(r.Http.P50)} | {Percentiles.Ms(r.Http.P90)} | {Percentiles.Ms(r.Http.P99)} | {Percentiles.Ms(r.Http.Max)} |");
        s.AppendLine(ci, $"| | | raw Npgsql | {Percentiles.Ms(r.Raw.P50)} | {Percentiles.Ms(r.Raw.P90)} | {Percentiles.Ms(r.Raw.P99)} | {Percentiles.Ms(r.Raw.Max)} |");
    }
    s.AppendLine();
    s.AppendLine("Marten query = `SearchOrganisations.RunAsync` on a fresh query session (what the endpoint runs after parsing the query string); ");
    s.AppendLine("GET = the endpoint over loopback HTTP (parsing, query, JSON); raw = the hand-written SELECT below on the raw table.");
    s.AppendLine();
    s.AppendLine("## The SQL");
    s.AppendLine();
    foreach (var r in results)
    {
        s.AppendLine(ci, $"**{r.Query.Name}** (`?{r.Query.HttpQuery}`)");
        s.AppendLine();
        s.AppendLine("```sql");
        s.AppendLine("-- Marten");
        s.AppendLine(r.MartenSql);
        s.AppendLine("-- raw");
        s.AppendLine(r.RawSql);
        s.AppendLine("```");
        s.AppendLine();
    }
    return s.ToString();
}

sealed record SearchResult(BenchQuery Query, long MartenTotal, long RawTotal, long HttpTotal, Percentiles Marten, Percentiles Raw, Percentiles Http, string MartenSql, string RawSql);

sealed record BenchOptions(int N, int Parallelism, int Iterations, int Warmup, string Results)
{
    public static BenchOptions Parse(string[] args)
    {
        var values = new BenchArgs(args);
        return new BenchOptions(values.Int("n", 10_000), values.Int("parallelism", 8), values.Int("iterations", 100), values.Int("warmup", 10),
            values.Results("directory-latest.md"));
    }
}
