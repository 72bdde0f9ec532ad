using System.Globalization;
using System.Text;
using Marten;
using Microsoft.Extensions.DependencyInjection;
using Network.Bench;
using Network.Bench.Events;
using Network.Events.Organisations;
using Npgsql;

// Events registration benchmark. One run: start PostgreSQL and RabbitMQ (the tests' helpers), the sign-in provider
// (Identity) and the real Events service trusting it; register people for events three ways — POST /events/{id}/registrations over loopback HTTP, the endpoint's
// code on the service's own store without HTTP (Marten), and the same rule in plain SQL (the fair baseline) — with the
// same number of concurrent clients, for one hot event and spread over many, with the plain-INSERT floor and the
// commit floor beside them; after every run check from what is stored that nothing was overbooked; write
// bench/results/events-latest.md (and .json). Exit code 1 if a check fails.
// Options: --n 3000 --clients 32 --events 50 --hot-capacity 500 --capacity 20 --rounds 10 --window 300 --warmup 200 --results PATH.

var options = BenchOptions.Parse(args);
var bench = new BenchRun();
Console.WriteLine($"Events bench: N={options.N} registrations per run, {options.Clients} concurrent clients. Load average: {bench.LoadBefore}");

return await bench.ExecuteAsync(async () =>
{
    // The outbox would publish every registration to RabbitMQ meanwhile, on the same two cores: it is measured on
    // its own by Outbox.Bench and paused here, so the numbers are the write path's (as in Directory.Bench).
    var (service, database, identity) = await bench.StartServiceWithOutboxPausedAsync<Network.Events.EventsMarker>("events", "Events");
    var store = service.Services.GetRequiredService<IDocumentStore>();
    var dataSource = bench.Own(NpgsqlDataSource.Create(Network.Platform.EventStore.EventStoreConnections.Tuned(database))); // pooled, up to 100 connections: one per client
    var durability = await CommitFloor.DurabilityAsync(dataSource);

    // Events need an organiser the Directory told the service about: stored directly, as its consumer would.
    var organiserId = Guid.CreateVersion7();
    await using (var session = store.LightweightSession())
    {
        session.Store(new KnownOrganisation
        {
            Id = organiserId, Name = "Eine Welt Forum Bonn", Kind = "OneWorldGroup", MunicipalityAgs = "05314000",
            FederalState = "Nordrhein-Westfalen", Registered = true, Verified = true,
        });
        await session.SaveChangesAsync();
    }
    var staff = service.NewClient(identity.StaffToken);
    var client = service.NewClient(); // shared connection pool of the HTTP clients; each request carries its person's token
    var raw = new RawBaseline(dataSource);
    await raw.CreateTablesAsync();
    IRegistrationPath[] paths = [raw, new MartenPath(store, staff, organiserId, service.Services), new HttpPath(store, staff, organiserId, client, identity)];

    var runs = new List<(Run Run, IReadOnlyList<string> Problems)>();
    var floors = new List<PathResult>();

    // One scenario: every path gets its own fresh events (and people; the HTTP path's signed-in people serve both
    // scenarios) and warms up (JIT, connection pools; checked, not counted); then the paths take turns in rounds
    // (Rounds.TakeTurnsAsync), the first and the last of exactly --window registrations, so the hot event's first
    // and last registrations are measured on their own. After the last round each path is checked, then the floors
    // are measured at the same concurrency.
    async Task<List<Run>> Scenario(string scenario, int events, int capacity)
    {
        foreach (var path in paths) await WarmUp(path);
        var measured = new List<Run>();
        foreach (var path in paths) measured.Add(await Prepare(path, scenario, events, capacity, options.N));
        await Rounds.TakeTurnsAsync(Rounds.Of(options.N, options.Rounds, options.Window), measured.Count,
            (p, round) => measured[p].ExecuteAsync(round.From, round.To, options.Clients));
        foreach (var run in measured) await Check(run);

        var insert = await raw.InsertFloorAsync([.. Enumerable.Range(0, events).Select(_ => Guid.CreateVersion7())], Person.Make($"floor-{scenario}", options.N), options.Clients);
        var commit = await CommitFloor.MeasureAsync(dataSource, options.N, options.Clients);
        floors.Add(insert.Result(scenario, "plain INSERT", PathRole.Floor, "rows/s"));
        floors.Add(commit.Result(scenario, "empty transactions", PathRole.Floor, "transactions/s"));
        Console.WriteLine($"  {scenario,-7} floors: plain INSERT {insert.Throughput.Rate} rows/s, empty transactions {commit.Throughput.Rate}/s");
        return measured;
    }

    async Task<Run> Prepare(IRegistrationPath path, string scenario, int events, int capacity, int n)
    {
        var created = await path.CreateEventsAsync(events, capacity);
        var started = Clock.Now;
        var people = await path.PeopleAsync($"{path.Name.Split(' ')[0].ToLowerInvariant()}-{scenario}", n);
        Console.WriteLine($"  {scenario,-7} {path.Name,-10} {n} people ready in {Clock.Ms(started, Clock.Now):0} ms (not timed)");
        return new(path, scenario, created, capacity, people);
    }

    async Task WarmUp(IRegistrationPath path)
    {
        var run = await Prepare(path, "warm-up", 1, options.Warmup / 4, options.Warmup);
        await run.ExecuteAsync(0, options.Warmup, options.Clients);
        await Check(run);
    }

    async Task Check(Run run)
    {
        var problems = await OverbookingCheck.RunAsync(run);
        runs.Add((run, problems));
        Console.WriteLine($"  {run.Scenario,-7} {run.Path,-10} {run.Throughput.Rate,5} registrations/s ({run.Throughput.Elapsed.TotalMilliseconds:0} ms), "
            + $"p50 {Percentiles.Ms(run.Latency.P50)} ms, p99 {Percentiles.Ms(run.Latency.P99)} ms, {run.Failed} failed, CPU {run.CpuPerOperation} each; "
            + $"check: {(problems.Count == 0 ? "ok" : $"FAILED ({problems.Count}): {problems[0]}")}");
        foreach (var (error, count) in run.ErrorSummary.Take(3)) Console.WriteLine($"    {count} x {error}");
    }

    bench.Step($"one hot event with {options.HotCapacity} seats: {options.N} registrations per path in {options.Rounds} rounds, {options.Clients} clients");
    var hot = await Scenario("hot", 1, options.HotCapacity);
    var snapshots = new List<Snapshot>();
    foreach (var run in hot.Where(r => r.Path != raw.Name))
        snapshots.Add(await SnapshotAsync(dataSource, run.Path, run.Events[0]));
    // Round trips per registration, on a quiet event after the hot one warmed every path up (one registration at a time, half of them waitlisted): what each
    // in-process path sends to PostgreSQL (the HTTP path runs the Marten path's code behind Kestrel).
    bench.Step("round trips per registration (20 registrations, one at a time, for an event of 10 seats)");
    var roundTrips = new List<(string Path, RoundTripCount Count)>();
    foreach (var path in paths.Where(p => p is not HttpPath))
    {
        var eventId = (await path.CreateEventsAsync(1, 10))[0];
        var people = await path.PeopleAsync($"{path.Name.Split(' ')[0].ToLowerInvariant()}-roundtrips", 20);
        var count = await RoundTrips.PerOperationAsync(people.Count, i => path.RegisterAsync(eventId, people[i], CancellationToken.None));
        roundTrips.Add((path.Name, count));
        Console.WriteLine($"  {path.Name,-18} {count}");
    }

    bench.Step($"spread over {options.Events} events with {options.Capacity} seats each, round-robin: {options.N} registrations per path in {options.Rounds} rounds");
    await Scenario("spread", options.Events, options.Capacity);
    await raw.DropTablesAsync();

    var failed = runs.Sum(r => r.Problems.Count) > 0;
    var conditions = $"{bench.Conditions()} {durability}.";
    var measured = runs.Where(r => r.Run.Scenario != "warm-up").Select(r => r.Run).ToList();
    var results = Results(options, measured, floors);
    var report = Report(options, conditions, runs, results, snapshots, roundTrips, failed);
    await BenchRun.WriteReportAsync(report, options.Results);
    await BenchRun.WriteResultsAsync(new BenchResults("events", "Events", conditions, !failed, results,
        [.. Edges(options, measured.Where(r => r.Scenario == "hot")).Select(e => e.Text), .. snapshots.Select(x => x.Text),
         .. roundTrips.Select(r => $"round trips per registration, {r.Path}: {r.Count}")]), options.Results);
    if (!failed) return 0;
    Console.Error.WriteLine("The no-overbooking check FAILED (see the report).");
    return 1;
});

/// <summary>
/// An event's snapshot document as stored: the bytes PostgreSQL keeps (pg_column_size, after compression), the bytes of
/// its JSON text, and its largest top-level properties.
/// </summary>
static async Task<Snapshot> SnapshotAsync(NpgsqlDataSource database, string path, Guid eventId)
{
    await using var command = database.CreateCommand("""
        select pg_column_size(data), octet_length(data::text),
               (select string_agg(format('%s %s bytes', k, octet_length((data -> k)::text)), ', ' order by octet_length((data -> k)::text) desc)
                from jsonb_object_keys(data) k where octet_length((data -> k)::text) > 1024)
        from mt_doc_networkevent where id = $1
        """);
    command.Parameters.Add(new NpgsqlParameter { Value = eventId });
    await using var reader = await command.ExecuteReaderAsync();
    if (!await reader.ReadAsync()) return new Snapshot(path, eventId, 0, 0, "not found");
    return new Snapshot(path, eventId, reader.GetInt32(0), reader.GetInt32(1), reader.IsDBNull(2) ? "-" : reader.GetString(2));
}

/// <summary>Each path's rate over the hot event's first and last --window registrations (its first and last round).</summary>
static IEnumerable<(string Path, double First, double Last, string Text)> Edges(BenchOptions o, IEnumerable<Run> hot) =>
    hot.Select(r => (r.Path, r.Rounds[0].PerSecond, r.Rounds[^1].PerSecond,
        string.Create(CultureInfo.InvariantCulture,
            $"hot event, {r.Path}: first {o.Window} registrations {r.Rounds[0].Rate}/s, last {o.Window} {r.Rounds[^1].Rate}/s ({r.Rounds[^1].PerSecond / r.Rounds[0].PerSecond:0.00} of the first; target >= 0.8)")));

/// <summary>Per scenario: the two service paths, the fair baseline and the two floors, each with its ratio to the baseline.</summary>
static List<PathResult> Results(BenchOptions o, List<Run> measured, List<PathResult> floors) =>
    [.. measured.GroupBy(r => r.Scenario).SelectMany(scenario =>
    {
        var name = ScenarioName(o, scenario.Key);
        var rows = scenario.OrderBy(Order).Select(r => new PathResult(name, r.Path, r.Path.StartsWith("raw", StringComparison.Ordinal) ? PathRole.Baseline : PathRole.Service,
            "registrations/s", r.Throughput.PerSecond, null, r.Latency.P50, r.Latency.P99));
        return BenchResults.Compared([.. rows, .. floors.Where(f => f.Scenario == scenario.Key).Select(f => f with { Scenario = name })]);
    })];

static int Order(Run run) => run.Path.StartsWith("raw", StringComparison.Ordinal) ? 2 : run.Path == "Marten" ? 1 : 0;

static string ScenarioName(BenchOptions o, string scenario) => scenario == "hot"
    ? $"one hot event, {o.HotCapacity} seats ({o.Clients} clients)"
    : $"{o.Events} events of {o.Capacity} seats ({o.Clients} clients)";

static string Report(BenchOptions o, string conditions, List<(Run Run, IReadOnlyList<string> Problems)> runs,
    List<PathResult> results, List<Snapshot> snapshots, List<(string Path, RoundTripCount Count)> roundTrips, bool failed)
{
    var ci = CultureInfo.InvariantCulture;
    var s = new StringBuilder();
    s.AppendLine("# Events registration benchmark");
    s.AppendLine();
    s.AppendLine(conditions);
    s.AppendLine(ci, $"Options: `--n {o.N} --clients {o.Clients} --events {o.Events} --hot-capacity {o.HotCapacity} --capacity {o.Capacity} --rounds {o.Rounds} --window {o.Window} --warmup {o.Warmup}`. "
        + $"PostgreSQL, the Events service and the clients on the same machine. "
        + $"The outbox daemon is paused (`IProjectionCoordinator.PauseAsync`): on two cores it would publish every registration to RabbitMQ "
        + $"while they are measured; this measures the write path (Outbox.Bench measures the outbox).");
    s.AppendLine();
    s.AppendLine(failed
        ? "**The no-overbooking check FAILED** (see below); the bench exited with code 1."
        : "**No-overbooking check: passed** after every run (warm-ups included).");
    s.AppendLine();
    s.AppendLine(ci, $"## Registrations per second ({o.Clients} concurrent clients, {o.N} registrations per run)");
    s.AppendLine();
    s.AppendLine(ci, $"| scenario | path | role | registrations | time (ms) | per second | vs fair raw | first / last {o.Window} per second | p50 ms | p99 ms | max ms | failed (not 201) | check |");
    s.AppendLine("|---|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|");
    var measured = runs.Where(r => r.Run.Scenario != "warm-up").ToList();
    foreach (var row in results)
    {
        var run = measured.Select(r => ((Run Run, IReadOnlyList<string> Problems)?)r)
            .FirstOrDefault(r => ScenarioName(o, r!.Value.Run.Scenario) == row.Scenario && r.Value.Run.Path == row.Path);
        var ratio = BenchResults.Ratio(row.VsBaseline);
        if (run is { Run: var r, Problems: var problems })
            s.AppendLine(ci, $"| {row.Scenario} | **{r.Path}** | {BenchResults.RoleName(row.Role)} | {r.Throughput.Received} | {r.Throughput.Elapsed.TotalMilliseconds:0} | **{r.Throughput.Rate}** | "
                + $"{ratio} | {r.Rounds[0].Rate} / {r.Rounds[^1].Rate} | "
                + $"{Percentiles.Ms(r.Latency.P50)} | {Percentiles.Ms(r.Latency.P99)} | {Percentiles.Ms(r.Latency.Max)} | {r.Failed} | {(problems.Count == 0 ? "ok" : "**FAILED**")} |");
        else
            s.AppendLine(ci, $"| {row.Scenario} | {row.Path} | floor | {o.N} | | {BenchResults.Rate(row.PerSecond)} {row.Unit} | {ratio} | | "
                + $"{Percentiles.Ms(row.P50Ms ?? double.NaN)} | {Percentiles.Ms(row.P99Ms ?? double.NaN)} | | | |");
    }
    s.AppendLine();
    s.AppendLine("- **HTTP**: `POST /events/{id}/registrations` to the Events service over loopback, each person with their own access token "
        + "from the sign-in provider (the Identity service; every person signed in before the rounds, not timed): Kestrel, JWT validation "
        + "(RS256, the provider's keys), the endpoint, JSON.");
    s.AppendLine("- **Marten**: the endpoint's code without HTTP: `RegisterForEvent.Handle` called directly with the request's session "
        + "(the service's DI scope and session factory) — wait for the event stream's turn in the process (`StreamTurns`), "
        + "`FetchForExclusiveWriting` (row lock and the seat ledger) batched with the person's registrations for the event, `RegisterForEvent.Decide`, "
        + "append + inline `NetworkEvent` ledger + `Registration` document in one transaction; the answer is built from the decision.");
    s.AppendLine($"- **{RawBaseline.PathName}** (the fair baseline): the same rule in plain SQL, the minimal correct way, per registration one transaction on a pooled connection: "
        + "`select status, registration_opens, registration_closes, capacity, confirmed, waitlisted from bench_event where id = $1 for update` "
        + "and the person's registrations for the event, at most five (one round trip); the decision of `RegisterForEvent.Decide` "
        + "(published, inside the registration window, not yet registered, under the cap of five, confirmed while a seat is free, else the end of the waiting list); "
        + "insert the registration row with what `PersonRegistered` carries (ids, name, status, waiting position; the time from the server) and "
        + "update the event's counters (one round trip); commit. Its row is both the state and the log: no snapshot to rewrite.");
    s.AppendLine("- plain INSERT (floor): the registration row alone, one autocommit `INSERT` per registration into a table like the baseline's "
        + "(same columns, same unique index): no lock, no decision, no counters, one round trip.");
    s.AppendLine(ci, $"- empty transactions (the commit floor): `{CommitFloor.Sql}` on a pooled connection (two round trips): no write path on this PostgreSQL commits faster at {o.Clients} clients.");
    s.AppendLine($"- Each client takes the next registration as soon as its previous one is answered; person i registers for event i mod the number of events. "
        + "Every path and scenario has its own fresh events, and the in-process paths fresh people; the HTTP path's people, signed in once (most of the bench's time), "
        + "take part in both scenarios (never twice in one event). "
        + $"The paths take turns in {o.Rounds} rounds ({RoundSizes(o)} registrations; the first path of a round rotating), so they share the machine's "
        + "ups and downs alike (other work, autovacuum, checkpoints) and the hot event has grown equally on every path at each round; time = sum of the rounds. "
        + $"Before a scenario each path warms up ({o.Warmup} registrations for one event of {o.Warmup / 4} seats: JIT, connection pools), checked but not counted. "
        + $"The floors run after a scenario's rounds, {o.N} operations each, at the same {o.Clients} clients.");
    s.AppendLine("- Latency: one registration, from the client's call to its answer (including the wait for the event's turn).");
    s.AppendLine();
    var hot = runs.Where(r => r.Run.Scenario == "hot").Select(r => r.Run).ToList();
    s.AppendLine(ci, $"## The hot event: its first and last {o.Window} registrations");
    s.AppendLine();
    s.AppendLine(ci, $"| path | first {o.Window} per second | last {o.Window} per second | last / first (target >= 0.8) |");
    s.AppendLine("|---|---:|---:|---:|");
    foreach (var (path, first, last, _) in Edges(o, hot.OrderBy(Order)))
        s.AppendLine(ci, $"| {path} | {first:0} | {last:0} | {(last / first >= 0.8 ? $"{last / first:0.00} (met)" : $"**{last / first:0.00} (missed)**")} |");
    s.AppendLine();
    s.AppendLine($"The hot event's `NetworkEvent` snapshot (mt_doc_networkevent) after {o.N} registrations, which each registration reads and "
        + "rewrites whole (FetchForExclusiveWriting loads it; the inline projection upserts it):");
    s.AppendLine();
    s.AppendLine("| path | stored bytes (`pg_column_size(data)`) | JSON bytes (`octet_length(data::text)`) | properties over 1 KB (JSON bytes) |");
    s.AppendLine("|---|---:|---:|---|");
    foreach (var snapshot in snapshots)
        s.AppendLine(ci, $"| {snapshot.Path} | {snapshot.StoredBytes:#,0} | {snapshot.JsonBytes:#,0} | {snapshot.Largest} |");
    s.AppendLine();
    s.AppendLine("## Round trips per registration");
    s.AppendLine();
    s.AppendLine("20 registrations one after another for an event of 10 seats (10 confirmed, 10 waitlisted); the commands and batches "
        + "Npgsql traced inside each (a BEGIN travels with the command after it) plus its COMMIT. The HTTP path runs the Marten path's code.");
    s.AppendLine();
    s.AppendLine("| path | round trips | of which commands or batches | commits |");
    s.AppendLine("|---|---:|---:|---:|");
    foreach (var (path, count) in roundTrips)
        s.AppendLine(ci, $"| {path} | {count.Total:0.#} | {count.Statements:0.#} | {count.Commits} |");
    s.AppendLine();
    s.AppendLine("## The hot event, round by round (registrations per second)");
    s.AppendLine();
    s.AppendLine($"| round | registrations before | in the round | {string.Join(" | ", hot.Select(r => r.Path))} |");
    s.AppendLine($"|---:|---:|---:|{string.Concat(hot.Select(_ => "---:|"))}");
    var bounds = Rounds.Of(o.N, o.Rounds, o.Window);
    for (var round = 0; round < bounds.Count; round++)
        s.AppendLine(ci, $"| {round + 1} | {bounds[round].From} | {bounds[round].To - bounds[round].From} | {string.Join(" | ", hot.Select(r => r.Rounds[round].Rate))} |");
    s.AppendLine();
    s.AppendLine("## The no-overbooking check");
    s.AppendLine();
    s.AppendLine("After every run, from what is stored (HTTP and Marten: the `NetworkEvent` snapshot and the stream's `PersonRegistered` events in mt_events; "
        + "raw: the two tables), per event: confirmed = min(capacity, registrations) and waitlisted = the rest; the first `capacity` registrations in writing "
        + "order confirmed, the others waiting at positions 1..k in that order; nobody twice; as many stored registration events as successful answers, "
        + "the state agreeing with the log; every answer a 201 whose status and waiting position agree with what is stored.");
    s.AppendLine();
    s.AppendLine("| scenario | path | events | registrations | confirmed | waitlisted | result |");
    s.AppendLine("|---|---|---:|---:|---:|---:|---|");
    foreach (var (run, problems) in runs)
    {
        var confirmed = run.Answers.Count(a => a?.Status == Network.Events.NetworkEvents.RegistrationStatus.Confirmed);
        var result = problems.Count == 0 ? "ok" : $"**FAILED**: {string.Join("; ", problems.Take(5))}{(problems.Count > 5 ? $" (and {problems.Count - 5} more)" : "")}";
        s.AppendLine(ci, $"| {run.Scenario} | {run.Path} | {run.Events.Count} | {run.Throughput.Received} | {confirmed} | {run.Throughput.Received - confirmed} | {result} |");
    }
    var errors = runs.Where(r => r.Run.Failed > 0).ToList();
    if (errors.Count > 0)
    {
        s.AppendLine();
        s.AppendLine("## Registrations not answered 201");
        s.AppendLine();
        foreach (var (run, _) in errors)
            foreach (var (error, count) in run.ErrorSummary.Take(5))
                s.AppendLine(ci, $"- {run.Scenario}, {run.Path}: {count} x `{error.ReplaceLineEndings(" ")}`");
    }
    return s.ToString();
}

static string RoundSizes(BenchOptions o) => string.Join(" + ", Rounds.Of(o.N, o.Rounds, o.Window).Select(r => r.To - r.From));

/// <summary>A hot event's snapshot as stored: its bytes after compression, its JSON's bytes, its largest properties.</summary>
sealed record Snapshot(string Path, Guid EventId, int StoredBytes, int JsonBytes, string Largest)
{
    public string Text => string.Create(CultureInfo.InvariantCulture,
        $"hot event's snapshot, {Path}: {StoredBytes} bytes stored (pg_column_size), {JsonBytes} bytes of JSON");
}

sealed record BenchOptions(int N, int Clients, int Events, int HotCapacity, int Capacity, int Rounds, int Window, int Warmup, string Results)
{
    public static BenchOptions Parse(string[] args)
    {
        var values = new BenchArgs(args);
        var options = new BenchOptions(values.Int("n", 3000), values.Int("clients", 32), values.Int("events", 50), values.Int("hot-capacity", 500),
            values.Int("capacity", 20), values.Int("rounds", 10), values.Int("window", 300), values.Int("warmup", 200), values.Results("events-latest.md"));
        _ = Network.Bench.Rounds.Of(options.N, options.Rounds, options.Window); // fails now, not after the setup, if --n is too small for them
        return options;
    }
}
