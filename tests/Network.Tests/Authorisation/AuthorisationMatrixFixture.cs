using System.Net;
using System.Text.Json;
using Network.Tests.Hosting;
using Network.Tests.Identity;
using Npgsql;
using Xunit;
using static Network.Tests.Events.NetworkEventTestSupport;

namespace Network.Tests.Authorisation;

/// <summary>The six kinds of caller every write endpoint is tried with.</summary>
public enum Caller { Anonymous, MemberOfA, MemberOfB, Coordinator, Staff, Partner }

/// <summary>
/// One write endpoint: its route as the service maps it (with the gateway's prefix), the request that reaches it with
/// real targets and a valid body, and the callers that may succeed. Every other caller must be refused.
/// </summary>
/// <param name="HiddenFrom">why the endpoint answers 404 rather than 403 to a signed-in caller it refuses (it hides that the target exists).</param>
public sealed record MatrixRow(string Method, string Route, string Path, object? Body, IReadOnlySet<Caller> Allowed, string? HiddenFrom = null)
{
    public string Service => Route.Split('/')[2];
    public override string ToString() => $"{Method} {Path}";
}

/// <summary>A write endpoint open to everybody on purpose: the body carries the credential (a password, a one-time token).</summary>
public sealed record OpenEndpoint(string Method, string Route, string Reason);

/// <summary>The real things the matrix's requests name: ids of organisations, people, events and so on.</summary>
public sealed record MatrixTargets
{
    public required Guid A { get; init; }
    public required string AName { get; init; }
    public required Guid B { get; init; }
    public required Guid C { get; init; }
    /// <summary>Verified, a member of L (not its coordinator): the organisation the remove-member row takes out.</summary>
    public required Guid D { get; init; }
    /// <summary>Pending: for verification.</summary>
    public required Guid Pending { get; init; }
    /// <summary>Pending: for rejection.</summary>
    public required Guid PendingToReject { get; init; }
    public required Guid Rejected { get; init; }
    /// <summary>An out-of-sight (shadow) profile and the token of an open invitation to claim it.</summary>
    public required Guid Shadow { get; init; }
    public required string ClaimToken { get; init; }
    /// <summary>The local network C coordinates.</summary>
    public required Guid L { get; init; }
    /// <summary>Recorded in the Directory, a member of A, with a consent to directory-contact; known to the provider, no account.</summary>
    public required Invitations.Invitee P { get; init; }
    /// <summary>Recorded in the Directory, a member of nothing: the person the add-member row adds.</summary>
    public required Guid Joining { get; init; }
    /// <summary>Recorded in the Directory: the person the erasure row erases.</summary>
    public required Guid ToErase { get; init; }
    public required string PartnershipAgs { get; init; }
    public required Guid Partnership { get; init; }
    /// <summary>Published, started half an hour ago, registration open, capacity 50.</summary>
    public required Guid E { get; init; }
    public required DateTimeOffset EStart { get; init; }
    public required DateTimeOffset EEnd { get; init; }
    public required Guid Draft { get; init; }
    public required Guid Held { get; init; }
    /// <summary>A confirmed registration on E of someone who is none of the callers, not checked in.</summary>
    public required Guid Registration { get; init; }
    /// <summary>A confirmed registration on E that staff checked in.</summary>
    public required Guid CheckedIn { get; init; }
    public required Guid AdviceReceived { get; init; }
    /// <summary>Accepted, with an adviser: ready to be scheduled.</summary>
    public required Guid AdviceAccepted { get; init; }
    public required Guid AdviceScheduled { get; init; }
    /// <summary>The account of the registrant (a person who is none of the callers).</summary>
    public required string Account { get; init; }
    /// <summary>A partner client that is not the partner caller.</summary>
    public required Guid PartnerToRevoke { get; init; }
    /// <summary>A public thematic board of the Forum with a thread staff started (its first post staff's), and a second board to move it to.</summary>
    public required Guid ForumBoard { get; init; }
    public required Guid ForumOtherBoard { get; init; }
    public required Guid ForumThread { get; init; }
    public required Guid ForumPost { get; init; }
    /// <summary>Knowledge items of A, drafted by staff for A: one per state the workflow's write endpoints start from.</summary>
    public required Guid KnowledgeDraft { get; init; }
    public required Guid KnowledgeSubmitted { get; init; }
    public required Guid KnowledgeInReview { get; init; }
    public required Guid KnowledgePublished { get; init; }
    /// <summary>A publication of A in draft: for the file upload.</summary>
    public required Guid KnowledgePublication { get; init; }
    /// <summary>The partner caller's webhook subscription (paused, so nothing is sent) and a delivery queued for it.</summary>
    public required Guid PartnerSubscription { get; init; }
    public required Guid PartnerDelivery { get; init; }
}

/// <summary>
/// One network for the whole matrix, the targets every endpoint needs (created by staff through the gateway) and the
/// six callers' tokens. It ends when every service's database has stopped changing, so a change seen during the
/// matrix is the change of the request that was just sent.
/// </summary>
public sealed class AuthorisationMatrixFixture : IAsyncLifetime
{
    public static readonly IReadOnlyList<Caller> Callers = Enum.GetValues<Caller>();
    public static readonly IReadOnlyList<string> PartnerScopes = ["directory", "forum", "events", "knowledge", "partners"];

    public NetworkUnderTest Network { get; private set; } = null!;
    public MatrixTargets Targets { get; private set; } = null!;
    public IReadOnlyDictionary<Caller, string?> Tokens { get; private set; } = null!;

    public HttpClient Client(Caller caller) => Network.Gateway.NewClient(Tokens[caller]);

    /// <summary>The services whose audience the caller's token carries (none for anonymous), read from the token itself.</summary>
    public IReadOnlySet<string> Audiences(Caller caller) => Tokens[caller] is { } token
        ? AccountsTests.Values(IdentityUnderTest.Payload(token), "aud").ToHashSet()
        : new HashSet<string>();

    public IReadOnlyList<(string Name, string ConnectionString)> Databases =>
    [
        ("directory", Network.DirectoryDatabase), ("events", Network.EventsDatabase),
        ("forum", Network.ForumDatabase), ("identity", Network.Identity.Database), ("knowledge", Network.KnowledgeDatabase),
        ("partners", Network.PartnersDatabase),
    ];

    public async Task InitializeAsync()
    {
        Network = await NetworkUnderTest.StartAsync();
        var staff = Network.Staff();

        var a = await Network.RegisterOrganisationAsync(Unique("Verein A"));
        var b = await Network.RegisterOrganisationAsync(Unique("Verein B"));
        var c = await Network.RegisterOrganisationAsync(Unique("Verein C"));
        var d = await Network.RegisterOrganisationAsync(Unique("Verein D"));
        var pending = await RegisterPendingAsync(staff, "Pending");
        var toReject = await RegisterPendingAsync(staff, "To reject");
        var rejected = await RegisterPendingAsync(staff, "Rejected");
        await (await staff.PostJson($"/api/directory/organisations/{rejected}/rejection", new { reason = "No statutes attached." })).AssertSuccess();

        var shadow = (await (await staff.PostJson("/api/directory/organisations/out-of-sight", new
        {
            name = Unique("Out of sight"), kind = "MigrantOrganisation", municipalityAgs = "14713000", shortDescription = "Not on the platform yet.",
        })).ReadAs<JsonElement>(HttpStatusCode.Created)).GetProperty("id").GetGuid();
        var claimToken = (await (await staff.PostAsync($"/api/directory/organisations/{shadow}/invitations", null))
            .ReadAs<JsonElement>(HttpStatusCode.Created)).GetProperty("token").GetString()!;

        var network = (await (await staff.PostJson("/api/directory/local-networks", new
        {
            name = Unique("Netzwerk L"), municipalityAgs = "14713000", coordinatorOrganisationId = c.Id, initiatedOn = DaysAgo(30),
        })).ReadAs<JsonElement>(HttpStatusCode.Created)).GetProperty("id").GetGuid();
        await (await staff.PostJson($"/api/directory/local-networks/{network}/members", new { organisationId = d.Id })).AssertSuccess();

        var p = await Network.RecordPersonAsync("Pia Person", a.Id);
        await (await staff.PostJson($"/api/directory/people/{p.PersonId}/consents", new { purpose = "directory-contact", wordingVersion = "2025-01" }))
            .AssertSuccess();
        var joining = await Network.RecordPersonAsync("Jo Joining");
        var toErase = await Network.RecordPersonAsync("Erik Erased", a.Id);

        const string partnershipAgs = "05314000";
        var partnership = (await (await staff.PostJson($"/api/directory/municipalities/{partnershipAgs}/partnerships", new
        {
            partnerName = "Cape Coast", partnerCountry = "GH", since = "2012-05-01", topics = new[] { "water" }, notes = "For the matrix.",
        })).ReadAs<JsonElement>(HttpStatusCode.Created)).GetProperty("id").GetGuid();

        // The Events service learns organisers, the provider learns people and coordinators, from the Directory's events.
        await WaitForRowAsync(Network.EventsDatabase, $"mt_doc_knownorganisation where id = '{a.Id}'", "the Events service to know A");
        await WaitForRowAsync(Network.Identity.Database, $"mt_doc_knownperson where id = '{p.PersonId}'", "the provider to know P");

        var now = DateTimeOffset.UtcNow;
        var start = new DateTimeOffset(now.Ticks - now.Ticks % TimeSpan.TicksPerSecond, TimeSpan.Zero).AddMinutes(-30).ToOffset(Berlin);
        var end = now.AddHours(7).ToOffset(Berlin);
        var ongoing = EventBody(a.Id, capacity: 50, start: start, end: end, opens: now.AddHours(-2), closes: now.AddHours(6));
        var e = await CreatePublished(staff, ongoing);
        var draft = await Create(staff, EventBody(a.Id));
        var held = await CreatePublished(staff, ongoing);
        await (await staff.PostAsync($"{Api}/events/{held.Id}/held", null)).AssertSuccess();

        var registrant = await Network.PersonAsync("Rita Registrant");
        var registrantClient = Network.Gateway.NewClient(registrant.AccessToken);
        var registration = await RegisterAsync(registrantClient, e.Id);
        var checkedIn = await RegisterAsync(Network.Gateway.NewClient((await Network.PersonAsync("Ben Checked-In")).AccessToken), e.Id);
        await (await staff.PostJson($"{Api}/events/{e.Id}/attendance", new { registrationId = checkedIn })).AssertSuccess();

        var adviceReceived = await RequestAdviceAsync(registrantClient);
        var adviceAccepted = await RequestAdviceAsync(registrantClient);
        await (await staff.PostJson($"{Api}/advisory-requests/{adviceAccepted}/acceptance", new { })).AssertSuccess();
        await (await staff.PostJson($"{Api}/advisory-requests/{adviceAccepted}/adviser", new { name = "Ada Adviser" })).AssertSuccess();
        var adviceScheduled = await RequestAdviceAsync(registrantClient);
        await (await staff.PostJson($"{Api}/advisory-requests/{adviceScheduled}/acceptance", new { })).AssertSuccess();
        await (await staff.PostJson($"{Api}/advisory-requests/{adviceScheduled}/adviser", new { name = "Ada Adviser" })).AssertSuccess();
        await (await staff.PostJson($"{Api}/advisory-requests/{adviceScheduled}/session", Session(14))).AssertSuccess();

        // The Forum: a thematic board with a thread of staff's, a board to move it to; L's board opened from the Directory's event.
        var forumBoard = await ForumBoardAsync(staff, "Matrix board");
        var forumOtherBoard = await ForumBoardAsync(staff, "Matrix board 2");
        var forumThread = (await (await staff.PostJson($"/api/forum/boards/{forumBoard}/threads", new { title = "Matrix thread", body = "First post.", language = "en" }))
            .ReadAs<JsonElement>(HttpStatusCode.Created));
        await WaitForRowAsync(Network.ForumDatabase, $"mt_doc_board where id = '{network}'", "the Forum to open L's board");

        // Knowledge: items of A in the states the workflow's endpoints start from.
        var knowledgeDraft = await KnowledgeItemAsync(staff, a.Id, "Draft");
        var knowledgeSubmitted = await KnowledgeItemAsync(staff, a.Id, "Submitted");
        var knowledgeInReview = await KnowledgeItemAsync(staff, a.Id, "InReview");
        var knowledgePublished = await KnowledgeItemAsync(staff, a.Id, "Published");
        var knowledgePublication = (await (await staff.PostJson("/api/knowledge/items", new
        {
            type = "Publication", organisationId = a.Id,
            content = new { title = new { de = "Matrix-Leitfaden" }, publication = new { authors = new[] { "M. Matrix" }, year = 2025 } },
        })).ReadAs<JsonElement>(HttpStatusCode.Created)).GetProperty("id").GetGuid();

        var partnerCaller = await Identity.Partners.CreateAsync(Network, "Matrix partner", [.. PartnerScopes]);
        var partnerToRevoke = await Identity.Partners.CreateAsync(Network, "Partner to revoke", "events");
        var partnerToken = await Identity.Partners.ClientCredentialsAsync(Network, partnerCaller);
        var (partnerSubscription, partnerDelivery) = await PausedSubscriptionWithADeliveryAsync(Network.Gateway.NewClient(partnerToken));

        Targets = new MatrixTargets
        {
            A = a.Id, AName = a.Name, B = b.Id, C = c.Id, D = d.Id, Pending = pending, PendingToReject = toReject, Rejected = rejected,
            Shadow = shadow, ClaimToken = claimToken, L = network, P = p, Joining = joining.PersonId, ToErase = toErase.PersonId,
            PartnershipAgs = partnershipAgs, Partnership = partnership, E = e.Id, EStart = start, EEnd = end, Draft = draft.Id, Held = held.Id,
            Registration = registration, CheckedIn = checkedIn, AdviceReceived = adviceReceived, AdviceAccepted = adviceAccepted,
            AdviceScheduled = adviceScheduled, Account = registrant.Subject, PartnerToRevoke = partnerToRevoke.Id,
            ForumBoard = forumBoard, ForumOtherBoard = forumOtherBoard, ForumThread = forumThread.GetProperty("id").GetGuid(),
            ForumPost = forumThread.GetProperty("firstPost").GetProperty("id").GetGuid(),
            KnowledgeDraft = knowledgeDraft, KnowledgeSubmitted = knowledgeSubmitted, KnowledgeInReview = knowledgeInReview,
            KnowledgePublished = knowledgePublished, KnowledgePublication = knowledgePublication,
            PartnerSubscription = partnerSubscription, PartnerDelivery = partnerDelivery,
        };

        Tokens = new Dictionary<Caller, string?>
        {
            [Caller.Anonymous] = null,
            [Caller.MemberOfA] = (await Network.PersonAsync("Mia Member-of-A", a.Id)).AccessToken,
            [Caller.MemberOfB] = (await Network.PersonAsync("Bo Member-of-B", b.Id)).AccessToken,
            [Caller.Coordinator] = await CoordinatorTokenAsync(c.Id),
            [Caller.Staff] = Network.StaffToken,
            [Caller.Partner] = partnerToken,
        };
        var partnerAudiences = Audiences(Caller.Partner);
        Assert.True(partnerAudiences.SetEquals(PartnerScopes), $"The partner caller's token is for [{string.Join(", ", partnerAudiences)}].");

        await DatabaseStates.SettleAsync(Databases);
    }

    /// <summary>
    /// A webhook subscription of the partner to a loopback port nobody listens on, paused at once (nothing is sent, so the
    /// databases settle), and the delivery queued for it when one more organisation is verified.
    /// </summary>
    async Task<(Guid Subscription, Guid Delivery)> PausedSubscriptionWithADeliveryAsync(HttpClient partner)
    {
        var subscription = (await (await partner.PostJson("/api/partners/subscriptions", new
        {
            url = "http://127.0.0.1:9/matrix", eventTypes = new[] { "network.directory.organisation.verified.v1" },
        })).ReadAs<JsonElement>(HttpStatusCode.Created)).GetProperty("id").GetGuid();
        await (await partner.PostAsync($"/api/partners/subscriptions/{subscription}/pause", null)).AssertSuccess();
        await Network.RegisterOrganisationAsync(Unique("Verein Webhook"));
        var deliveries = await Eventually.Until(
            async () => await (await partner.GetAsync($"/api/partners/subscriptions/{subscription}/deliveries")).ReadAs<JsonElement>(),
            page => page.GetProperty("items").GetArrayLength() > 0, TimeSpan.FromSeconds(30), "a delivery queued for the paused subscription");
        return (subscription, deliveries.GetProperty("items")[0].GetProperty("id").GetGuid());
    }

    /// <summary>A good practice drafted by staff for <paramref name="organisation"/>, taken through the workflow up to <paramref name="state"/>.</summary>
    static async Task<Guid> KnowledgeItemAsync(HttpClient staff, Guid organisation, string state)
    {
        var item = (await (await staff.PostJson("/api/knowledge/items", new
        {
            type = "GoodPractice", organisationId = organisation, content = KnowledgeContent($"Matrix {state}"),
        })).ReadAs<JsonElement>(HttpStatusCode.Created)).GetProperty("id").GetGuid();
        var url = $"/api/knowledge/items/{item}";
        if (state == "Draft") return item;
        await (await staff.PostAsync($"{url}/submission", null)).AssertSuccess();
        if (state == "Submitted") return item;
        await (await staff.PostAsync($"{url}/review", null)).AssertSuccess();
        if (state == "InReview") return item;
        await (await staff.PostJson($"{url}/publication", new { revision = 1 })).AssertSuccess();
        return item;
    }

    public static object KnowledgeContent(string title) => new
    {
        title = new { de = title, en = title },
        summary = new { de = "Für die Matrix.", en = "For the matrix." },
        sections = new Dictionary<string, object> { ["activities"] = new { de = "Werkstätten", en = "Workshops" } },
        themes = new[] { "education" },
    };

    /// <summary>
    /// The provider learns that C coordinates L from the Directory's LocalNetworkCreated; until then a token of a person
    /// acting for C says member only. Waits for a fresh token that says coordinator.
    /// </summary>
    async Task<string> CoordinatorTokenAsync(Guid coordinatingOrganisation)
    {
        await WaitForRowAsync(Network.Identity.Database,
            $"mt_doc_coordinatingorganisation where data->>'OrganisationId' = '{coordinatingOrganisation}'", "the provider to know that C coordinates L");
        var coordinator = await Eventually.Until(() => Network.PersonAsync("Cora Coordinator", coordinatingOrganisation),
            signedIn => AccountsTests.Values(IdentityUnderTest.Payload(signedIn.AccessToken), "role").Contains("coordinator"),
            TimeSpan.FromSeconds(30), "a token of a person acting for C with the coordinator role");
        return coordinator.AccessToken;
    }

    static async Task<Guid> ForumBoardAsync(HttpClient staff, string name) =>
        (await (await staff.PostJson("/api/forum/boards", new { name = new { de = Unique(name), en = Unique(name) } }))
            .ReadAs<JsonElement>(HttpStatusCode.Created)).GetProperty("id").GetGuid();

    static async Task<Guid> RegisterPendingAsync(HttpClient staff, string name) =>
        (await (await staff.PostJson("/api/directory/organisations", new
        {
            name = Unique(name), kind = "MigrantOrganisation", municipalityAgs = "14713000", shortDescription = "Waiting for staff.",
        })).ReadAs<JsonElement>(HttpStatusCode.Created)).GetProperty("id").GetGuid();

    static async Task<Guid> RegisterAsync(HttpClient person, Guid eventId) =>
        (await (await person.PostJson($"{Api}/events/{eventId}/registrations", new { }))
            .ReadAs<JsonElement>(HttpStatusCode.Created)).GetProperty("registrationId").GetGuid();

    static async Task<Guid> RequestAdviceAsync(HttpClient person) =>
        (await (await person.PostJson($"{Api}/advisory-requests", AdviceRequest(null)))
            .ReadAs<JsonElement>(HttpStatusCode.Created)).GetProperty("id").GetGuid();

    public static object AdviceRequest(Guid? organisationId) => new
    {
        topic = Unique("Founding a local network"), kind = "Advice", municipalityAgs = "05314000", organisationId,
        preferredDates = new[] { DaysAhead(10), DaysAhead(12) }, needs = "Advice on bringing the migrant organisations in.",
    };

    public static object Session(int inDays) => new
    {
        start = DateTimeOffset.UtcNow.AddDays(inDays),
        end = DateTimeOffset.UtcNow.AddDays(inDays).AddHours(2),
        onlineLink = "https://meet.example.org/advice",
    };

    public static string Unique(string name) => $"{name} {Guid.NewGuid():N}"[..(name.Length + 9)];
    public static string DaysAgo(int days) => DateOnly.FromDateTime(DateTime.UtcNow.AddDays(-days)).ToString("yyyy-MM-dd");
    static string DaysAhead(int days) => DateOnly.FromDateTime(DateTime.UtcNow.AddDays(days)).ToString("yyyy-MM-dd");

    static Task WaitForRowAsync(string database, string where, string what) => Eventually.Until(
        async () =>
        {
            try { return await HttpAssertions.CountRows(database, where); }
            catch (PostgresException) { return 0L; } // a document table is created with its first document
        },
        n => n >= 1, TimeSpan.FromSeconds(30), what);

    public async Task DisposeAsync() => await Network.DisposeAsync();
}

/// <summary>
/// What is stored in a service's database, to tell whether a request stored anything: the domain events (as
/// <see cref="HttpAssertions.StoredEvents"/> counts them) and, per table, the rows and the newest writing transaction
/// (xmin), so an insert, update or delete of a document or an Identity row shows too, not only an appended event.
/// </summary>
public sealed record DatabaseState(string Name, long Events, IReadOnlyDictionary<string, (long Rows, long LastWrite)> Tables)
{
    /// <summary>Written by the async daemon as it runs, whatever the requests do.</summary>
    static readonly string[] Bookkeeping = ["mt_event_progression"];

    public static async Task<DatabaseState> ReadAsync(string name, string connectionString)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        var tables = new List<(string Schema, string Table)>();
        await using (var list = new NpgsqlCommand(
            "select table_schema, table_name from information_schema.tables where table_type = 'BASE TABLE' " +
            "and table_schema not in ('pg_catalog', 'information_schema') order by 1, 2", connection))
        await using (var reader = await list.ExecuteReaderAsync())
            while (await reader.ReadAsync())
                tables.Add((reader.GetString(0), reader.GetString(1)));

        var counted = tables.Where(t => !Bookkeeping.Contains(t.Table)).ToList();
        var rows = new Dictionary<string, (long, long)>();
        if (counted.Count > 0)
        {
            // Marten's tombstones fill the sequence gaps of rolled-back appends: not a change (as StoredEvents says).
            var sql = string.Join(" union all ", counted.Select(t =>
                $"select '{t.Schema}.{t.Table}', count(*), coalesce(max(xmin::text::bigint), 0) from \"{t.Schema}\".\"{t.Table}\""
                + (t.Table == "mt_events" ? " where type <> 'tombstone'" : "")));
            await using var count = new NpgsqlCommand(sql, connection);
            await using var reader = await count.ExecuteReaderAsync();
            while (await reader.ReadAsync())
                rows[reader.GetString(0)] = (reader.GetInt64(1), reader.GetInt64(2));
        }
        var events = tables.Any(t => t.Table == "mt_events") ? await HttpAssertions.StoredEvents(connectionString) : 0;
        return new DatabaseState(name, events, rows);
    }

    /// <summary>What changed from <paramref name="before"/> to this state, in words; empty when nothing did.</summary>
    public IReadOnlyList<string> ChangesSince(DatabaseState before)
    {
        var changes = new List<string>();
        if (Events != before.Events) changes.Add($"{Name}: {Events - before.Events:+#;-#} event(s) stored");
        foreach (var table in Tables.Keys.Union(before.Tables.Keys).Order())
        {
            var was = before.Tables.GetValueOrDefault(table);
            var now = Tables.GetValueOrDefault(table);
            if (was != now)
                changes.Add($"{Name}: {table} {(now.Rows == was.Rows ? "rows updated" : $"{now.Rows - was.Rows:+#;-#} row(s)")}");
        }
        return changes;
    }
}

public static class DatabaseStates
{
    public static async Task<IReadOnlyList<DatabaseState>> ReadAsync(IEnumerable<(string Name, string ConnectionString)> databases) =>
        await Task.WhenAll(databases.Select(d => DatabaseState.ReadAsync(d.Name, d.ConnectionString)));

    public static IReadOnlyList<string> Changes(IReadOnlyList<DatabaseState> before, IReadOnlyList<DatabaseState> after) =>
        after.Zip(before, (now, was) => now.ChangesSince(was)).SelectMany(c => c).ToList();

    /// <summary>
    /// Waits until no database changes for two seconds: the integration events of what was done before (the fixture, a
    /// request that should have been refused) have been consumed everywhere, and the next comparison sees only its own request.
    /// </summary>
    public static async Task SettleAsync(IReadOnlyList<(string Name, string ConnectionString)> databases)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
        var last = await ReadAsync(databases);
        var quietSince = DateTime.UtcNow;
        while (DateTime.UtcNow - quietSince < TimeSpan.FromSeconds(2))
        {
            if (DateTime.UtcNow > deadline)
                throw new TimeoutException("The databases kept changing for 60 s: " + string.Join("; ", Changes(last, await ReadAsync(databases))));
            await Task.Delay(250);
            var now = await ReadAsync(databases);
            if (Changes(last, now).Count > 0) quietSince = DateTime.UtcNow;
            last = now;
        }
    }
}
