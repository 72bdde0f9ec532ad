using System.Globalization;
using System.Text;
using Marten;
using Marten.Events.Daemon.Coordination;
using Microsoft.Extensions.DependencyInjection;
using Network.Bench;
using Network.Bench.Outbox;
using Network.Tests.Infrastructure;

// Outbox benchmark. One run: start PostgreSQL and RabbitMQ (the tests' helpers), the sign-in provider (Identity), the
// real Directory service trusting it, then measure the raw RabbitMQ.Client baseline and the event-store outbox side
// by side (throughput, latency at light load and at half the measured capacity) and write bench/results/outbox-latest.md.
// Options: --n, --session, --latency-events, --interval-ms, --windows (comma-separated), --half-load-seconds,
// --prefetch, --warmup, --results, and for experiments with the daemon --listen-notify true|false,
// --fast-poll-ms, --slow-poll-ms, --wakeup keep-signals (applied to the Directory's Marten options without editing the service).

var options = BenchOptions.Parse(args);
var bench = new BenchRun();
Console.WriteLine($"Outbox bench: N={options.N}, sessions of {options.Session}, latency {options.LatencyEvents} x {options.IntervalMs} ms, " +
                  $"raw windows {string.Join('/', options.Windows)}, prefetch {options.Prefetch}. Load average: {bench.LoadBefore}");

// Expected noise when the run stops: Marten's LISTEN connection (UseListenNotifyForEventAppends) outlives the Directory
// host's stop, so stopping PostgreSQL makes it log one "LISTEN connection error" warning.
return await bench.ExecuteAsync(async () =>
{
    await bench.StartServersAsync();
    var database = await TestServers.CreateDatabaseAsync("bench_directory");
    var outboxVhost = await TestServers.CreateVirtualHostAsync("bench-outbox");
    var rawVhost = await TestServers.CreateVirtualHostAsync("bench-raw");

    bench.Step("starting the raw client, the outbox probe and the Directory service");
    var payload = Samples.RawPayload();
    var raw = bench.Own(await RawBaseline.StartAsync(rawVhost, payload, options.Prefetch));
    // The probe's queue and binding exist before the Directory publishes anything.
    var probe = bench.Own(await OutboxProbe.StartAsync(outboxVhost, options.Prefetch));
    DaemonOverrides.ConnectionString = database;
    if (DaemonOverrides.Any)
        DaemonOverrides.Enable();
    var identity = await bench.StartIdentityAsync(); // nothing here signs in, but the Directory trusts a provider or does not start
    var directory = bench.StartService<Network.Directory.IntegrationEvents>("directory", database, outboxVhost, identity);
    var store = directory.Services.GetRequiredService<IDocumentStore>();
    if (DaemonOverrides.KeepSignals)
        await SignalKeepingWakeup.InstallTriggerAsync(database);
    var outbox = bench.Own(new OutboxBench(store, directory.Services.GetRequiredService<IProjectionCoordinator>(), probe));
    var firstDelivery = await outbox.WaitForOutboxAsync(TimeSpan.FromSeconds(60));
    var daemonSettings = DaemonSettings(store); // after the daemon started: Marten sets its wake-up then
    Console.WriteLine($"  outbox running (first event delivered {firstDelivery.TotalMilliseconds:0} ms after start-up); {daemonSettings}");

    bench.Step("warming up");
    var timeout = TimeSpan.FromSeconds(60);
    foreach (var window in options.Windows) await raw.ThroughputAsync(options.Warmup, window, timeout);
    await raw.LatencyAsync(30, TimeSpan.FromMilliseconds(10), timeout);
    await outbox.LiveAsync(options.Warmup, options.Session, timeout);
    await outbox.LatencyAsync(30, TimeSpan.FromMilliseconds(options.IntervalMs), timeout);

    bench.Step($"raw RabbitMQ.Client throughput, {options.N} messages, publish windows {string.Join('/', options.Windows)}");
    var rawRuns = new List<(int Window, Throughput Result)>();
    foreach (var window in options.Windows)
    {
        var result = await raw.ThroughputAsync(options.N, window, timeout);
        rawRuns.Add((window, result));
        Console.WriteLine($"  window {window}: {result.Rate} msg/s ({result.Elapsed.TotalMilliseconds:0} ms)");
    }
    // The baseline is the raw client at its best window: the fairest (hardest) comparison for the outbox.
    var (bestWindow, rawThroughput) = rawRuns.Where(r => r.Result.Received == r.Result.Messages)
        .DefaultIfEmpty(rawRuns[0]).MaxBy(r => r.Result.PerSecond);

    bench.Step($"raw RabbitMQ.Client latency, {options.LatencyEvents} messages every {options.IntervalMs} ms");
    var rawLatency = await raw.LatencyAsync(options.LatencyEvents, TimeSpan.FromMilliseconds(options.IntervalMs), timeout);
    Console.WriteLine($"  p50 {Percentiles.Ms(rawLatency.PublishToReceive.P50)} ms, p99 {Percentiles.Ms(rawLatency.PublishToReceive.P99)} ms");

    bench.Step($"outbox latency, {options.LatencyEvents} appends every {options.IntervalMs} ms");
    var latency = await outbox.LatencyAsync(options.LatencyEvents, TimeSpan.FromMilliseconds(options.IntervalMs), timeout);
    Console.WriteLine($"  p50 {Percentiles.Ms(latency.AppendToReceive.P50)} ms, p99 {Percentiles.Ms(latency.AppendToReceive.P99)} ms");

    bench.Step($"outbox delivery while appending, {options.N} events in sessions of {options.Session}");
    var live = await outbox.LiveAsync(options.N, options.Session, timeout);
    Console.WriteLine($"  {live.Throughput.Rate} msg/s ({live.Throughput.Elapsed.TotalMilliseconds:0} ms, appends took {live.AppendDuration.TotalMilliseconds:0} ms)");

    // Half the measured capacity: events at half the rate the outbox delivered while appending, paced (open loop) as a
    // session every 10 ms holding 10 ms worth of them (one transaction per event could not even be appended that fast).
    var halfRate = live.Throughput.PerSecond / 2;
    var perTick = Math.Max(1, (int)Math.Round(halfRate / 100));
    var halfCount = Math.Max(options.LatencyEvents, (int)(halfRate * options.HalfLoadSeconds));
    bench.Step($"outbox latency at half capacity, {halfCount} events at {halfRate:0}/s ({perTick} per append, every {1000.0 * perTick / halfRate:0.#} ms)");
    var halfLoad = await outbox.LatencyAsync(halfCount, TimeSpan.FromSeconds(perTick / halfRate), timeout, perTick);
    Console.WriteLine($"  p50 {Percentiles.Ms(halfLoad.AppendToReceive.P50)} ms, p99 {Percentiles.Ms(halfLoad.AppendToReceive.P99)} ms, {halfLoad.AppendToReceive.Count}/{halfLoad.Sent} received");

    bench.Step($"outbox draining a backlog of {options.N} events (daemon paused while appending)");
    var drain = await outbox.DrainAsync(options.N, options.Session, timeout);
    Console.WriteLine($"  {drain.PerSecond:0} msg/s ({drain.FirstToLast.TotalMilliseconds:0} ms)");

    var conditions = bench.Conditions();
    var report = Report(options, conditions, daemonSettings, raw.PayloadBytes, probe.EnvelopeBytes,
        rawRuns, bestWindow, rawThroughput, rawLatency.PublishToReceive, rawLatency.PublishToConfirm, live, drain, latency, halfLoad, halfRate, perTick);
    // Latency is measured at light load (one message every --interval-ms), not during the throughput phases: the
    // p50/p99 given with the raw client and with the outbox while appending are those of their light-load runs.
    var scenario = $"deliver {options.N} messages";
    var delivery = BenchResults.Compared([
        new PathResult(scenario, "outbox while appending", PathRole.Service, "msg/s", live.Throughput.PerSecond, null,
            latency.AppendToReceive.P50, latency.AppendToReceive.P99, "p50/p99: SaveChangesAsync returned -> consumer received, light load"),
        new PathResult(scenario, "outbox draining a backlog", PathRole.Service, "msg/s", drain.PerSecond, null,
            halfLoad.AppendToReceive.P50, halfLoad.AppendToReceive.P99, $"p50/p99: SaveChangesAsync returned -> consumer received, appending at half capacity ({halfRate:0}/s)"),
        new PathResult(scenario, "raw RabbitMQ.Client", PathRole.Baseline, "msg/s", rawThroughput.PerSecond, null,
            rawLatency.PublishToReceive.P50, rawLatency.PublishToReceive.P99, $"publisher confirms, best window ({bestWindow}); p50/p99: publish -> consumer received, light load"),
    ]).ToList();
    await BenchRun.WriteReportAsync(report, options.Results);
    await BenchRun.WriteResultsAsync(new BenchResults("outbox", "Outbox", conditions, true, delivery,
        [$"Latency (p50/p99) at light load: one message every {options.IntervalMs} ms, {options.LatencyEvents} messages; beside the backlog's rate: at half the capacity measured while appending ({halfRate:0} events/s in sessions of {perTick}, {halfCount} messages); the throughput phases time no single message."]), options.Results);
    return 0;
});

static string DaemonSettings(IDocumentStore store)
{
    var options = ((DocumentStore)store).Options;
    return $"UseListenNotifyForEventAppends={options.Events.UseListenNotifyForEventAppends}, " +
           $"FastPollingTime={options.Projections.FastPollingTime.TotalMilliseconds:0} ms, " +
           $"SlowPollingTime={options.Projections.SlowPollingTime.TotalMilliseconds:0} ms, " +
           $"wake-up {options.Projections.Wakeup?.GetType().Name ?? "none (polling only)"}";
}

static string Report(BenchOptions o, string conditions, string daemon, int payloadBytes, long envelopeBytes,
    List<(int Window, Throughput Result)> rawRuns, int bestWindow, Throughput rawThroughput, Percentiles rawLatency, Percentiles rawConfirm, LiveResult live, DrainResult drain, LatencyResult latency,
    LatencyResult halfLoad, double halfRate, int perTick)
{
    var ci = CultureInfo.InvariantCulture;
    string Ratio(double value) => (value / rawThroughput.PerSecond).ToString("0.00", ci);
    var targetMet = latency.AppendToReceive.P50 <= 100 && latency.AppendToReceive.P99 <= 250
        && latency.AppendToReceive.Count == latency.Sent;
    var halfLoadMet = halfLoad.AppendToReceive.P99 <= 250 && halfLoad.AppendToReceive.Count == halfLoad.Sent;
    var s = new StringBuilder();
    // A latency table's header and the outbox's own rows: append -> receive, split at the outbox's send.
    void OutboxLatencyRows(LatencyResult result)
    {
        s.AppendLine("| path | received | p50 ms | p90 ms | p99 ms | max ms |");
        s.AppendLine("|---|---:|---:|---:|---:|---:|");
        s.AppendLine(result.AppendToReceive.Row("**outbox: SaveChangesAsync returned -> consumer received**"));
        s.AppendLine(result.AppendToSent.Row("  of which: SaveChangesAsync returned -> outbox sent (MassTransit SentTime)"));
        s.AppendLine(result.SentToReceive.Row("  of which: outbox sent -> consumer received"));
    }
    s.AppendLine("# Outbox benchmark");
    s.AppendLine();
    s.AppendLine(conditions);
    s.AppendLine(ci, $"N = {o.N}; appends in sessions of {o.Session} streams by one writer; raw publisher awaits confirms in windows of {string.Join('/', o.Windows)} concurrent publishes (best one is the baseline); prefetch {o.Prefetch} on both consumers.");
    s.AppendLine(ci, $"Payload: {payloadBytes} B OrganisationRegistered JSON (raw body); the outbox's MassTransit envelope around it is {envelopeBytes} B.");
    s.AppendLine(ci, $"Marten daemon: {daemon}{(DaemonOverrides.Any ? " (**overridden by the bench for an experiment**, not the service's settings)" : " (the service's own settings)")}.");
    s.AppendLine();
    s.AppendLine("## Throughput (first send/append -> last receive)");
    s.AppendLine();
    s.AppendLine("| path | messages | time (ms) | msg/s | vs raw |");
    s.AppendLine("|---|---:|---:|---:|---:|");
    foreach (var (window, run) in rawRuns)
        s.AppendLine(ci, $"| raw RabbitMQ.Client, confirms, window {window}{(window == bestWindow ? " **(baseline)**" : "")} | {run.Received}/{run.Messages} | {run.Elapsed.TotalMilliseconds:0} | {run.Rate} | {Ratio(run.PerSecond)} |");
    s.AppendLine(ci, $"| outbox while appending (first append -> last receive) | {live.Throughput.Received}/{live.Throughput.Messages} | {live.Throughput.Elapsed.TotalMilliseconds:0} | {live.Throughput.Rate} | {Ratio(live.Throughput.PerSecond)} |");
    s.AppendLine(ci, $"| outbox draining a backlog (first -> last receive) | {drain.Received}/{drain.Messages} | {drain.FirstToLast.TotalMilliseconds:0} | {drain.PerSecond:0} | {Ratio(drain.PerSecond)} |");
    s.AppendLine();
    s.AppendLine(ci, $"While appending: the appends alone took {live.AppendDuration.TotalMilliseconds:0} ms ({o.N / live.AppendDuration.TotalSeconds:0} events/s), " +
                     $"the last message arrived {live.TailLag.TotalMilliseconds:0} ms after the last append returned; duplicates: {live.Duplicates}.");
    s.AppendLine(ci, $"Backlog: {drain.ResumeToFirst.TotalMilliseconds:0} ms from resuming the daemon to the first message; {drain.ArrivedWhilePaused} arrived while paused.");
    s.AppendLine();
    s.AppendLine(ci, $"## Latency at light load ({latency.Sent} messages, one every {o.IntervalMs} ms)");
    s.AppendLine();
    OutboxLatencyRows(latency);
    s.AppendLine(latency.OutboxAppendToConfirm.Row("outbox's own metric: event timestamp -> broker confirm"));
    s.AppendLine(latency.SaveChanges.Row("the append itself (SaveChangesAsync, one stream)"));
    s.AppendLine(rawLatency.Row("**raw RabbitMQ.Client: publish -> consumer received (floor)**"));
    s.AppendLine(rawConfirm.Row("raw RabbitMQ.Client: publish -> confirm"));
    s.AppendLine();
    s.AppendLine(ci, $"Outbox latency bands: {latency.Bands}.");
    s.AppendLine();
    s.AppendLine(ci, $"Target p50 <= 100 ms and p99 <= 250 ms: **{(targetMet ? "met" : "missed")}** " +
                     $"(p50 {Percentiles.Ms(latency.AppendToReceive.P50)} ms, p99 {Percentiles.Ms(latency.AppendToReceive.P99)} ms).");
    s.AppendLine();
    s.AppendLine(ci, $"## Latency at half capacity ({halfLoad.Sent} messages at {halfRate:0}/s, half the rate delivered while appending)");
    s.AppendLine();
    s.AppendLine(ci, $"A session of {perTick} new streams every {1000.0 * perTick / halfRate:0.#} ms, each started on schedule whether or not the ones before it returned (an open loop, as requests arrive).");
    s.AppendLine();
    OutboxLatencyRows(halfLoad);
    s.AppendLine(halfLoad.SaveChanges.Row("the append itself (SaveChangesAsync, one session)"));
    s.AppendLine();
    s.AppendLine(ci, $"Target p99 <= 250 ms at half capacity: **{(halfLoadMet ? "met" : "missed")}** (p99 {Percentiles.Ms(halfLoad.AppendToReceive.P99)} ms).");
    return s.ToString();
}

sealed record BenchOptions(int N, int Session, int LatencyEvents, int IntervalMs, int[] Windows, ushort Prefetch, int Warmup, string Results, int HalfLoadSeconds)
{
    public static BenchOptions Parse(string[] args)
    {
        var values = new BenchArgs(args);
        // Daemon experiments (see DaemonOverrides): unset means the service's own settings.
        if (values["listen-notify"] is { } listen) DaemonOverrides.ListenNotify = bool.Parse(listen);
        if (values["fast-poll-ms"] is { } fast) DaemonOverrides.FastPollingMs = int.Parse(fast, CultureInfo.InvariantCulture);
        if (values["slow-poll-ms"] is { } slow) DaemonOverrides.SlowPollingMs = int.Parse(slow, CultureInfo.InvariantCulture);
        if (values["wakeup"] is { } wakeup)
            DaemonOverrides.KeepSignals = wakeup switch
            {
                "keep-signals" => true,
                "marten" => false,
                _ => throw new ArgumentException("--wakeup is marten (the service's) or keep-signals (the experiment)."),
            };
        return new BenchOptions(
            values.Int("n", 5000), values.Int("session", 100), values.Int("latency-events", 300), values.Int("interval-ms", 30),
            values["windows"] is { } windows ? windows.Split(',').Select(w => int.Parse(w, CultureInfo.InvariantCulture)).ToArray() : [64, 256, 1024],
            (ushort)values.Int("prefetch", 100), values.Int("warmup", 1000),
            // A run with daemon overrides writes outbox-experiment.md instead, so an experiment never replaces the service's result.
            values.Results(DaemonOverrides.Any ? "outbox-experiment.md" : "outbox-latest.md"), values.Int("half-load-seconds", 5));
    }
}
