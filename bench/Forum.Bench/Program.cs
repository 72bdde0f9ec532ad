using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using Marten;
using Microsoft.Extensions.DependencyInjection;
using Network.Bench;
using Network.Bench.Forum;
using Network.Forum.Boards;
using Network.Forum.Members;
using Network.Forum.Organisations;
using Network.Forum.Posting;
using Network.Forum.Posts.Rendering;
using Network.Forum.Threads;
using Network.Platform.Http;
using Npgsql;

// Forum benchmark. One run: start PostgreSQL and RabbitMQ (the tests' helpers), the sign-in provider (Identity) and the real
// Forum service trusting it; fill a thread with --posts posts and a board with --threads threads, on the service (its own
// events, appended through its store, so its posts, snapshots and indexes are what the API writes) and in plain tables (the
// fair baselines); then, with the same number of concurrent clients and taking turns in rounds: reply to the long thread
// (POST /threads/{id}/posts as a member of a verified organisation, over loopback HTTP, vs one raw transaction per post), read
// its first and its last page by keyset, and read the board's first and a middle page of threads. Writes
// bench/results/forum-latest.md (and .json).
// Options: --posts 10000 --threads 5000 --n 2000 --clients 32 --rounds 10 --window 300 --reads 500 --warmup 200 --results PATH.

var options = BenchOptions.Parse(args);
var bench = new BenchRun();
Console.WriteLine($"Forum bench: a thread of {options.Posts} posts, a board of {options.Threads} threads, {options.N} replies per path, "
    + $"{options.Clients} concurrent clients. Load average: {bench.LoadBefore}");
const int PageSize = 20;
const string FloorPath = "floor: empty ASP.NET endpoint, same bytes";

return await bench.ExecuteAsync(async () =>
{
    // The outbox would publish meanwhile on the same two cores: measured by Outbox.Bench and paused here (as in the other benches).
    var (service, database, identity) = await bench.StartServiceWithOutboxPausedAsync<MemberOrganisation>("forum", "Forum");
    var store = service.Services.GetRequiredService<IDocumentStore>();
    var dataSource = bench.Own(NpgsqlDataSource.Create(Network.Platform.EventStore.EventStoreConnections.Tuned(database)));
    var durability = await CommitFloor.DurabilityAsync(dataSource);
    await CpuTime.OnlyServerOfAsync(dataSource);
    var floor = bench.Own(await FloorServer.StartAsync());
    using var floorClient = new HttpClient { BaseAddress = floor.Address, Timeout = TimeSpan.FromSeconds(30) };

    // The author: a person acting for a verified organisation, as the Forum knows them from the Directory's events (stored
    // directly, as its consumers would), signed in at the provider. Their seeded posts are a month old: no newcomer limits.
    var signedIn = await identity.PersonAsync("Ama Bench");
    var author = new Participant(signedIn.Subject, false, null);
    var organisationId = Guid.CreateVersion7();
    await using (var session = store.LightweightSession())
    {
        session.Store(new MemberOrganisation
        {
            Id = organisationId, Registered = true, RegistrationsApplied = 1, Name = "Sankofa Bonn (fictional)", Kind = "MigrantOrganisation",
            MunicipalityAgs = "05314000", Visibility = "Public", ProfileVersion = 1, Verified = true, VerifiedAt = DateTimeOffset.UtcNow, StatusVersion = 2,
        });
        var member = new ForumMember { Id = Guid.Parse(signedIn.Subject) };
        member.Joined(organisationId, "Member", "Ama Bench", 2);
        member.Consent(true, 3);
        session.Store(member);
        await session.SaveChangesAsync();
    }
    var client = service.NewClient(signedIn.AccessToken);
    var anonymous = service.NewClient();
    var raw = new RawBaseline(dataSource);
    await raw.CreateTablesAsync(author.Id, organisationId);

    bench.Step($"filling a thread with {options.Posts} posts and a board with {options.Threads} threads, on both paths (not timed)");
    var serviceBoard = await BoardAsync(store, "Austausch");
    var serviceThread = await LongThreadAsync(store, serviceBoard, author, organisationId, options.Posts);
    var rawBoard = await raw.NewBoardAsync();
    var rawThread = await raw.ThreadAsync(rawBoard, options.Posts, author.Id, organisationId);
    var listBoard = await BoardAsync(store, "Viele Fäden");
    await ManyThreadsAsync(store, listBoard, author, organisationId, options.Threads);
    var rawListBoard = await raw.BoardAsync(options.Threads, author.Id);
    await using (var analyse = dataSource.CreateCommand("analyze")) await analyse.ExecuteNonQueryAsync();

    var results = new List<PathResult>();
    var notes = new List<string>();
    var failures = new List<string>();

    // Posting: both paths warm up on a thread of their own, then take turns in rounds on the long thread.
    bench.Step($"replies to the {options.Posts}-post thread: {options.N} per path in {options.Rounds} rounds, {options.Clients} clients");
    var warmThread = await LongThreadAsync(store, serviceBoard, author, organisationId, 1);
    var rawWarmThread = await raw.ThreadAsync(rawBoard, 1, author.Id, organisationId);
    var httpPosts = new Measurement();
    var rawPosts = new Measurement();
    var floorPosts = new Measurement();
    var errors = new System.Collections.Concurrent.ConcurrentDictionary<string, int>();
    Func<int, CancellationToken, Task<bool>> HttpReply(Guid thread) => async (i, ct) =>
    {
        using var response = await client.PostAsJsonAsync($"/threads/{thread}/posts", new { body = PostBodies.For(i), language = "de" }, ct);
        if (response.StatusCode == HttpStatusCode.Created) return true;
        var error = $"{(int)response.StatusCode} {await response.Content.ReadAsStringAsync(ct)}";
        errors.AddOrUpdate(error[..Math.Min(200, error.Length)], 1, (_, n) => n + 1);
        return false;
    };
    Func<int, CancellationToken, Task<bool>> RawReply(Guid thread) => (i, ct) => raw.PostAsync(thread, author.Id, PostBodies.For(i), ct);
    using (var sample = await client.PostAsJsonAsync($"/threads/{warmThread}/posts", new { body = PostBodies.For(0), language = "de" }))
        floor.Answer("post", await sample.Content.ReadAsByteArrayAsync());
    Func<int, CancellationToken, Task<bool>> FloorReply() => async (i, ct) =>
    {
        using var response = await floorClient.PostAsJsonAsync("/floor/post", new { body = PostBodies.For(i), language = "de" }, ct);
        await response.Content.ReadAsByteArrayAsync(ct);
        return response.StatusCode == HttpStatusCode.Created;
    };
    var warmUps = new List<string>();
    async Task WarmAsync(string path, Func<int, CancellationToken, Task<bool>> operation) =>
        warmUps.Add($"{path} {await WarmUp.UntilJitQuietAsync(() => Measurement.OfAsync(options.Warmup, options.Clients, operation))}");
    await WarmAsync("HTTP replies", HttpReply(warmThread));
    await WarmAsync("raw replies", RawReply(rawWarmThread));
    await WarmAsync("floor replies", FloorReply());
    var postRoundTrips = await RoundTrips.PerOperationAsync(20, i => HttpReply(warmThread)(i, CancellationToken.None));
    var rawPostRoundTrips = await RoundTrips.PerOperationAsync(20, i => RawReply(rawWarmThread)(i, CancellationToken.None));
    var rounds = Rounds.Of(options.N, options.Rounds, options.Window);
    var jitBefore = (Methods: System.Runtime.JitInfo.GetCompiledMethodCount(), Time: System.Runtime.JitInfo.GetCompilationTime());
    await Rounds.TakeTurnsAsync(rounds, 3, (p, round) => p switch
    {
        0 => httpPosts.RunAsync(round.From, round.To, options.Clients, HttpReply(serviceThread)),
        1 => rawPosts.RunAsync(round.From, round.To, options.Clients, RawReply(rawThread)),
        _ => floorPosts.RunAsync(round.From, round.To, options.Clients, FloorReply()),
    });
    var jitDuringReplies = $"{System.Runtime.JitInfo.GetCompiledMethodCount() - jitBefore.Methods} methods compiled in "
        + $"{(System.Runtime.JitInfo.GetCompilationTime() - jitBefore.Time).TotalMilliseconds:0} ms";
    Console.WriteLine($"  JIT during the replies' rounds: {jitDuringReplies}");
    var posting = $"replies to a thread of {options.Posts} posts ({options.Clients} clients)";
    var cpu = new List<(string Scenario, string Path, string PerOperation)>
    {
        (posting, "HTTP", httpPosts.CpuPerOperation), (posting, RawBaseline.PathName, rawPosts.CpuPerOperation), (posting, FloorPath, floorPosts.CpuPerOperation),
    };
    results.AddRange(BenchResults.Compared([
        httpPosts.Result(posting, "HTTP", PathRole.Service, "posts/s"),
        rawPosts.Result(posting, RawBaseline.PathName, PathRole.Baseline, "posts/s"),
        floorPosts.Result(posting, FloorPath, PathRole.Floor, "posts/s")]));
    Console.WriteLine($"  HTTP {httpPosts.Throughput.Rate} posts/s (p50 {Percentiles.Ms(httpPosts.Latency.P50)} ms, p99 {Percentiles.Ms(httpPosts.Latency.P99)} ms, "
        + $"{httpPosts.Throughput.Messages - httpPosts.Throughput.Received} failed); raw {rawPosts.Throughput.Rate} posts/s");
    foreach (var (error, count) in errors.Take(3)) Console.WriteLine($"    {count} x {error}");
    var stored = await CountAsync(dataSource, $"select count(*) from mt_doc_post where thread_id = '{serviceThread}'");
    var expected = options.Posts + httpPosts.Throughput.Received;
    if (stored != expected) failures.Add($"the service's long thread has {stored} posts, {expected} expected");
    var numbers = await CountAsync(dataSource, $"select count(distinct number) from mt_doc_post where thread_id = '{serviceThread}'");
    if (numbers != stored) failures.Add($"the service numbered {stored} posts with {numbers} distinct numbers");

    // Page reads: the long thread's first page and its last, by keyset, anonymous (the board is public).
    var total = options.Posts + options.N;
    var lastAfter = total - PageSize;
    bench.Step($"reading the thread of {total} posts by keyset, {PageSize} a page: {options.Reads} reads each of the first and the last page per path");
    async Task<bool> HttpPage(string url, CancellationToken ct)
    {
        using var response = await anonymous.GetAsync(url, ct);
        await response.Content.ReadAsByteArrayAsync(ct);
        return response.StatusCode == HttpStatusCode.OK;
    }
    var firstUrl = $"/threads/{serviceThread}/posts?pageSize={PageSize}";
    var lastUrl = $"/threads/{serviceThread}/posts?pageSize={PageSize}&after={Keyset.Encode(lastAfter.ToString(CultureInfo.InvariantCulture))}";
    async Task<bool> FloorPage(string key, CancellationToken ct)
    {
        using var response = await floorClient.GetAsync($"/floor/{key}", ct);
        await response.Content.ReadAsByteArrayAsync(ct);
        return response.StatusCode == HttpStatusCode.OK;
    }
    floor.Answer("first", await anonymous.GetByteArrayAsync(firstUrl));
    floor.Answer("last", await anonymous.GetByteArrayAsync(lastUrl));
    await WarmAsync("HTTP pages", (_, ct) => HttpPage(firstUrl, ct));
    await WarmAsync("raw pages", (_, ct) => raw.PageOfPostsAsync(rawThread, 0, PageSize, ct));
    await WarmAsync("floor pages", (_, ct) => FloorPage("first", ct));
    var pageRoundTrips = await RoundTrips.PerOperationAsync(20, _ => HttpPage(firstUrl, CancellationToken.None));
    var pages = new Dictionary<string, Measurement>
    {
        ["HTTP first"] = new(), ["HTTP last"] = new(), ["raw first"] = new(), ["raw last"] = new(), ["floor first"] = new(), ["floor last"] = new(),
    };
    var readRounds = Rounds.Of(options.Reads, 5);
    await Rounds.TakeTurnsAsync(readRounds, 6, (p, round) => p switch
    {
        0 => pages["HTTP first"].RunAsync(round.From, round.To, options.Clients, (_, ct) => HttpPage(firstUrl, ct)),
        1 => pages["HTTP last"].RunAsync(round.From, round.To, options.Clients, (_, ct) => HttpPage(lastUrl, ct)),
        2 => pages["raw first"].RunAsync(round.From, round.To, options.Clients, (_, ct) => raw.PageOfPostsAsync(rawThread, 0, PageSize, ct)),
        3 => pages["raw last"].RunAsync(round.From, round.To, options.Clients, (_, ct) => raw.PageOfPostsAsync(rawThread, lastAfter, PageSize, ct)),
        4 => pages["floor first"].RunAsync(round.From, round.To, options.Clients, (_, ct) => FloorPage("first", ct)),
        _ => pages["floor last"].RunAsync(round.From, round.To, options.Clients, (_, ct) => FloorPage("last", ct)),
    });
    foreach (var which in new[] { "first", "last" })
    {
        var scenario = $"the thread's {which} page of {PageSize} ({total} posts, {options.Clients} clients)";
        results.AddRange(BenchResults.Compared([
            pages[$"HTTP {which}"].Result(scenario, "HTTP", PathRole.Service, "pages/s"),
            pages[$"raw {which}"].Result(scenario, RawBaseline.PathName, PathRole.Baseline, "pages/s"),
            pages[$"floor {which}"].Result(scenario, FloorPath, PathRole.Floor, "pages/s")]));
        cpu.AddRange([(scenario, "HTTP", pages[$"HTTP {which}"].CpuPerOperation), (scenario, RawBaseline.PathName, pages[$"raw {which}"].CpuPerOperation),
            (scenario, FloorPath, pages[$"floor {which}"].CpuPerOperation)]);
    }

    // The board's thread list at --threads threads: the first page and one from the middle (by its cursor).
    bench.Step($"a board's thread list at {options.Threads} threads: {options.Reads} reads each of the first and a middle page per path");
    var (middleAt, middleId) = await MiddleAsync(dataSource, listBoard, options.Threads / 2);
    var rawMiddle = await raw.CursorAtAsync(rawListBoard, options.Threads / 2);
    var listFirst = $"/boards/{listBoard}/threads?pageSize={PageSize}";
    var listMiddle = $"/boards/{listBoard}/threads?pageSize={PageSize}&after={Keyset.Encode(middleAt.UtcTicks.ToString(CultureInfo.InvariantCulture), middleId.ToString())}";
    floor.Answer("list first", await anonymous.GetByteArrayAsync(listFirst));
    floor.Answer("list middle", await anonymous.GetByteArrayAsync(listMiddle));
    await WarmAsync("HTTP lists", (_, ct) => HttpPage(listFirst, ct));
    await WarmAsync("raw lists", (_, ct) => raw.PageOfThreadsAsync(rawListBoard, null, PageSize, ct));
    var listRoundTrips = await RoundTrips.PerOperationAsync(20, _ => HttpPage(listFirst, CancellationToken.None));
    var lists = new Dictionary<string, Measurement>
    {
        ["HTTP first"] = new(), ["HTTP middle"] = new(), ["raw first"] = new(), ["raw middle"] = new(), ["floor first"] = new(), ["floor middle"] = new(),
    };
    await Rounds.TakeTurnsAsync(readRounds, 6, (p, round) => p switch
    {
        0 => lists["HTTP first"].RunAsync(round.From, round.To, options.Clients, (_, ct) => HttpPage(listFirst, ct)),
        1 => lists["HTTP middle"].RunAsync(round.From, round.To, options.Clients, (_, ct) => HttpPage(listMiddle, ct)),
        2 => lists["raw first"].RunAsync(round.From, round.To, options.Clients, (_, ct) => raw.PageOfThreadsAsync(rawListBoard, null, PageSize, ct)),
        3 => lists["raw middle"].RunAsync(round.From, round.To, options.Clients, (_, ct) => raw.PageOfThreadsAsync(rawListBoard, rawMiddle, PageSize, ct)),
        4 => lists["floor first"].RunAsync(round.From, round.To, options.Clients, (_, ct) => FloorPage("list first", ct)),
        _ => lists["floor middle"].RunAsync(round.From, round.To, options.Clients, (_, ct) => FloorPage("list middle", ct)),
    });
    foreach (var which in new[] { "first", "middle" })
    {
        var scenario = $"a board's {which} page of {PageSize} threads ({options.Threads} threads, {options.Clients} clients)";
        results.AddRange(BenchResults.Compared([
            lists[$"HTTP {which}"].Result(scenario, "HTTP", PathRole.Service, "pages/s"),
            lists[$"raw {which}"].Result(scenario, RawBaseline.PathName, PathRole.Baseline, "pages/s"),
            lists[$"floor {which}"].Result(scenario, FloorPath, PathRole.Floor, "pages/s")]));
        cpu.AddRange([(scenario, "HTTP", lists[$"HTTP {which}"].CpuPerOperation), (scenario, RawBaseline.PathName, lists[$"raw {which}"].CpuPerOperation),
            (scenario, FloorPath, lists[$"floor {which}"].CpuPerOperation)]);
    }
    foreach (var measurement in pages.Values.Concat(lists.Values))
        if (measurement.Throughput.Received != measurement.Throughput.Messages) failures.Add($"{measurement.Throughput.Messages - measurement.Throughput.Received} reads failed");
    await raw.DropTablesAsync();

    var targets = Targets(results, pages);
    notes.AddRange(targets.Select(t => t.Text));
    var conditions = $"{bench.Conditions()} {durability}.";
    var roundTrips = new List<string>
    {
        $"a reply over HTTP: {postRoundTrips}; raw: {rawPostRoundTrips}",
        $"a thread's page over HTTP: {pageRoundTrips.Statements:0.#} (no transaction), {pageRoundTrips.AloneMs:0.0} ms each alone; raw: 1 (one batch)",
        $"a board's page over HTTP: {listRoundTrips.Statements:0.#} (no transaction), {listRoundTrips.AloneMs:0.0} ms each alone; raw: 1 (one batch)",
    };
    var report = Report(options, conditions, results, targets, httpPosts, failures, cpu, roundTrips, warmUps);
    await BenchRun.WriteReportAsync(report, options.Results);
    await BenchRun.WriteResultsAsync(new BenchResults("forum", "Forum", conditions, failures.Count == 0, results, notes), options.Results);
    if (failures.Count == 0) return 0;
    Console.Error.WriteLine($"The Forum bench's checks FAILED: {string.Join("; ", failures)}");
    return 1;
});

static async Task<Guid> BoardAsync(IDocumentStore store, string name)
{
    var id = Guid.CreateVersion7();
    await using var session = store.LightweightSession();
    session.Events.StartStream<Board>(id, new BoardCreated(id, new BoardName(name, name), ["education"], BoardVisibility.Public, "bench", DateTimeOffset.UtcNow));
    await session.SaveChangesAsync();
    return id;
}

static PostContent Content(int i)
{
    var body = PostBodies.For(i);
    return new PostContent(body, PostMarkdown.Render(body).Html, "de", null, []);
}

/// <summary>A thread of <paramref name="posts"/> posts by <paramref name="author"/>, a month old, appended as the API appends them, in batches.</summary>
static async Task<Guid> LongThreadAsync(IDocumentStore store, Guid board, Participant author, Guid organisation, int posts)
{
    var id = Guid.CreateVersion7();
    var start = ForumThread.Stored(DateTimeOffset.UtcNow.AddDays(-30));
    await using (var session = store.LightweightSession())
    {
        session.Events.StartStream<ForumThread>(id, new ThreadStarted(id, board, "Langer Faden", Guid.CreateVersion7(), Content(0), author, organisation, start));
        await session.SaveChangesAsync();
    }
    for (var from = 2; from <= posts; from += 500)
    {
        await using var session = store.LightweightSession();
        session.Events.Append(id, Enumerable.Range(from, Math.Min(500, posts - from + 1))
            .Select(n => (object)new PostAdded(id, board, Guid.CreateVersion7(), n, Content(n), author, organisation, start.AddSeconds(n))).ToArray());
        await session.SaveChangesAsync();
    }
    return id;
}

/// <summary><paramref name="threads"/> one-post threads on one board, their activity a second apart, as the API starts them.</summary>
static async Task ManyThreadsAsync(IDocumentStore store, Guid board, Participant author, Guid organisation, int threads)
{
    var start = ForumThread.Stored(DateTimeOffset.UtcNow.AddDays(-20));
    for (var from = 0; from < threads; from += 250)
    {
        await using var session = store.LightweightSession();
        foreach (var n in Enumerable.Range(from, Math.Min(250, threads - from)))
        {
            var id = Guid.CreateVersion7();
            session.Events.StartStream<ForumThread>(id, new ThreadStarted(id, board, $"Faden {n}", Guid.CreateVersion7(), Content(n), author, organisation, start.AddSeconds(n)));
        }
        await session.SaveChangesAsync();
    }
}

static async Task<(DateTimeOffset, Guid)> MiddleAsync(NpgsqlDataSource database, Guid board, int offset)
{
    await using var command = database.CreateCommand(
        "select last_activity_at, id from mt_doc_forumthread where board_id = $1 order by last_activity_at desc, id desc offset $2 limit 1");
    command.Parameters.Add(new NpgsqlParameter { Value = board });
    command.Parameters.Add(new NpgsqlParameter { Value = offset });
    await using var reader = await command.ExecuteReaderAsync();
    await reader.ReadAsync();
    return (reader.GetFieldValue<DateTimeOffset>(0), reader.GetGuid(1));
}

static async Task<long> CountAsync(NpgsqlDataSource database, string sql)
{
    await using var command = database.CreateCommand(sql);
    return (long)(await command.ExecuteScalarAsync())!;
}

/// <summary>The issue's targets: HTTP >= 0.5 of raw for posting and page reads, >= 0.5 (within 2x) for the thread list, the last page as fast as the first (>= 0.8).</summary>
static List<(string Text, bool Met)> Targets(List<PathResult> results, Dictionary<string, Measurement> pages)
{
    var targets = results.Where(r => r.Role is PathRole.Service)
        .Select(r => (FormattableString.Invariant($"{r.Scenario}: HTTP {r.VsBaseline:0.00} of raw (target >= 0.5)"), r.VsBaseline >= 0.5)).ToList();
    var lastVsFirst = pages["HTTP last"].Throughput.PerSecond / pages["HTTP first"].Throughput.PerSecond;
    targets.Add((FormattableString.Invariant($"the thread's last page read at {lastVsFirst:0.00} of the first page's rate over HTTP (target >= 0.8: as fast as the first)"), lastVsFirst >= 0.8));
    return targets;
}

static string Report(BenchOptions o, string conditions, List<PathResult> results, List<(string Text, bool Met)> targets, Measurement posting, List<string> failures,
    List<(string Scenario, string Path, string PerOperation)> cpu, List<string> roundTrips, List<string> warmUps)
{
    var s = new StringBuilder();
    s.AppendLine("# Forum benchmark");
    s.AppendLine();
    s.AppendLine(conditions);
    s.AppendLine(FormattableString.Invariant($"Options: `--posts {o.Posts} --threads {o.Threads} --n {o.N} --clients {o.Clients} --rounds {o.Rounds} --window {o.Window} --reads {o.Reads} --warmup {o.Warmup}`. ")
        + "PostgreSQL, the Forum service and the clients on the same machine. The outbox daemon is paused (`IProjectionCoordinator.PauseAsync`), as in the other benches.");
    s.AppendLine();
    s.AppendLine(failures.Count == 0 ? "**Checks: passed** (every reply stored once, numbered without gaps or repeats; every read answered)." : $"**Checks FAILED**: {string.Join("; ", failures)}");
    s.AppendLine();
    s.AppendLine(BenchResults.Table(results, withScenario: true));
    s.AppendLine("## Targets");
    s.AppendLine();
    foreach (var (text, met) in targets) s.AppendLine($"- {text}: {(met ? "met" : "**missed**")}");
    s.AppendLine();
    s.AppendLine(FormattableString.Invariant($"Replies over HTTP, round by round (posts/s; the first and the last {o.Window} on their own): ")
        + string.Join(", ", posting.Rounds.Select(r => r.Rate)) + ".");
    s.AppendLine();
    s.AppendLine("Where the time goes (CPU per operation over the measured rounds: this process holds the clients, the Forum service and the floor's "
        + "server; PostgreSQL is the bench's own server, its backends included):");
    s.AppendLine();
    s.AppendLine("| scenario | path | CPU per operation |");
    s.AppendLine("|---|---|---|");
    foreach (var (scenario, path, perOperation) in cpu) s.AppendLine($"| {scenario} | {path} | {perOperation} |");
    s.AppendLine();
    s.AppendLine("Round trips to PostgreSQL per operation (one at a time, Npgsql's traced commands and batches of the operation's trace, plus its commit):");
    s.AppendLine();
    foreach (var line in roundTrips) s.AppendLine($"- {line}");
    s.AppendLine();
    s.AppendLine($"Warm-up batches of {o.Warmup} until the JIT compiled fewer than 10 methods in a batch, at most 12 (tiered re-compilation done before the rounds): {string.Join(", ", warmUps)}.");
    s.AppendLine();
    s.AppendLine("- **HTTP**: the Forum service over loopback with a member's access token (a person acting for a verified organisation, as the Forum "
        + "knows them from the Directory's events; not a newcomer): `POST /threads/{id}/posts` (the token checked, who may post, the newcomer reads, "
        + "Markdown rendered and sanitised, the thread's lock, `PostAdded` appended with the small thread snapshot and the post document in one "
        + "transaction, the post as JSON); `GET /threads/{id}/posts?after=` and `GET /boards/{id}/threads?after=` anonymous on a public board "
        + "(the board's visibility, the page, the names of authors by consent, JSON).");
    s.AppendLine($"- **{RawBaseline.PathName}** (the fair baseline): the same logical work with Npgsql on tables of the same shape, the minimal correct "
        + "way. Per reply one transaction in three round trips: `select ... for update` of the thread row batched with what the posting rules read "
        + "(the board: archived, visible; the writer: erased, their verified organisations; their first posts and posts of the last hour for the "
        + "newcomer limits), the same rules decided, the same Markdown rendering and sanitising, insert the post (organisation, source and HTML, into "
        + "the same indexes as the service's posts, full-text search included) and update the thread's count and activity in one round trip, commit. Reads: one round trip with the board's visibility and the same "
        + "keyset query on the same index (`thread_id, number` and `board_id, last_activity_at, id`) with the authors' member rows (name, "
        + "consent, erased) and organisations joined, every column read. Not done by raw: the token, HTTP and JSON (the service's own costs), "
        + "and the event log (the service appends `PostAdded` to its stream: the event store is how it keeps history and its outbox).");
    s.AppendLine($"- **{FloorPath}** (a floor, not a baseline): Kestrel in this process with one endpoint and no middleware, answering the bytes "
        + "the service answered for the same request (a POST reads the request body first), to the same kind of HttpClient: what HTTP and the "
        + "clients alone cost on this machine. No service answering over HTTP here can be faster; its ratio to raw is the ceiling of the HTTP "
        + "path's ratio.");
    s.AppendLine("- The paths take turns in rounds, so they share the machine's ups and downs alike; warm-up (JIT, connection pools) before, not counted. "
        + "The long thread and the board were filled before, not timed: on the service by appending the same domain events the API appends.");
    return s.ToString();
}

/// <summary>What the posts say: Markdown of an everyday length, a little different each time.</summary>
public static class PostBodies
{
    public static string For(int i) => FormattableString.Invariant(
        $"Beitrag {i}: Wir haben in **Bonn** gute Erfahrungen mit gemeinsamen Workshops gemacht. Siehe auch https://example.org/workshops/{i % 50}.\n\n")
        + "- Termine früh abstimmen\n- Übersetzung einplanen\n- Räume der Migrantenorganisationen nutzen";
}

sealed record BenchOptions(int Posts, int Threads, int N, int Clients, int Rounds, int Window, int Reads, int Warmup, string Results)
{
    public static BenchOptions Parse(string[] args)
    {
        var values = new BenchArgs(args);
        var options = new BenchOptions(values.Int("posts", 10_000), values.Int("threads", 5_000), values.Int("n", 2000), values.Int("clients", 32),
            values.Int("rounds", 10), values.Int("window", 300), values.Int("reads", 500), values.Int("warmup", 200), values.Results("forum-latest.md"));
        _ = Network.Bench.Rounds.Of(options.N, options.Rounds, options.Window);
        return options;
    }
}
