using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Text.Json;
using Network.Tests.Hosting;
using Network.Tests.Infrastructure;
using Npgsql;
using Xunit;
using Xunit.Abstractions;

namespace Network.Tests.Faults;

/// <summary>
/// PostgreSQL restarted while writers register organisations over HTTP: each writer gets a 201 or a 503 problem with
/// Retry-After, never a 500; nothing is half written (an event without its snapshot, or the reverse); every 201 is
/// stored once, every 503 is either absent or stored whole; writes succeed again within 30 s of the server being back.
/// The outbox lives in the same database: it resumes by itself and each stored registration reaches the Forum once.
/// </summary>
public class DatabaseRestartTests(ITestOutputHelper output)
{
    static readonly TimeSpan Recovery = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task PostgreSQL_restarted_under_write_load_writers_get_only_201_or_503_and_nothing_is_lost_or_half_written()
    {
        await using var postgres = await TestPostgres.StartDedicatedAsync();
        var database = await postgres.CreateDatabaseAsync("directory");
        await using var identity = await IdentityUnderTest.StartAsync(await TestServers.CreateVirtualHostAsync());
        await identity.SignInStaffAsync();
        var broker = await TestServers.CreateVirtualHostAsync();
        var forumDb = await TestServers.CreateDatabaseAsync("forum"); // on the shared server, which stays up
        await using var directory = new ServiceUnderTest<Network.Directory.IntegrationEvents>(
            NetworkUnderTest.Settings(identity, "directory-db", database, broker)).Start();
        await using var forum = new ServiceUnderTest<Network.Forum.Organisations.MemberOrganisation>(
            NetworkUnderTest.Settings(identity, "forum-db", forumDb, broker)).Start();
        await Task.WhenAll(NetworkUnderTest.WaitUntilHealthy(directory.NewClient()), NetworkUnderTest.WaitUntilHealthy(forum.NewClient()));

        var checker = new EffectChecker(); // the Directory's own store
        var delivered = new EffectChecker(); // what reached the Forum through the outbox
        var statuses = new ConcurrentDictionary<string, int>();
        var wrong = new ConcurrentQueue<string>(); // anything but a 201 or a 503 problem
        var acknowledged = 0;
        var lastSuccess = Stopwatch.StartNew(); // restarted at every 201
        var lastSuccessLock = new Lock();
        using var stop = new CancellationTokenSource();
        var writers = Enumerable.Range(0, 6).Select(w => Task.Run(async () =>
        {
            var staff = directory.NewClient(identity.StaffToken);
            staff.Timeout = TimeSpan.FromSeconds(15);
            for (var n = 0; !stop.IsCancellationRequested; n++)
            {
                var name = $"Database restart {w}-{n:0000}";
                try
                {
                    using var response = await staff.PostJson("/organisations",
                        new { name, kind = "MigrantOrganisation", municipalityAgs = "05314000", shortDescription = "Bonn" });
                    var body = await response.Content.ReadAsStringAsync();
                    statuses.AddOrUpdate(((int)response.StatusCode).ToString(), 1, (_, c) => c + 1);
                    if (response.StatusCode == HttpStatusCode.Created)
                    {
                        Assert.Equal(name, JsonDocument.Parse(body).RootElement.GetProperty("name").GetString());
                        checker.Acknowledged(name);
                        delivered.Acknowledged(name);
                        Interlocked.Increment(ref acknowledged);
                        lock (lastSuccessLock) lastSuccess.Restart();
                    }
                    else
                    {
                        checker.Unknown(name);
                        delivered.Unknown(name);
                        if (!IsRetryableProblem(response, body))
                            wrong.Enqueue($"{(int)response.StatusCode} {response.Content.Headers.ContentType}: {body}");
                        await Task.Delay(200); // as Retry-After asks, a little
                    }
                }
                catch (Exception e) when (e is HttpRequestException or TaskCanceledException && !stop.IsCancellationRequested)
                {
                    checker.Unknown(name); // no answer at all: a client cannot tell
                    delivered.Unknown(name);
                    statuses.AddOrUpdate(e.GetType().Name, 1, (_, c) => c + 1);
                }
            }
        })).ToList();

        await Eventually.Until(() => Task.FromResult(Volatile.Read(ref acknowledged)), n => n >= 50, TimeSpan.FromSeconds(60), "50 registrations");
        await postgres.StopAsync();
        await Eventually.Until(() => Task.FromResult(statuses.GetValueOrDefault("503")), n => n >= 6, TimeSpan.FromSeconds(30),
            "the writers to be told 503 while the database is down");
        // Readers are told the same, and so is the orchestrator.
        var reader = directory.NewClient(identity.StaffToken);
        using (var list = await reader.GetAsync("/organisations"))
            Assert.True(IsRetryableProblem(list, await list.Content.ReadAsStringAsync()), $"GET /organisations while down: {(int)list.StatusCode}");
        using (var health = await reader.GetAsync("/health"))
            Assert.Equal(HttpStatusCode.ServiceUnavailable, health.StatusCode);
        var beforeRestart = Volatile.Read(ref acknowledged);
        await postgres.StartAsync();
        var back = Stopwatch.StartNew();

        // Writes succeed again within 30 s of the server being back, and keep succeeding.
        await Eventually.Until(() => Task.FromResult(Volatile.Read(ref acknowledged)), n => n >= beforeRestart + 1, Recovery,
            "a registration accepted after the restart");
        var recoveredAfter = back.Elapsed;
        await Eventually.Until(() => Task.FromResult(Volatile.Read(ref acknowledged)), n => n >= beforeRestart + 60, Recovery,
            "60 registrations accepted after the restart");
        await stop.CancelAsync();
        await Task.WhenAll(writers);

        var rows = await ObserveAsync(checker, database);
        var report = checker.Check();
        await FaultRig.WaitForForumAsync(forumDb, rows, TimeSpan.FromSeconds(60));
        foreach (var (name, applied) in await ForumNamesAsync(forumDb))
            delivered.Observed(name, applied);
        var deliveredReport = delivered.Check();
        output.WriteLine($"statuses: {string.Join(", ", statuses.OrderBy(s => s.Key).Select(s => $"{s.Key} x{s.Value}"))}; " +
                         $"first 201 {recoveredAfter.TotalSeconds:0.0} s after the restart; {rows} organisations stored");
        output.WriteLine($"stored: {report}");
        output.WriteLine($"delivered to the forum: {deliveredReport}");
        Assert.Empty(wrong);
        Assert.True(report.IsValid, report.ToString());
        Assert.True(deliveredReport.IsValid, deliveredReport.ToString());
        Assert.Equal(report.Recovered, deliveredReport.Recovered);
        Assert.True(recoveredAfter < Recovery, $"first write accepted {recoveredAfter.TotalSeconds:0.0} s after the restart");
    }

    /// <summary>The organisations the Forum knows, by name, with how many times each registration was applied there.</summary>
    static async Task<IReadOnlyList<(string Name, int Applied)>> ForumNamesAsync(string forumDb)
    {
        await using var connection = new NpgsqlConnection(forumDb);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            "select data->>'Name', coalesce((data->>'RegistrationsApplied')::int, 0) from mt_doc_memberorganisation", connection);
        await using var reader = await command.ExecuteReaderAsync();
        var rows = new List<(string, int)>();
        while (await reader.ReadAsync())
            rows.Add((reader.GetString(0), reader.GetInt32(1)));
        return rows;
    }

    /// <summary>A 503 as RFC 9457 problem details, with Retry-After: what a client may retry.</summary>
    static bool IsRetryableProblem(HttpResponseMessage response, string body)
    {
        if (response.StatusCode != HttpStatusCode.ServiceUnavailable || response.Headers.RetryAfter is null
            || response.Content.Headers.ContentType?.MediaType != "application/problem+json")
            return false;
        return JsonDocument.Parse(body).RootElement.GetProperty("status").GetInt32() == 503;
    }

    /// <summary>
    /// Every registration stored, by name: its event in the stream and its snapshot (what GET /organisations/{id} reads)
    /// must both be there, with the same name, or it is a partial write.
    /// </summary>
    static async Task<int> ObserveAsync(EffectChecker checker, string database)
    {
        await using var connection = new NpgsqlConnection(database);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("""
            select coalesce(e.data->>'Name', d.data->>'Name'), e.stream_id is not null, d.id is not null and d.data->>'Name' = e.data->>'Name'
            from (select stream_id, data from mt_events where type = 'organisation_registered') e
            full outer join mt_doc_organisation d on d.id = e.stream_id
            """, connection);
        await using var reader = await command.ExecuteReaderAsync();
        var rows = 0;
        while (await reader.ReadAsync())
        {
            rows++;
            checker.Observed(reader.GetString(0), complete: reader.GetBoolean(1) && reader.GetBoolean(2));
        }
        return rows;
    }
}
