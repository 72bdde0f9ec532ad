using System.Globalization;
using System.Text;
using Marten;
using Microsoft.Extensions.DependencyInjection;
using Network.Bench;
using Network.Bench.Directory;
using Npgsql;

// Directory benchmark. One run: start PostgreSQL and RabbitMQ (the tests' helpers), the sign-in provider (Identity)
// and the real Directory service trusting it; register N organisations through the Directory's write path and the
// same registrations as plain SQL doing the same work (the fair baseline), taking turns in rounds; the commit floor and
// the plain-INSERT floor beside them; then time representative searches three ways (Marten query, HTTP endpoint,
// hand-written SQL) and write bench/results/directory-latest.md (and .json).
// Options: --n 10000 --parallelism 8 --rounds 10 --iterations 100 --warmup 10 --results PATH.

var options = BenchOptions.Parse(args);
var bench = new BenchRun();
Console.WriteLine($"Directory bench: N={options.N}, parallelism {options.Parallelism}, {options.Iterations} iterations per query. Load average: {bench.LoadBefore}");

return await bench.ExecuteAsync(async () =>
{
    // The outbox would publish every registration to RabbitMQ meanwhile: measured on its own by Outbox.Bench, paused here.
    var (directory, database, identity) = await bench.StartServiceWithOutboxPausedAsync<Network.Directory.IntegrationEvents>("directory", "Directory");
    var store = directory.Services.GetRequiredService<IDocumentStore>();
    var dataSource = bench.Own(NpgsqlDataSource.Create(Network.Platform.EventStore.EventStoreConnections.Tuned(database)));
    var durability = await CommitFloor.DurabilityAsync(dataSource);

    var workload = Workload.Generate(options.N);
    var marten = new MartenPath(store, options.Parallelism);
    var fair = new FairRawPath(dataSource, store.Options.Serializer(), MartenPath.Bench);
    var raw = new RawBaseline(dataSource, options.Parallelism);
    var fairIndexes = await fair.CreateTablesAsync();
    (string Name, Func<Workload.Item, CancellationToken, Task> Register)[] paths = [(Marten, marten.RegisterAsync), (Fair, fair.RegisterAsync)];
    Func<int, CancellationToken, Task<bool>> Registering(int path, IReadOnlyList<Workload.Item> items) => async (i, ct) =>
    {
        await paths[path].Register(items[i], ct);
        return true;
    };

    bench.Step("warming up both paths (200 registrations each, not counted)");
    var warmup = Workload.Generate(200, seed: 1).Select(i => i with { Request = i.Request with { Name = "Warm-up " + i.Request.Name } }).ToList();
    for (var p = 0; p < paths.Length; p++) await Measurement.OfAsync(warmup.Count, options.Parallelism, Registering(p, warmup));

    bench.Step("round trips per registration (20 organisations on each path, one at a time)");
    var roundTrips = new List<(string Path, RoundTripCount Count)>();
    for (var p = 0; p < paths.Length; p++)
    {
        var items = Workload.Generate(20, seed: 2).Select(i => i with { Request = i.Request with { Name = "Round trip " + i.Request.Name } }).ToList();
        var register = paths[p].Register;
        var count = await RoundTrips.PerOperationAsync(items.Count, i => register(items[i], CancellationToken.None));
        roundTrips.Add((paths[p].Name, count));
        Console.WriteLine($"  {paths[p].Name}: {count}");
    }

    bench.Step($"registering {options.N} organisations on both paths in {options.Rounds} rounds, {options.Parallelism} writers each");
    var registered = paths.Select(_ => new Measurement()).ToArray();
    await Rounds.TakeTurnsAsync(Rounds.Of(options.N, options.Rounds), paths.Length,
        (p, round) => registered[p].RunAsync(round.From, round.To, options.Parallelism, Registering(p, workload)));
    for (var p = 0; p < paths.Length; p++)
        Console.WriteLine($"  {paths[p].Name}: {registered[p].Throughput.Rate} registrations/s, p50 {Percentiles.Ms(registered[p].Latency.P50)} ms, p99 {Percentiles.Ms(registered[p].Latency.P99)} ms, CPU {registered[p].CpuPerOperation} each");

    // Evidence that both did the same work: as many events and snapshots, of the same size.
    var stored = new[]
    {
        await StoredAsync(dataSource, Marten, "mt_doc_organisation", "mt_events where type = 'organisation_registered'"),
        await StoredAsync(dataSource, Fair, FairRawPath.Snapshots, FairRawPath.Events),
    };
    if (stored[0].Snapshots != stored[1].Snapshots || stored[0].Events != stored[1].Events || stored[0].Snapshots != workload.Count + warmup.Count + 20)
        throw new InvalidOperationException($"The paths stored different amounts: {string.Join("; ", stored.Select(x => x.Text))}.");

    bench.Step($"commit floor: {options.N} empty transactions, {options.Parallelism} connections at a time");
    var commitFloor = await CommitFloor.MeasureAsync(dataSource, options.N, options.Parallelism);
    Console.WriteLine($"  {commitFloor.Throughput.Rate} transactions/s");

    bench.Step("Marten: verifying and archiving as the workload says");
    var verify = await marten.VerifyAsync(workload);
    Console.WriteLine($"  {verify.Throughput.Rate} changes/s ({verify.Throughput.Messages} in {verify.Throughput.Elapsed.TotalMilliseconds:0} ms)");

    bench.Step($"plain-INSERT floor: the {workload.Count + warmup.Count} documents Marten stored as rows, {options.Parallelism} connections at a time");
    await raw.CreateTableAsync();
    var rows = await StoredDocuments(dataSource);
    var insert = await raw.InsertAsync(rows);
    Console.WriteLine($"  {insert.Throughput.Rate} rows/s; indexes copied: {string.Join(", ", raw.CopiedIndexes)}");
    await raw.AnalyzeAsync();
    var martenEventIndexes = await IndexesOf(dataSource, "mt_events", "mt_streams");
    await fair.DropTablesAsync();

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

    var scenario = $"register an organisation ({options.Parallelism} writers)";
    var writing = BenchResults.Compared([
        registered[0].Result(scenario, Marten, PathRole.Service, "organisations/s"),
        registered[1].Result(scenario, Fair, PathRole.Baseline, "organisations/s"),
        insert.Result(scenario, "plain INSERT", PathRole.Floor, "rows/s"),
        commitFloor.Result(scenario, "empty transactions", PathRole.Floor, "transactions/s"),
    ]).ToList();
    var conditions = $"{bench.Conditions()} {durability}.";
    var report = Report(options, conditions, workload.Count, writing, verify, stored.Select(x => x.Text).ToList(), raw.CopiedIndexes, fairIndexes, martenEventIndexes, results, roundTrips);
    await BenchRun.WriteReportAsync(report, options.Results);
    await BenchRun.WriteResultsAsync(new BenchResults("directory", "Directory", conditions, true, writing,
        [$"{Marten}: what POST /organisations does after reading the body, on the service's own store. {Fair}: {FairWork}",
         .. roundTrips.Select(r => $"round trips per registration, {r.Path}: {r.Count}")]), options.Results);
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

static async Task<(long Snapshots, long Events, string Text)> StoredAsync(NpgsqlDataSource database, string path, string snapshots, string events)
{
    await using var command = database.CreateCommand(
        $"select (select count(*) from {snapshots}), (select avg(octet_length(data::text))::int from {snapshots}), (select count(*) from {events}), (select avg(octet_length(data::text))::int from {events})");
    await using var reader = await command.ExecuteReaderAsync();
    await reader.ReadAsync();
    var (snapshotCount, eventCount) = (reader.GetInt64(0), reader.GetInt64(2));
    return (snapshotCount, eventCount, $"{path}: {snapshotCount} snapshots of {reader.GetInt32(1)} bytes of JSON on average, {eventCount} events of {reader.GetInt32(3)} bytes");
}

static async Task<IReadOnlyList<string>> IndexesOf(NpgsqlDataSource database, params string[] tables)
{
    var indexes = new List<string>();
    await using var command = database.CreateCommand("select indexdef from pg_indexes where tablename = any($1) order by tablename, indexname");
    command.Parameters.Add(new NpgsqlParameter { Value = tables });
    await using var reader = await command.ExecuteReaderAsync();
    while (await reader.ReadAsync()) indexes.Add(reader.GetString(0).Replace("public.", "", StringComparison.Ordinal));
    return indexes;
}

static string Report(BenchOptions o, string conditions, int n, List<PathResult> writing, Measurement verify, List<string> stored,
    IReadOnlyList<string> indexes, IReadOnlyList<string> fairIndexes, IReadOnlyList<string> martenEventIndexes, List<SearchResult> results,
    List<(string Path, RoundTripCount Count)> roundTrips)
{
    var ci = CultureInfo.InvariantCulture;
    var s = new StringBuilder();
    s.AppendLine("# Directory benchmark");
    s.AppendLine();
    s.AppendLine(conditions);
    s.AppendLine(ci, $"N = {n} organisations (fixed seed; 40 municipalities, half in the five pilot cities; ~70 % verified, ~10 % members-only, ~2 % archived); {o.Parallelism} concurrent writers on every path; PostgreSQL and the bench on the same machine. The outbox daemon is paused (Outbox.Bench measures it).");
    s.AppendLine();
    s.AppendLine(ci, $"## Registering an organisation ({o.Parallelism} writers)");
    s.AppendLine();
    s.Append(BenchResults.Table(writing));
    s.AppendLine();
    s.AppendLine(ci, $"- **{Marten}**: what `POST /organisations` does after reading the body (`RegisterOrganisation.RegisterAsync`), on the service's own `IDocumentStore`, one session per organisation: the theme vocabulary and the organisations holding the name (a query on the unique name-key index) in one batch, `RegisterOrganisation.Decide` and the duplicate-name check, start the stream (mt_streams row, `OrganisationRegistered` in mt_events, inline `Organisation` snapshot in mt_doc_organisation with all its indexes, one transaction), a lost race on the name key answered as a duplicate.");
    s.AppendLine(ci, $"- **{Fair}** (the baseline): {FairWork}");
    s.AppendLine(ci, $"- plain INSERT (floor): one autocommit `INSERT` per document of the JSON Marten stored (after verifying), into a table with the same indexes as mt_doc_organisation; no check, no event, one round trip. This table is also the raw side of the searches below.");
    s.AppendLine(ci, $"- empty transactions (the commit floor): `{CommitFloor.Sql}` on a pooled connection (two round trips), {o.Parallelism} at a time: no write path on this PostgreSQL can commit faster.");
    s.AppendLine(ci, $"- Marten and {Fair} take turns in {o.Rounds} rounds of {n / o.Rounds} (the first path of a round rotating; each writes its own tables, which have grown alike at each round); each warmed up with 200 registrations first, not counted. The floors run after them. Latency: one registration, from its call to its return.");
    s.AppendLine(ci, $"- Then staff verify / archive as the workload says (`FetchForWriting` + decide + append + snapshot, one session each, no raw counterpart): {verify.Throughput.Messages} changes at {verify.Throughput.Rate}/s, p50 {Percentiles.Ms(verify.Latency.P50)} ms, p99 {Percentiles.Ms(verify.Latency.P99)} ms.");
    s.AppendLine();
    s.AppendLine(ci, $"Round trips per registration (20 one after another; the commands and batches Npgsql traced, plus the COMMIT): {string.Join("; ", roundTrips.Select(r => $"{r.Path} {r.Count}"))}.");
    s.AppendLine();
    s.AppendLine(ci, $"Stored after the rounds (warm-up and round-trip count included): {string.Join("; ", stored)}.");
    s.AppendLine(ci, $"Indexes of mt_doc_organisation copied to both raw tables besides the primary key: {string.Join(", ", indexes)} (on the fair snapshot table: {string.Join(", ", fairIndexes)}).");
    s.AppendLine(ci, $"The fair event table: `{RawBaseline.Compact(FairRawPath.EventTable)}`. Marten's event tables for comparison: {string.Join("; ", martenEventIndexes.Select(i => $"`{i}`"))}.");
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

static partial class Program
{
    const string Marten = "Marten";
    const string Fair = "raw SQL, same work";

    const string FairWork = "the same registration in plain SQL on a pooled connection, one transaction: "
        + "read the theme vocabulary and look the name up in its municipality through the unique name-key index (one round trip), "
        + "`RegisterOrganisation.Decide`, insert the event row (the same `OrganisationRegistered` JSON, by Marten's serializer) and the snapshot row "
        + "(the same `Organisation` JSON) into tables with comparable indexes (one round trip), commit. No stream table: "
        + "the event table's unique (stream_id, version) does what mt_streams does for a new stream.";
}

sealed record SearchResult(BenchQuery Query, long MartenTotal, long RawTotal, long HttpTotal, Percentiles Marten, Percentiles Raw, Percentiles Http, string MartenSql, string RawSql);

sealed record BenchOptions(int N, int Parallelism, int Rounds, int Iterations, int Warmup, string Results)
{
    public static BenchOptions Parse(string[] args)
    {
        var values = new BenchArgs(args);
        return new BenchOptions(values.Int("n", 10_000), values.Int("parallelism", 8), values.Int("rounds", 10), values.Int("iterations", 100), values.Int("warmup", 10),
            values.Results("directory-latest.md"));
    }
}
