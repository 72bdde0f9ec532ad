using System.Globalization;
using System.Text;
using Marten;
using MassTransit;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Network.Bench;
using Network.Bench.Partners;
using Network.Partners;
using Network.Partners.Delivery;
using Network.Tests.Hosting;
using Network.Tests.Infrastructure;
using Npgsql;
using StandardWebhooks;

// Partners benchmark (issue 13). One run: start PostgreSQL and RabbitMQ (the tests' helpers), the sign-in provider
// (Identity) and the real Partners service trusting it (loopback receivers allowed); ten receivers on loopback, each the
// subscription of its own partner to organisation registrations. Then, taking turns in rounds: N public events published
// on the bus as the Directory's outbox publishes them, fanned out by the service to the ten subscriptions (10 N
// deliveries; first publish -> last delivery received, and each delivery's event -> receiver latency), and the same
// bodies, signed per post, POSTed by a plain HttpClient to the same receivers at the service's delivery concurrency (the
// fair raw baseline). Then a queued backlog (the subscriptions paused while N events are fanned out, then resumed: the
// deliverer alone), and event -> delivery latency at light load (one event every --interval-ms). Writes
// bench/results/partners-latest.md (and .json).
// Options: --n 100 --rounds 2 --receivers 10 --warmup 20 --latency-events 30 --interval-ms 300 --page 100 --results PATH,
// and for experiments with the deliverer (its settings, no code changed; results to partners-experiment.md unless
// --results): --poll-ms MS (Partners:Delivery:PollInterval), --max-concurrency N (Partners:Delivery:MaxConcurrency).

var options = BenchOptions.Parse(args);
var bench = new BenchRun();
Console.WriteLine($"Partners bench: {options.N} events x {options.Receivers} receivers in {options.Rounds} rounds, light load {options.LatencyEvents} events "
    + $"every {options.IntervalMs} ms{(options.Overrides.Count > 0 ? $", experiment: {string.Join(", ", options.Overrides.Select(o => $"{o.Key}={o.Value}"))}" : "")}. "
    + $"Load average: {bench.LoadBefore}");
const string ServicePathName = "Partners service: feed, fan-out, deliverer";

// Expected noise when the run stops: Marten's LISTEN connection (UseListenNotifyForEventAppends) outlives the service
// host's stop, so stopping PostgreSQL makes it log "PostgreSQL LISTEN connection error" warnings.
return await bench.ExecuteAsync(async () =>
{
    await bench.StartServersAsync();
    var identity = await bench.StartIdentityAsync();
    var database = await TestServers.CreateDatabaseAsync("bench_partners");
    var virtualHost = await TestServers.CreateVirtualHostAsync("bench-partners");
    bench.Step($"starting the Partners service and {options.Receivers} receivers");
    var settings = NetworkUnderTest.PartnersSettings(identity, database, virtualHost);
    settings["Partners:Delivery:AllowLoopback"] = "true"; // the receivers are on loopback (as in the tests; production leaves it off)
    // Webhooks only: the partner exchange (AMQP) publishes the same feed on a broker vhost of its own, not measured here.
    settings["Partners:Amqp:Enabled"] = "false";
    foreach (var (key, value) in options.Overrides) settings[key] = value;
    var service = bench.Own(new ServiceUnderTest<PartnersOptions>(settings).Start());
    using (var health = service.NewClient()) await NetworkUnderTest.WaitUntilHealthy(health);
    var delivery = service.Services.GetRequiredService<IOptions<DeliveryOptions>>().Value;
    var publicApi = service.Services.GetRequiredService<IOptions<PartnersOptions>>().Value.PublicApiAddress;
    var store = service.Services.GetRequiredService<IDocumentStore>();
    var bus = service.Services.GetRequiredService<IBus>();
    var dataSource = bench.Own(NpgsqlDataSource.Create(database));
    var durability = await CommitFloor.DurabilityAsync(dataSource);
    await CpuTime.OnlyServerOfAsync(dataSource);

    var serviceArrivals = new Arrivals(options.Receivers);
    var rawArrivals = new Arrivals(options.Receivers);
    var receivers = new List<WebhookReceiver>();
    for (var i = 0; i < options.Receivers; i++) receivers.Add(bench.Own(await WebhookReceiver.StartAsync(i, serviceArrivals, rawArrivals)));
    var partners = new List<BenchPartner>();
    foreach (var receiver in receivers) partners.Add(bench.Own(await BenchPartners.SubscribeAsync(identity, service, receiver)));
    using var raw = new RawPoster(partners);
    using var commands = new NpgsqlCommands();
    var concurrency = delivery.MaxConcurrency;
    var failures = new List<string>();
    var eventCount = 0;
    List<BenchEvent> NewEvents(int n) => [.. Enumerable.Range(0, n).Select(_ => BenchEvent.New(++eventCount))];

    async Task<ServiceRound> ServiceRoundAsync(List<BenchEvent> events, bool count)
    {
        var expected = serviceArrivals.Distinct + events.Count * partners.Count;
        var cpu = CpuTime.Now();
        if (count) commands.Start();
        // As the Directory's outbox publishes: a page of messages at once, each with its event id as the message id.
        foreach (var page in events.Chunk(options.Page)) await Task.WhenAll(page.Select(e => e.PublishAsync(bus)));
        var complete = await serviceArrivals.WaitForAsync(expected, TimeSpan.FromSeconds(30));
        commands.Stop();
        var used = CpuTime.Now() - cpu;
        if (!complete) failures.Add($"{expected - serviceArrivals.Distinct} deliveries did not arrive within 30 s of the last one");
        return ServiceRound.Of(events, partners, serviceArrivals, used);
    }

    List<(string WebhookId, byte[] Body, string Text)> RawBodies(List<BenchEvent> events) =>
        [.. events.Select((e, i) => e.Body(eventCount + i, publicApi) is var body ? (e.WebhookId, body, Encoding.UTF8.GetString(body)) : default)];

    bench.Step($"{options.Receivers} partners subscribed; warming up: {options.Warmup} events through the service, as many raw posts (not counted)");
    var warmEvents = NewEvents(options.Warmup);
    await ServiceRoundAsync(warmEvents, count: false);
    var warmBodies = RawBodies(warmEvents);
    await WarmUp.UntilJitQuietAsync(() => Measurement.OfAsync(warmBodies.Count * partners.Count, concurrency, (k, ct) => raw.PostAsync(warmBodies, k, ct)), max: 4);
    var rawBefore = rawArrivals.Distinct;

    var serviceRounds = new List<ServiceRound>();
    var stages = new List<StageTimes>();
    var rawPosts = new Measurement();
    var rawFailed = 0;
    for (var round = 0; round < options.Rounds; round++)
    {
        var events = NewEvents(options.N);
        var bodies = RawBodies(events);
        async Task ServiceAsync()
        {
            bench.Step($"round {round + 1}: the service, {options.N} events -> {options.N * partners.Count} deliveries");
            var result = await ServiceRoundAsync(events, count: true);
            serviceRounds.Add(result);
            Console.WriteLine($"  {result.PerSecond:0} deliveries/s in {result.ElapsedMs / 1000:0.0} s, event -> delivery p50 {Percentiles.Ms(result.Latency.P50)} ms, "
                + $"p99 {Percentiles.Ms(result.Latency.P99)} ms");
            stages.Add(await StageTimes.ReadAsync(store, events, serviceArrivals, partners, events.Min(e => e.PublishedAt)));
        }
        async Task RawAsync()
        {
            bench.Step($"round {round + 1}: raw HttpClient, {bodies.Count * partners.Count} posts, {concurrency} at a time");
            var before = rawPosts.Throughput;
            await rawPosts.RunAsync(0, bodies.Count * partners.Count, concurrency, (k, ct) => raw.PostAsync(bodies, k, ct));
            rawFailed += (rawPosts.Throughput.Messages - before.Messages) - (rawPosts.Throughput.Received - before.Received);
            Console.WriteLine($"  {rawPosts.Rounds[^1].Rate} posts/s");
        }
        if (round % 2 == 0) { await ServiceAsync(); await RawAsync(); }
        else { await RawAsync(); await ServiceAsync(); }
    }
    if (rawFailed > 0) failures.Add($"{rawFailed} raw posts were not answered 2xx");
    if (rawArrivals.Distinct - rawBefore != rawPosts.Throughput.Messages)
        failures.Add($"the receivers counted {rawArrivals.Distinct - rawBefore} raw posts, {rawPosts.Throughput.Messages} were sent");

    // The deliverer alone: with every subscription paused, N events are queued (consumer and fan-out finish first), then
    // all ten are resumed at once and the deliverer drains what is owed.
    bench.Step($"a queued backlog: the subscriptions paused, {options.N} events fanned out to them ({options.N * partners.Count} deliveries), then resumed");
    foreach (var partner in partners) await partner.ChangeAsync("pause");
    var backlog = NewEvents(options.N);
    foreach (var page in backlog.Chunk(options.Page)) await Task.WhenAll(page.Select(e => e.PublishAsync(bus)));
    var subscriptionIds = partners.Select(p => p.SubscriptionId).ToArray();
    await DispatchQuery.WaitUntilQueuedAsync(store, subscriptionIds, backlog.Count * partners.Count, TimeSpan.FromSeconds(60));
    var dispatch = await DispatchQuery.TimeAsync(store, subscriptionIds, 10);
    Console.WriteLine($"  the deliverer's dispatch query with {dispatch.Rows} pending: p50 {Percentiles.Ms(dispatch.Latency.P50)} ms");
    var drainExpected = serviceArrivals.Distinct + backlog.Count * partners.Count;
    var drainStart = DateTimeOffset.UtcNow;
    await Task.WhenAll(partners.Select(p => p.ChangeAsync("resume")));
    if (!await serviceArrivals.WaitForAsync(drainExpected, TimeSpan.FromSeconds(30)))
        failures.Add($"{drainExpected - serviceArrivals.Distinct} deliveries of the backlog did not arrive");
    var drained = ServiceRound.Of(backlog, partners, serviceArrivals, default, drainStart);
    var drainStages = await StageTimes.ReadAsync(store, backlog, serviceArrivals, partners, backlog.Min(e => e.PublishedAt));
    Console.WriteLine($"  {drained.PerSecond:0} deliveries/s in {drained.ElapsedMs / 1000:0.0} s after the resume");

    bench.Step($"light load: {options.LatencyEvents} events, one every {options.IntervalMs} ms");
    var paced = NewEvents(options.LatencyEvents);
    var pacedExpected = serviceArrivals.Distinct + paced.Count * partners.Count;
    var pacedStart = Clock.Now;
    for (var i = 0; i < paced.Count; i++)
    {
        var due = TimeSpan.FromMilliseconds(i * options.IntervalMs) - System.Diagnostics.Stopwatch.GetElapsedTime(pacedStart);
        if (due > TimeSpan.Zero) await Task.Delay(due);
        await paced[i].PublishAsync(bus);
    }
    if (!await serviceArrivals.WaitForAsync(pacedExpected, TimeSpan.FromSeconds(30)))
        failures.Add($"{pacedExpected - serviceArrivals.Distinct} light-load deliveries did not arrive");
    var light = ServiceRound.Of(paced, partners, serviceArrivals, default);
    var lightStages = await StageTimes.ReadAsync(store, paced, serviceArrivals, partners, paced.Min(e => e.PublishedAt));
    Console.WriteLine($"  event -> delivery p50 {Percentiles.Ms(light.Latency.P50)} ms, p99 {Percentiles.Ms(light.Latency.P99)} ms");

    // Every receiver's first request of each path verifies with its partner's secret (the library's verifier), and both
    // paths carried bodies of the same size.
    for (var i = 0; i < partners.Count; i++)
        foreach (var (path, arrivals) in new[] { ("service", serviceArrivals), ("raw", rawArrivals) })
        {
            if (arrivals.Samples[i] is not { } sample) { failures.Add($"receiver {i + 1} got nothing on the {path} path"); continue; }
            try
            {
                new StandardWebhook(partners[i].Secret).Verify(sample.Body, new HeaderDictionary
                {
                    ["webhook-id"] = sample.WebhookId, ["webhook-timestamp"] = sample.Timestamp, ["webhook-signature"] = sample.Signature,
                });
            }
            catch (Exception e) { failures.Add($"receiver {i + 1}, {path} path: the signature does not verify ({e.Message})"); }
        }
    var serviceBytes = (double)serviceArrivals.Bytes / serviceArrivals.Requests;
    var rawBytes = (double)rawArrivals.Bytes / rawArrivals.Requests;
    if (Math.Abs(serviceBytes - rawBytes) > 8) failures.Add($"the bodies differ in size: service {serviceBytes:0} bytes, raw {rawBytes:0}");
    var duplicates = serviceArrivals.Requests - serviceArrivals.Distinct;

    var scenario = $"{options.N} events to {partners.Count} receivers ({concurrency} in flight)";
    var deliveries = serviceRounds.Sum(r => r.Received);
    var serviceRate = deliveries / (serviceRounds.Sum(r => r.ElapsedMs) / 1000);
    var burstLatency = Percentiles.Of(serviceRounds.SelectMany(r => r.Latencies));
    var results = BenchResults.Compared([
        new PathResult(scenario, ServicePathName, PathRole.Service, "deliveries/s", serviceRate, null, burstLatency.P50, burstLatency.P99,
            FormattableString.Invariant($"p50/p99 from the event's publication to the receiver, under the burst; at light load (one event every {options.IntervalMs} ms) p50 {Percentiles.Ms(light.Latency.P50)} ms, p99 {Percentiles.Ms(light.Latency.P99)} ms")),
        new PathResult(scenario, "Partners service, draining a queued backlog", PathRole.Service, "deliveries/s", drained.PerSecond, null, null, null,
            "the subscriptions paused while the events were queued, then resumed: the deliverer alone, from the resume to the last delivery"),
        rawPosts.Result(scenario, RawPoster.PathName, PathRole.Baseline, "posts/s", "p50/p99 per post"),
    ]).ToList();
    var ratio = results[0].VsBaseline!.Value;
    var serviceCpu = serviceRounds.Aggregate(default(CpuTime), (sum, r) => sum + r.Cpu);
    var notes = new List<string>
    {
        FormattableString.Invariant($"service/raw {ratio:0.00}; the deliverer polls every {delivery.PollInterval.TotalMilliseconds:0} ms when it starts nothing (docs/partners.md, Decisions), see bench/README.md"),
        FormattableString.Invariant($"light load: event -> delivery p50 {Percentiles.Ms(light.Latency.P50)} ms, p99 {Percentiles.Ms(light.Latency.P99)} ms"),
    };
    var conditions = $"{bench.Conditions()} {durability}.";
    var report = Report(options, conditions, delivery, results, serviceRounds, stages, rawPosts, light, lightStages, commands, deliveries, serviceCpu,
        serviceBytes, rawBytes, duplicates, failures, (drained, drainStages, dispatch));
    await BenchRun.WriteReportAsync(report, options.Results);
    await BenchRun.WriteResultsAsync(new BenchResults("partners", "Partners", conditions, failures.Count == 0, results, notes), options.Results);
    if (failures.Count == 0) return 0;
    Console.Error.WriteLine($"The Partners bench's checks FAILED: {string.Join("; ", failures)}");
    return 1;
});

static string Report(BenchOptions o, string conditions, DeliveryOptions delivery, List<PathResult> results, List<ServiceRound> rounds, List<StageTimes> stages,
    Measurement raw, ServiceRound light, StageTimes lightStages, NpgsqlCommands commands, int deliveries, CpuTime serviceCpu, double serviceBytes,
    double rawBytes, int duplicates, List<string> failures, (ServiceRound Round, StageTimes Stages, DispatchCost Query) drain)
{
    var ci = CultureInfo.InvariantCulture;
    var s = new StringBuilder();
    s.AppendLine("# Partners benchmark: webhook deliveries");
    s.AppendLine();
    s.AppendLine(conditions);
    s.AppendLine(ci, $"Options: `--n {o.N} --rounds {o.Rounds} --receivers {o.Receivers} --warmup {o.Warmup} --latency-events {o.LatencyEvents} --interval-ms {o.IntervalMs} --page {o.Page}"
        + $"{string.Concat(o.Arguments.Select(a => $" --{a.Key} {a.Value}"))}`. Deliverer: at most {delivery.MaxConcurrency} in flight, polls every "
        + $"{delivery.PollInterval.TotalMilliseconds:0} ms when it starts nothing. PostgreSQL, RabbitMQ, the service, the receivers and the raw client on the same machine.");
    s.AppendLine();
    s.AppendLine(failures.Count == 0
        ? $"**Checks: passed** (every delivery and every raw post arrived; each receiver's first request of each path verifies with its secret; bodies of the same size: service {serviceBytes:0} bytes, raw {rawBytes:0}; {duplicates} duplicate deliveries)."
        : $"**Checks FAILED**: {string.Join("; ", failures)}");
    s.AppendLine();
    s.AppendLine(BenchResults.Table(results, withScenario: true));
    s.AppendLine("Service: p50/p99 from the event's publication on the bus to the receiver having read the webhook, while the burst is delivered. "
        + "Raw: p50/p99 of one post (sign, send, answer read); the service's own HTTP exchange per attempt, as its sender times it, is the "
        + "column \"HTTP attempt\" below.");
    s.AppendLine();
    s.AppendLine("## The service, round by round: where a delivery's time goes");
    s.AppendLine();
    s.AppendLine("From what the service stored (its clock is this machine's): the consumer appends the event to the feed, the fan-out (a Marten "
        + "subscription) queues a delivery per subscription, the deliverer sends it and records the attempt. Times after the first publication; "
        + "stages as p50 / p99 in ms.");
    s.AppendLine();
    s.AppendLine("| round | deliveries/s | took s | last appended s | last fanned out s | last received s | idle gaps > 100 ms (s) | published -> appended | appended -> fanned out | fanned out -> received | HTTP attempt | received -> recorded |");
    s.AppendLine("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
    for (var i = 0; i < rounds.Count; i++)
        s.AppendLine(ci, $"| {i + 1} | {rounds[i].PerSecond:0} | {rounds[i].ElapsedMs / 1000:0.0} | {stages[i].LastAppendedMs / 1000:0.0} | {stages[i].LastFannedOutMs / 1000:0.0} | "
            + $"{stages[i].LastReceivedMs / 1000:0.0} | {stages[i].IdleGaps} ({stages[i].IdleMs / 1000:0.0}) | {P(stages[i].Consumer)} | {P(stages[i].FanOut)} | {P(stages[i].UntilSent)} | "
            + $"{P(stages[i].Attempt)} | {P(stages[i].Recording)} |");
    s.AppendLine(ci, $"| queued backlog (after the resume) | {drain.Round.PerSecond:0} | {drain.Round.ElapsedMs / 1000:0.0} | - | - | - | {drain.Stages.IdleGaps} ({drain.Stages.IdleMs / 1000:0.0}) | - | - | - | "
        + $"{P(drain.Stages.Attempt)} | {P(drain.Stages.Recording)} |");
    s.AppendLine(ci, $"| light load | - | - | - | - | - | - | {P(lightStages.Consumer)} | {P(lightStages.FanOut)} | {P(lightStages.UntilSent)} | {P(lightStages.Attempt)} | {P(lightStages.Recording)} |");
    s.AppendLine();
    s.AppendLine(ci, $"Queued backlog: the ten subscriptions paused, {o.N} events recorded and fanned out to them, then all resumed at once; the deliverer alone "
        + $"sends the {drain.Round.Received} deliveries. Its dispatch query as `WebhookDeliverer` writes it (the subscriptions, then up to 2,000 pending deliveries "
        + $"of them as documents by position; run by the bench on the service's store with the backlog queued, before the resume): p50 {Percentiles.Ms(drain.Query.Latency.P50)} ms, "
        + $"max {Percentiles.Ms(drain.Query.Latency.Max)} ms for {drain.Query.Rows} documents.");
    s.AppendLine();
    s.AppendLine(ci, $"Light load ({o.LatencyEvents} events, one every {o.IntervalMs} ms, {light.Received} deliveries): event -> delivery p50 {Percentiles.Ms(light.Latency.P50)} ms, "
        + $"p90 {Percentiles.Ms(light.Latency.P90)} ms, p99 {Percentiles.Ms(light.Latency.P99)} ms, max {Percentiles.Ms(light.Latency.Max)} ms; "
        + $"{Percentiles.Bands(light.Latencies)}.");
    s.AppendLine();
    s.AppendLine("## Cost per delivery");
    s.AppendLine();
    s.AppendLine(ci, $"- CPU (the measured rounds; this process holds the service, the receivers and the clients): service {serviceCpu.PerOperation(deliveries)}; "
        + $"raw {raw.CpuPerOperation}.");
    s.AppendLine(ci, $"- Statements the service sent to PostgreSQL during the measured rounds (Npgsql's traces, every part of the service; commits not traced): "
        + $"{(double)commands.Total / deliveries:0.0} per delivery ({commands.Total} for {deliveries} deliveries); the raw path sends none. By kind, per delivery:");
    s.AppendLine();
    s.AppendLine("| statement (verb, first table) | per delivery | count |");
    s.AppendLine("|---|---:|---:|");
    foreach (var (kind, count) in commands.Counts.OrderByDescending(c => c.Value))
        s.AppendLine(ci, $"| `{kind}` | {(double)count / deliveries:0.00} | {count} |");
    s.AppendLine();
    s.AppendLine("## How");
    s.AppendLine();
    s.AppendLine("- **Service**: the real Partners service (its Marten store, daemon, consumer and deliverer, in this process on Kestrel), "
        + "`Partners:Delivery:AllowLoopback=true`, its other delivery settings production's. Ten partners, each created by staff at the sign-in "
        + "provider (scopes directory and partners), signed in with client credentials and subscribed through `POST /subscriptions` to "
        + "`network.directory.organisation.registered.v1` with its own receiver's URL. The bench publishes `OrganisationRegistered` messages "
        + "(a full public profile, each about another organisation) on the service's virtual host with the service's own bus, as the Directory's "
        + "outbox does (a page at once, its event id as the message id); the Directory itself does not run, so this measures the Partners service "
        + "alone: its consumer (inbox + feed append, one message at a time), the fan-out and the deliverer. Deliveries per second: "
        + "10 N deliveries over the time from the first publication to the last delivery received.");
    s.AppendLine("- **Raw** (the fair baseline): the same bodies (the CloudEvents JSON the service's sender encodes for the same events) POSTed "
        + "by one plain HttpClient to the same ten receivers (another path on the same Kestrel), each post with `webhook-id`, "
        + "`webhook-timestamp` and a Standard Webhooks signature computed for it with the receiver's secret, the answer read; as many in flight "
        + "as the service's `MaxConcurrency`. Not done by raw: the feed, the fan-out, the delivery state and lease, the attempt log, ordering per entity.");
    s.AppendLine("- **Receivers**: Kestrel on 127.0.0.1, each reading the whole body, noting the `webhook-id` and the time, answering 204; no "
        + "signature check or parsing per request (the first request of each path at each receiver is verified afterwards with the "
        + "StandardWebhooks package), so they cost both paths the same.");
    s.AppendLine("- The paths take turns (the first of a round alternating); warm-up before, not counted. Then the queued backlog, and the light-load phase last.");
    return s.ToString();

    static string P(Percentiles p) => p.Count == 0 ? "-" : $"{Percentiles.Ms(p.P50)} / {Percentiles.Ms(p.P99)}";
}

/// <summary>One burst through the service: its deliveries' latencies (publication -> receiver) and its rate (first publication -> last delivery).</summary>
sealed record ServiceRound(int Received, double ElapsedMs, List<double> Latencies, CpuTime Cpu)
{
    public double PerSecond => Received / (ElapsedMs / 1000);
    public Percentiles Latency => Percentiles.Of(Latencies);

    /// <param name="from">Where the round's time starts; by default its first publication.</param>
    public static ServiceRound Of(List<BenchEvent> events, List<BenchPartner> partners, Arrivals arrivals, CpuTime cpu, DateTimeOffset? from = null)
    {
        var latencies = new List<double>();
        var last = DateTimeOffset.MinValue;
        foreach (var e in events)
            foreach (var p in partners)
                if (arrivals.TryGet(p.Receiver.Index, e.WebhookId, out var at))
                {
                    latencies.Add((at - e.PublishedAt).TotalMilliseconds);
                    if (at > last) last = at;
                }
        return new ServiceRound(latencies.Count, (last - (from ?? events.Min(e => e.PublishedAt))).TotalMilliseconds, latencies, cpu);
    }
}

sealed record BenchOptions(int N, int Rounds, int Receivers, int Warmup, int LatencyEvents, int IntervalMs, int Page, string Results,
    IReadOnlyDictionary<string, string> Overrides, IReadOnlyDictionary<string, string> Arguments)
{
    public static BenchOptions Parse(string[] args)
    {
        var values = new BenchArgs(args);
        var overrides = new Dictionary<string, string>();
        var arguments = new Dictionary<string, string>();
        if (values["poll-ms"] is { } poll)
        {
            overrides["Partners:Delivery:PollInterval"] = TimeSpan.FromMilliseconds(int.Parse(poll, CultureInfo.InvariantCulture)).ToString();
            arguments["poll-ms"] = poll;
        }
        if (values["max-concurrency"] is { } concurrency)
        {
            overrides["Partners:Delivery:MaxConcurrency"] = concurrency;
            arguments["max-concurrency"] = concurrency;
        }
        var results = overrides.Count > 0 && values["results"] is null ? values.Results("partners-experiment.md") : values.Results("partners-latest.md");
        var options = new BenchOptions(values.Int("n", 100), values.Int("rounds", 2), values.Int("receivers", 10), values.Int("warmup", 20),
            values.Int("latency-events", 30), values.Int("interval-ms", 300), values.Int("page", 100), results, overrides, arguments);
        if (options.N < 1 || options.Rounds < 1 || options.Receivers < 1 || options.Warmup < 1 || options.LatencyEvents < 1)
            throw new ArgumentException("--n, --rounds, --receivers, --warmup and --latency-events must be at least 1.");
        return options;
    }
}
