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
// code on the service's own store without HTTP (Marten), and the same rule in plain SQL (raw Npgsql) — with the
// same number of concurrent clients, for one hot event and spread over many; after every run check from what is
// stored that nothing was overbooked; write bench/results/events-latest.md. Exit code 1 if a check fails.
// Options: --n 3000 --clients 32 --events 50 --hot-capacity 500 --capacity 20 --rounds 10 --warmup 200 --results PATH.

var options = BenchOptions.Parse(args);
var bench = new BenchRun();
Console.WriteLine($"Events bench: N={options.N} registrations per run, {options.Clients} concurrent clients. Load average: {bench.LoadBefore}");

return await bench.ExecuteAsync(async () =>
{
    // The outbox would publish every registration to RabbitMQ meanwhile, on the same two cores: it is measured on
    // its own by Outbox.Bench and paused here, so the numbers are the write path's (as in Directory.Bench).
    var (service, database, identity) = await bench.StartServiceWithOutboxPausedAsync<Network.Events.EventsMarker>("events", "Events");
    var store = service.Services.GetRequiredService<IDocumentStore>();
    var dataSource = bench.Own(NpgsqlDataSource.Create(database)); // pooled, up to 100 connections: one per client

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

    // One scenario: every path gets its own fresh events and people and warms up (JIT, connection pools; checked,
    // not counted); then the paths take turns in rounds of N / rounds registrations, the first path of a round
    // rotating, so all share the machine's ups and downs alike (other work on it, autovacuum, checkpoints) and a
    // hot event has grown equally on every path at each round. After the last round each path is checked.
    async Task<List<Run>> Scenario(string scenario, int events, int capacity)
    {
        foreach (var path in paths) await WarmUp(path);
        var measured = new List<Run>();
        foreach (var path in paths) measured.Add(await Prepare(path, scenario, events, capacity, options.N));
        for (var round = 0; round < options.Rounds; round++)
            for (var p = 0; p < measured.Count; p++)
                await measured[(round + p) % measured.Count].ExecuteAsync(round * options.N / options.Rounds, (round + 1) * options.N / options.Rounds, options.Clients);
        foreach (var run in measured) await Check(run);
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
            + $"p50 {Percentiles.Ms(run.Latency.P50)} ms, p99 {Percentiles.Ms(run.Latency.P99)} ms, {run.Failed} failed; "
            + $"check: {(problems.Count == 0 ? "ok" : $"FAILED ({problems.Count}): {problems[0]}")}");
        foreach (var (error, count) in run.ErrorSummary.Take(3)) Console.WriteLine($"    {count} x {error}");
    }

    bench.Step($"one hot event with {options.HotCapacity} seats: {options.N} registrations per path in {options.Rounds} rounds, {options.Clients} clients");
    var hot = await Scenario("hot", 1, options.HotCapacity);
    var snapshots = new List<string>();
    foreach (var run in hot.Where(r => r.Path != raw.Name))
        snapshots.Add($"{run.Path}: {await SnapshotSize(dataSource, run.Events[0])}");
    bench.Step($"spread over {options.Events} events with {options.Capacity} seats each, round-robin: {options.N} registrations per path in {options.Rounds} rounds");
    await Scenario("spread", options.Events, options.Capacity);
    await raw.DropTablesAsync();

    var failed = runs.Sum(r => r.Problems.Count) > 0;
    var report = Report(options, bench.Conditions(), runs, snapshots, failed);
    await BenchRun.WriteReportAsync(report, options.Results);
    if (!failed) return 0;
    Console.Error.WriteLine("The no-overbooking check FAILED (see the report).");
    return 1;
});

/// <summary>Size of an event's snapshot document: its JSON, as stored (compressed), and its largest top-level properties.</summary>
static async Task<string> SnapshotSize(NpgsqlDataSource database, Guid eventId)
{
    await using var command = database.CreateCommand("""
        select length(data::text), pg_column_size(data),
               (select string_agg(format('%s %s KB', k, length((data -> k)::text) / 1024), ', ' order by length((data -> k)::text) desc)
                from jsonb_object_keys(data) k where length((data -> k)::text) > 1024)
        from mt_doc_networkevent where id = $1
        """);
    command.Parameters.Add(new NpgsqlParameter { Value = eventId });
    await using var reader = await command.ExecuteReaderAsync();
    if (!await reader.ReadAsync()) return "not found";
    return $"{reader.GetInt32(0) / 1024} KB of JSON ({reader.GetInt32(1) / 1024} KB stored, compressed), largest properties {(reader.IsDBNull(2) ? "-" : reader.GetString(2))}";
}

static string Report(BenchOptions o, string conditions, List<(Run Run, IReadOnlyList<string> Problems)> runs,
    List<string> snapshots, bool failed)
{
    var ci = CultureInfo.InvariantCulture;
    var s = new StringBuilder();
    s.AppendLine("# Events registration benchmark");
    s.AppendLine();
    s.AppendLine(conditions);
    s.AppendLine(ci, $"Options: `--n {o.N} --clients {o.Clients} --events {o.Events} --hot-capacity {o.HotCapacity} --capacity {o.Capacity} --rounds {o.Rounds} --warmup {o.Warmup}`. "
        + $"PostgreSQL (fsync off, as in the tests), the Events service and the clients on the same machine. "
        + $"The outbox daemon is paused (`IProjectionCoordinator.PauseAsync`): on two cores it would publish every registration to RabbitMQ "
        + $"while they are measured; this measures the write path (Outbox.Bench measures the outbox).");
    s.AppendLine();
    s.AppendLine(failed
        ? "**The no-overbooking check FAILED** (see below); the bench exited with code 1."
        : "**No-overbooking check: passed** after every run (warm-ups included).");
    s.AppendLine();
    s.AppendLine(ci, $"## Registrations per second ({o.Clients} concurrent clients, {o.N} registrations per run)");
    s.AppendLine();
    s.AppendLine("| scenario | path | registrations | time (ms) | per second | vs raw | first / last round per second | p50 ms | p99 ms | max ms | failed (not 201) | check |");
    s.AppendLine("|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|");
    foreach (var group in runs.Where(r => r.Run.Scenario != "warm-up").GroupBy(r => r.Run.Scenario))
    {
        var rawRate = group.Single(r => r.Run.Path.StartsWith("raw", StringComparison.Ordinal)).Run.Throughput.PerSecond;
        foreach (var (run, problems) in group.OrderBy(r => r.Run.Path.StartsWith("raw", StringComparison.Ordinal) ? 2 : r.Run.Path == "Marten" ? 1 : 0))
        {
            var scenario = run.Scenario == "hot"
                ? $"one hot event, {run.Capacity} seats"
                : $"{run.Events.Count} events of {run.Capacity} seats, round-robin";
            s.AppendLine(ci, $"| {scenario} | **{run.Path}** | {run.Throughput.Received} | {run.Throughput.Elapsed.TotalMilliseconds:0} | **{run.Throughput.Rate}** | "
                + $"{(run.Throughput.PerSecond / rawRate).ToString("0.00", ci)} | {run.Rounds[0].Rate} / {run.Rounds[^1].Rate} | "
                + $"{Percentiles.Ms(run.Latency.P50)} | {Percentiles.Ms(run.Latency.P99)} | {Percentiles.Ms(run.Latency.Max)} | {run.Failed} | {(problems.Count == 0 ? "ok" : "**FAILED**")} |");
        }
    }
    s.AppendLine();
    s.AppendLine("- **HTTP**: `POST /events/{id}/registrations` to the Events service over loopback, each person with their own access token "
        + "from the sign-in provider (the Identity service; every person signed in before the rounds, not timed): Kestrel, JWT validation "
        + "(RS256, the provider's keys), the endpoint, JSON.");
    s.AppendLine("- **Marten**: the endpoint's code without HTTP: `RegisterForEvent.Handle` called directly with the request's session "
        + "(the service's DI scope and session factory) — wait for the event stream's turn in the process (`StreamTurns`), "
        + "`FetchForExclusiveWriting` (row lock), `RegisterForEvent.Decide`, append + inline `NetworkEvent` snapshot in one transaction, "
        + "then load the snapshot for the answer.");
    s.AppendLine("- **raw Npgsql**: the same rule in plain SQL, the minimal correct way: per registration one transaction — "
        + "`select capacity, confirmed, waitlisted from bench_event where id = $1 for update` and the duplicate check (one round trip), "
        + "insert the registration confirmed or waitlisted with its position and update the counters (one round trip), commit; "
        + "a unique index on (event_id, person_id) of active registrations.");
    s.AppendLine("- Each client takes the next registration as soon as its previous one is answered; person i registers for event i mod the number of events. "
        + "Every path and scenario has its own fresh events and people. "
        + $"The paths take turns in {o.Rounds} rounds of {o.N / o.Rounds} registrations (the first path of a round rotating), so they share the machine's "
        + "ups and downs alike (other work, autovacuum, checkpoints) and the hot event has grown equally on every path at each round; time = sum of the rounds. "
        + $"Before a scenario each path warms up ({o.Warmup} registrations for one event of {o.Warmup / 4} seats: JIT, connection pools), checked but not counted.");
    s.AppendLine("- Latency: one registration, from the client's call to its answer (including the wait for the event's turn).");
    s.AppendLine(ci, $"- The hot event's `NetworkEvent` snapshot (mt_doc_networkevent) after {o.N} registrations, which each registration reads and "
        + $"rewrites whole (FetchForExclusiveWriting loads it; the inline projection upserts it): {string.Join("; ", snapshots)}.");
    s.AppendLine();
    var hot = runs.Where(r => r.Run.Scenario == "hot").Select(r => r.Run).ToList();
    s.AppendLine("## The hot event, round by round (registrations per second)");
    s.AppendLine();
    s.AppendLine($"| round | registrations before | {string.Join(" | ", hot.Select(r => r.Path))} |");
    s.AppendLine($"|---:|---:|{string.Concat(hot.Select(_ => "---:|"))}");
    for (var round = 0; round < o.Rounds; round++)
        s.AppendLine(ci, $"| {round + 1} | {round * o.N / o.Rounds} | {string.Join(" | ", hot.Select(r => r.Rounds[round].Rate))} |");
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

sealed record BenchOptions(int N, int Clients, int Events, int HotCapacity, int Capacity, int Rounds, int Warmup, string Results)
{
    public static BenchOptions Parse(string[] args)
    {
        var values = new BenchArgs(args);
        return new BenchOptions(values.Int("n", 3000), values.Int("clients", 32), values.Int("events", 50), values.Int("hot-capacity", 500),
            values.Int("capacity", 20), values.Int("rounds", 10), values.Int("warmup", 200), values.Results("events-latest.md"));
    }
}
