using System.Globalization;
using System.Net;
using System.Text;
using Marten;
using Microsoft.Extensions.DependencyInjection;
using Network.Bench;
using Network.Events.NetworkEvents;
using Network.Events.Organisations;
using Network.Events.Registrations;
using Npgsql;

// Exports benchmark. One run: start PostgreSQL and RabbitMQ (the tests' helpers), the sign-in provider and the real
// Events service; give two events 1,000 and 10,000 registrations (bulk-inserted documents, as the registrations
// projection writes them; half of them for one of 20 organisations); then export each event's registrations as CSV,
// xlsx and JSON through GET /events/{id}/registrations.{format} over loopback HTTP, and the same rows (joined with the
// organisations' names, in order of registration) with PostgreSQL's COPY ... TO STDOUT (CSV) through Npgsql, the raw
// baseline. Each export is timed --repeats times; once more it runs while a sampler forces a full collection every
// millisecond and keeps the largest live managed heap, so the peak above the idle heap is what the export holds at once
// (client and service share this process: the client only counts the bytes it reads). Bounded memory means the same
// peak for 1,000 and for 10,000 registrations; the export as it was before (the whole file in memory) is measured
// beside them for contrast, to show the sampler sees memory that grows. Writes bench/results/exports-latest.md (and .json).
// Options: --small 1000 --large 10000 --repeats 5 --results PATH.

var options = new BenchArgs(args);
int small = options.Int("small", 1000), large = options.Int("large", 10000), repeats = options.Int("repeats", 5);
var resultsPath = options.Results("exports-latest.md");
var bench = new BenchRun();
Console.WriteLine($"Exports bench: {small:N0} and {large:N0} registrations, {repeats} timed exports each. Load average: {bench.LoadBefore}");

return await bench.ExecuteAsync(async () =>
{
    var (service, database, identity) = await bench.StartServiceWithOutboxPausedAsync<Network.Events.EventsMarker>("events", "Events");
    var store = service.Services.GetRequiredService<IDocumentStore>();
    var dataSource = bench.Own(NpgsqlDataSource.Create(database));
    var staff = bench.Own(service.NewClient(identity.StaffToken));
    staff.Timeout = TimeSpan.FromMinutes(5);

    bench.Step("20 organisations and two events (HTTP), their registrations bulk-inserted");
    var organisations = Enumerable.Range(1, 20).Select(i => new KnownOrganisation
    {
        Id = Guid.CreateVersion7(), Name = $"Verein für Entwicklung und Vielfalt Nr. {i} e.V.", Kind = "MigrantOrganisation",
        MunicipalityAgs = "05314000", FederalState = "Nordrhein-Westfalen", Registered = true, Verified = true,
    }).ToList();
    await store.BulkInsertAsync(organisations);
    var events = new Dictionary<int, Guid>();
    foreach (var n in new[] { small, large })
    {
        var id = await Http.CreatePublishedEventAsync(staff, organisations[0].Id, capacity: n / 2);
        await store.BulkInsertAsync(Http.Registrations(id, n, organisations), batchSize: 2000);
        events[n] = id;
    }

    var measurements = new List<Measured>();
    var paths = new[] { "csv", "xlsx", "json" }.Select(format => new ExportPath(format.ToUpperInvariant(), format, staff)).Cast<IExportPath>()
        .Append(new CopyPath(dataSource)).Append(new WholeFilePath(store)).ToList();
    foreach (var path in paths) await path.ExportAsync(events[small]); // warm-up: JIT, pools, plans
    foreach (var n in new[] { small, large })
    {
        bench.Step($"{n:N0} registrations: each path {repeats} times timed, once with the heap sampled");
        foreach (var path in paths)
        {
            var times = new List<double>();
            long bytes = 0;
            for (var i = 0; i < repeats; i++)
            {
                var started = Clock.Now;
                bytes = await path.ExportAsync(events[n]);
                times.Add(Clock.Ms(started, Clock.Now));
            }
            long peak = 0;
            for (var i = 0; i < 3; i++) peak = Math.Max(peak, await PeakMemory.LiveHeapAboveIdleAsync(() => path.ExportAsync(events[n])));
            var measured = new Measured(n, path.Name, path is CopyPath, path is WholeFilePath, bytes, Percentiles.Of(times), peak);
            measurements.Add(measured);
            Console.WriteLine($"  {n,6:N0} {path.Name,-14} {bytes / 1024.0,8:0} KiB  p50 {measured.Time.P50,7:0.0} ms  peak live heap above idle {Mib(peak),6:0.0} MiB");
        }
    }

    var conditions = bench.Conditions();
    var report = Report(conditions, small, large, repeats, measurements);
    await BenchRun.WriteReportAsync(report, resultsPath);
    var results = measurements.Where(m => !m.Contrast).GroupBy(m => m.Rows).SelectMany(g => BenchResults.Compared([.. g.Select(m => new PathResult(
        $"export of {m.Rows:N0} registrations", m.Path, m.Raw ? PathRole.Baseline : PathRole.Service, "rows/s",
        m.Rows / (m.Time.P50 / 1000), null, m.Time.P50, m.Time.P99, $"peak live heap {Mib(m.PeakBytes):0.0} MiB"))])).ToList();
    await BenchRun.WriteResultsAsync(new BenchResults("exports", "Exports", conditions, true, results,
        [.. Growth(small, large, measurements)]), resultsPath);
    return 0;
});

static double Mib(long bytes) => bytes / (1024.0 * 1024.0);

/// <summary>Per path: the peak at the large export over the peak at the small one (1.0: the memory does not grow with the rows).</summary>
static IEnumerable<string> Growth(int small, int large, List<Measured> measurements) =>
    measurements.Where(m => m.Rows == large).Select(m =>
    {
        var before = measurements.Single(s => s.Rows == small && s.Path == m.Path);
        return string.Create(CultureInfo.InvariantCulture,
            $"{m.Path}: peak live heap {Mib(before.PeakBytes):0.0} MiB at {small:N0}, {Mib(m.PeakBytes):0.0} MiB at {large:N0} ({(double)m.PeakBytes / Math.Max(1, before.PeakBytes):0.00}x for {large / small}x the rows); time {before.Time.P50:0} ms and {m.Time.P50:0} ms");
    });

static string Report(string conditions, int small, int large, int repeats, List<Measured> measurements)
{
    var ci = CultureInfo.InvariantCulture;
    var s = new StringBuilder();
    s.AppendLine("# Exports benchmark");
    s.AppendLine();
    s.AppendLine(conditions);
    s.AppendLine(string.Create(ci, $"Options: `--small {small} --large {large} --repeats {repeats}`. ") + "An event's registrations through "
        + "`GET /events/{id}/registrations.{csv|xlsx|json}` (staff, loopback HTTP; the client counts the bytes and keeps none), and the same rows "
        + "with the organisations' names in order of registration through PostgreSQL's `COPY ... TO STDOUT (FORMAT csv)` with Npgsql (the raw baseline). "
        + "Time: the median of the timed exports. Peak: the largest live managed heap above the idle heap while one export runs, sampled "
        + "with a forced full collection every millisecond during three exports, the largest kept (client and service share the process). "
        + "For contrast, not a path of the service: the export as it was before issue 12, every registration in a list and the whole CSV in a string.");
    s.AppendLine();
    s.AppendLine("| registrations | path | bytes | p50 ms | rows/s | vs raw COPY | peak live heap above idle |");
    s.AppendLine("|---:|---|---:|---:|---:|---:|---:|");
    foreach (var m in measurements)
    {
        var raw = measurements.Single(r => r.Rows == m.Rows && r.Raw);
        s.AppendLine(ci, $"| {m.Rows:N0} | {(m.Raw || m.Contrast ? m.Path : $"**{m.Path}**")} | {m.Bytes:N0} | {m.Time.P50:0.0} | {m.Rows / (m.Time.P50 / 1000):N0} | {raw.Time.P50 / m.Time.P50:0.00} | {Mib(m.PeakBytes):0.0} MiB |");
    }
    s.AppendLine();
    s.AppendLine(ci, $"## Memory at {large:N0} against {small:N0} registrations");
    s.AppendLine();
    foreach (var line in Growth(small, large, measurements)) s.AppendLine($"- {line}");
    return s.ToString();
}

sealed record Measured(int Rows, string Path, bool Raw, bool Contrast, long Bytes, Percentiles Time, long PeakBytes);

interface IExportPath
{
    string Name { get; }

    /// <summary>One whole export of the event; the bytes it came to.</summary>
    Task<long> ExportAsync(Guid eventId);
}

/// <summary>The service's path: the export endpoint over HTTP, read as it streams.</summary>
sealed class ExportPath(string name, string format, HttpClient staff) : IExportPath
{
    public string Name => name;

    public async Task<long> ExportAsync(Guid eventId)
    {
        using var response = await staff.GetAsync($"/events/{eventId}/registrations.{format}", HttpCompletionOption.ResponseHeadersRead);
        if (response.StatusCode != HttpStatusCode.OK) throw new InvalidOperationException($"{format}: {response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        await using var body = await response.Content.ReadAsStreamAsync();
        return await CountingSink.DrainAsync(body);
    }
}

/// <summary>
/// For contrast, not a path of the service: the export as it was before issue 12 (every registration loaded into a
/// list, the whole CSV built in a string and encoded), in the service's process without HTTP. It shows that the
/// sampler sees memory that grows with the rows.
/// </summary>
sealed class WholeFilePath(IDocumentStore store) : IExportPath
{
    public string Name => "whole file in memory (contrast)";

    public async Task<long> ExportAsync(Guid eventId)
    {
        await using var session = store.QuerySession();
        var registrations = await session.Query<Registration>().Where(r => r.EventId == eventId).OrderBy(r => r.Ticket).ToListAsync();
        var csv = new StringBuilder();
        foreach (var r in registrations)
            csv.Append(CultureInfo.InvariantCulture, $"{r.Id},{r.PersonId},{r.PersonName},{r.OrganisationId},{r.Status},{r.RegisteredAt:O},{r.Attended}\r\n");
        return Encoding.UTF8.GetBytes(csv.ToString()).LongLength;
    }
}

/// <summary>The raw baseline: the same rows, joined and ordered by PostgreSQL, as CSV by its own COPY.</summary>
sealed class CopyPath(NpgsqlDataSource database) : IExportPath
{
    public string Name => "raw COPY (CSV)";

    public async Task<long> ExportAsync(Guid eventId)
    {
        await using var connection = await database.OpenConnectionAsync();
        // COPY takes no parameters; the id is a Guid (no quoting to get wrong).
        using var copy = await connection.BeginTextExportAsync($"""
            copy (select r.id, r.data->>'PersonId', r.data->>'PersonName', r.data->>'OrganisationId', o.data->>'Name',
                         r.data->>'Status', r.data->>'RegisteredAt', r.data->>'Attended'
                  from mt_doc_registration r left join mt_doc_knownorganisation o on o.id = (r.data->>'OrganisationId')::uuid
                  where r.data->>'EventId' = '{eventId:D}' order by (r.data->>'Ticket')::bigint)
            to stdout (format csv, header)
            """);
        return await CountingSink.DrainAsync(copy);
    }
}

static class Http
{
    public static async Task<Guid> CreatePublishedEventAsync(HttpClient staff, Guid organiserId, int capacity)
    {
        var start = new DateTimeOffset(DateTime.UtcNow.Date.AddDays(30).AddHours(9), TimeSpan.Zero);
        var created = await staff.PostAsync("/events", new StringContent(System.Text.Json.JsonSerializer.Serialize(new
        {
            kind = "Conference",
            title = new { de = "Bundeskonferenz Kommunale Entwicklungspolitik", en = "Federal conference on municipal development policy" },
            start, end = start.AddHours(8), municipalityAgs = "05314000", venue = "Stadthalle Bonn", organiserId,
            languages = new[] { "de" }, capacity,
            registrationOpens = DateTimeOffset.UtcNow.AddHours(-1), registrationCloses = start.AddHours(-1),
        }), Encoding.UTF8, "application/json"));
        var body = await created.Content.ReadAsStringAsync();
        if (created.StatusCode != HttpStatusCode.Created) throw new InvalidOperationException($"create event: {created.StatusCode} {body}");
        var id = System.Text.Json.JsonDocument.Parse(body).RootElement.GetProperty("id").GetGuid();
        var published = await staff.PostAsync($"/events/{id}/publication", null);
        if (published.StatusCode != HttpStatusCode.OK) throw new InvalidOperationException($"publish: {published.StatusCode}");
        return id;
    }

    /// <summary>
    /// <paramref name="n"/> registration documents as the registrations projection writes them: the first half
    /// confirmed, the rest waiting, every other one for an organisation, a few attended.
    /// </summary>
    public static List<Registration> Registrations(Guid eventId, int n, IReadOnlyList<KnownOrganisation> organisations)
    {
        var at = DateTimeOffset.UtcNow.AddDays(-3);
        return [.. Enumerable.Range(0, n).Select(i => new Registration
        {
            Id = Guid.CreateVersion7(), EventId = eventId, PersonId = $"bench-person-{i}", PersonName = $"Teilnehmerin Nr. {i} Müller-Özdemir",
            OrganisationId = i % 2 == 0 ? organisations[i / 2 % organisations.Count].Id : null,
            Status = i < n / 2 ? RegistrationStatus.Confirmed : RegistrationStatus.Waitlisted,
            RegisteredAt = at.AddSeconds(i), Attended = i % 7 == 0, Ticket = i + 2,
        })];
    }
}
