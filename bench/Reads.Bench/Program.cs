using Network.Platform.Text;
using System.Diagnostics;
using System.Globalization;
using System.Text;
using JasperFx.Events.Daemon;
using Marten;
using Microsoft.Extensions.DependencyInjection;
using Network.Bench;
using Network.Bench.Directory;
using Network.Events.NetworkEvents;
using Network.Tests.Hosting;
using Network.Tests.Infrastructure;

// Anonymous reads under load (issue 9): the Directory's coverage (all, and one municipality), its text search and
// organisation list, and the Events service's event list, each asked the same bounded number of times by anonymous
// clients at 1,000 organisations (100 events) and again after growing to 10,000 (1,000 events). Prints, per read and
// size, throughput, p50/p99 latency and the bytes allocated per request (this process: client and services), and
// the 10k/1k ratios; writes bench/results/reads-latest.md. Options: --requests 400 --parallelism 8 --small 1000 --large 10000.

var args_ = new BenchArgs(args);
var requests = args_.Int("requests", 400);
var parallelism = args_.Int("parallelism", 8);
int[] sizes = [args_.Int("small", 1000), args_.Int("large", 10000)];
var resultsPath = args_.Results("reads-latest.md");
var bench = new BenchRun();
Console.WriteLine($"Reads bench: {requests} requests per read and size, {parallelism} clients, sizes {string.Join(" and ", sizes)}. Load average: {bench.LoadBefore}");

return await bench.ExecuteAsync(async () =>
{
    await bench.StartServersAsync();
    var identity = await bench.StartIdentityAsync();
    var virtualHost = await TestServers.CreateVirtualHostAsync("bench-reads");
    bench.Step("starting the Directory and the Events service");
    var directory = bench.StartService<Network.Directory.IntegrationEvents>("directory", await TestServers.CreateDatabaseAsync("bench_reads_directory"), virtualHost, identity);
    var events = bench.StartService<Network.Events.EventsMarker>("events", await TestServers.CreateDatabaseAsync("bench_reads_events"), virtualHost, identity);
    foreach (var service in new IServiceProvider[] { directory.Services, events.Services })
        await service.GetRequiredService<IProjectionCoordinator>().PauseAsync(); // no outbox traffic while reading
    using (var c = directory.NewClient()) await NetworkUnderTest.WaitUntilHealthy(c);
    using (var c = events.NewClient()) await NetworkUnderTest.WaitUntilHealthy(c);

    var directoryStore = directory.Services.GetRequiredService<IDocumentStore>();
    var eventsStore = events.Services.GetRequiredService<IDocumentStore>();
    var workload = Workload.Generate(sizes[^1]);
    var marten = new MartenPath(directoryStore, parallelism);
    using var anonymousDirectory = directory.NewClient();
    using var anonymousEvents = events.NewClient();
    (string Name, HttpClient Client, string Url)[] reads =
    [
        ("coverage (all municipalities)", anonymousDirectory, "/coverage"),
        ("coverage of Bonn", anonymousDirectory, "/coverage/05314000"),
        ("search 'Bildung', by relevance", anonymousDirectory, "/search/organisations?q=Bildung&sort=relevance"),
        ("organisations in Bonn", anonymousDirectory, "/organisations?municipality=05314000"),
        ("event list, page 1", anonymousEvents, "/events?pageSize=20"),
    ];

    var rows = new List<Row>();
    var seeded = 0;
    var seededEvents = 0;
    foreach (var size in sizes)
    {
        bench.Step($"growing to {size} organisations (registered and verified as the workload says) and {size / 10} events");
        var batch = workload.Skip(seeded).Take(size - seeded).ToList();
        await Measurement.OfAsync(batch.Count, parallelism, async (i, ct) => { await marten.RegisterAsync(batch[i], ct); return true; });
        await marten.VerifyAsync(batch);
        seeded = size;
        var eventCount = size / 10 - seededEvents;
        await Measurement.OfAsync(eventCount, parallelism, async (i, ct) =>
        {
            await SeedEventAsync(eventsStore, seededEvents + i, ct);
            return true;
        });
        seededEvents = size / 10;

        foreach (var (name, client, url) in reads)
        {
            for (var i = 0; i < 20; i++) (await client.GetAsync(url)).EnsureSuccessStatusCode(); // warm-up, not counted
            GC.Collect();
            var allocatedBefore = GC.GetTotalAllocatedBytes(precise: true);
            long bytes = 0;
            var measurement = await Measurement.OfAsync(requests, parallelism, async (_, ct) =>
            {
                using var response = await client.GetAsync(url, ct);
                var body = await response.Content.ReadAsByteArrayAsync(ct);
                Interlocked.Add(ref bytes, body.Length);
                return response.IsSuccessStatusCode;
            });
            var allocated = GC.GetTotalAllocatedBytes(precise: true) - allocatedBefore;
            if (measurement.Throughput.Received != requests)
                throw new InvalidOperationException($"{name}: {requests - measurement.Throughput.Received} of {requests} requests failed.");
            var row = new Row(size, name, measurement.Throughput.PerSecond, measurement.Latency.P50, measurement.Latency.P99,
                allocated / requests, bytes / requests, GC.GetGCMemoryInfo().HeapSizeBytes);
            rows.Add(row);
            Console.WriteLine($"  {size,6} organisations | {name,-32} | {row.PerSecond,6:0}/s | p50 {row.P50,6:0.0} ms | p99 {row.P99,6:0.0} ms | {row.AllocatedPerRequest / 1024.0,8:0.0} KiB allocated/request | {row.ResponseBytes / 1024.0,7:0.0} KiB body");
        }
    }

    var report = Report(rows, sizes, requests, parallelism, bench.Conditions());
    Console.WriteLine();
    Console.WriteLine(report);
    await BenchRun.WriteReportAsync(report, resultsPath);
    return 0;
});

static async Task SeedEventAsync(IDocumentStore store, int n, CancellationToken ct)
{
    var start = new DateTimeOffset(2027, 1, 4, 18, 0, 0, TimeSpan.FromHours(1)).AddHours(n * 7 % 8760);
    var details = new EventDetails(EventKind.Training, new LocalizedText($"Werkstatt {n}", $"Workshop {n}"),
        new LocalizedText("Eine Werkstatt des Netzwerks.", "A workshop of the network."), start, start.AddHours(2),
        "05314000", "Rathaus", null, Guid.CreateVersion7(), ["de"], 30, start.AddDays(-30), start.AddHours(-1), null, null);
    var id = Guid.CreateVersion7();
    var at = DateTimeOffset.UtcNow;
    await using var session = store.LightweightSession();
    session.Events.StartStream<NetworkEvent>(id, new EventCreated(id, details, "bench", at), new EventPublished(id, details, "bench", at));
    await session.SaveChangesAsync(ct);
}

static string Report(List<Row> rows, int[] sizes, int requests, int parallelism, string conditions)
{
    string F(double v, string format = "0.0") => v.ToString(format, CultureInfo.InvariantCulture);
    var text = new StringBuilder();
    text.AppendLine("# Anonymous reads: 1,000 against 10,000 organisations");
    text.AppendLine();
    text.AppendLine(conditions);
    text.AppendLine();
    text.AppendLine($"Each read {requests} times by {parallelism} anonymous clients at each size (after 20 warm-up requests); events are a tenth of the");
    text.AppendLine("organisations. *Allocated* is what this process (the bench's clients and both services, in-process on Kestrel)");
    text.AppendLine("allocated per request; *heap* the managed heap after the read. A ratio near 1 means the read does not grow with the data.");
    text.AppendLine();
    text.AppendLine($"| read | p50 at {sizes[0]} | p50 at {sizes[1]} | p50 ratio | p99 at {sizes[0]} | p99 at {sizes[1]} | allocated/request at {sizes[0]} | at {sizes[1]} | ratio | heap at {sizes[1]} |");
    text.AppendLine("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
    foreach (var name in rows.Select(r => r.Read).Distinct())
    {
        var small = rows.Single(r => r.Read == name && r.Size == sizes[0]);
        var large = rows.Single(r => r.Read == name && r.Size == sizes[1]);
        text.AppendLine($"| {name} | {F(small.P50)} ms | {F(large.P50)} ms | {F(large.P50 / small.P50, "0.00")} | {F(small.P99)} ms | {F(large.P99)} ms | " +
                        $"{F(small.AllocatedPerRequest / 1024.0)} KiB | {F(large.AllocatedPerRequest / 1024.0)} KiB | {F((double)large.AllocatedPerRequest / small.AllocatedPerRequest, "0.00")} | {F(large.Heap / 1048576.0, "0")} MiB |");
    }
    return text.ToString();
}

sealed record Row(int Size, string Read, double PerSecond, double P50, double P99, long AllocatedPerRequest, long ResponseBytes, long Heap);
