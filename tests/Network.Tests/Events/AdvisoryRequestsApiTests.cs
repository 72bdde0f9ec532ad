using System.Net;
using System.Text;
using System.Text.Json;
using Network.Events.AdvisoryRequests;
using Network.Events.AdvisoryRequests.Viewing;
using Network.Platform.Http;
using Network.Tests.Hosting;
using Xunit;

namespace Network.Tests.Events;

/// <summary>Advisory and training requests through the Gateway, with tokens: given this state, when this request, then this response.</summary>
public class AdvisoryRequestsApiTests(NetworkFixture fixture) : IClassFixture<NetworkFixture>
{
    const string Requests = "/api/events/advisory-requests";
    NetworkUnderTest Network => fixture.Network;
    HttpClient Staff => Network.Gateway.NewClient(Network.StaffToken);

    static string InDays(int days) => DateOnly.FromDateTime(DateTime.UtcNow.AddDays(days)).ToString("yyyy-MM-dd");

    static object NewRequest(string topic = "Founding a local network", string kind = "advice", Guid? organisationId = null) => new
    {
        topic = $"{topic} {Guid.NewGuid():N}", kind, municipalityAgs = "05314000", organisationId,
        preferredDates = new[] { InDays(10), InDays(12) }, needs = "Advice on how to bring the migrant organisations in.",
    };

    static object Session(int inDays = 14) => new
    {
        start = DateTimeOffset.UtcNow.AddDays(inDays).ToString("O"),
        end = DateTimeOffset.UtcNow.AddDays(inDays).AddHours(2).ToString("O"),
        onlineLink = "https://meet.example.org/advice",
    };

    /// <summary>A session that starts in a few seconds and lasts one: the soonest whose outcome can be recorded.</summary>
    static (object Body, DateTimeOffset End) ShortSession()
    {
        var start = DateTimeOffset.UtcNow.AddSeconds(3);
        var end = start.AddSeconds(1);
        return (new { start = start.ToString("O"), end = end.ToString("O"), onlineLink = "https://meet.example.org/advice" }, end);
    }

    /// <summary>Waits for the clock, not for the system: the session is over once its end has passed.</summary>
    static async Task UntilOver(DateTimeOffset end)
    {
        var left = end - DateTimeOffset.UtcNow;
        if (left > TimeSpan.Zero) await Task.Delay(left + TimeSpan.FromMilliseconds(200));
    }

    static async Task<AdvisoryRequest> Ask(HttpClient requester, object? body = null)
    {
        var response = await requester.PostJson(Requests, body ?? NewRequest());
        var created = await response.ReadAs<AdvisoryRequest>(HttpStatusCode.Created);
        Assert.Equal("\"1\"", response.Headers.ETag?.Tag);
        return created;
    }

    async Task<AdvisoryRequest> Step(string path, object? body = null, HttpStatusCode expected = HttpStatusCode.OK) =>
        await (await Staff.PostJson($"{Requests}/{path}", body ?? new { })).ReadAs<AdvisoryRequest>(expected);

    Task<long> StoredEvents() => HttpAssertions.StoredEvents(Network.EventsDatabase);

    [Fact]
    public async Task A_request_goes_from_received_to_closed_and_its_requester_reads_every_step()
    {
        var person = await Network.PersonAsync("Mia Member");
        var requester = Network.Gateway.NewClient(person.AccessToken);
        var asked = await Ask(requester, NewRequest(kind: "training"));
        Assert.Equal((AdvisoryRequestStatus.Received, AdvisoryKind.Training), (asked.Status, asked.Kind));

        await Step($"{asked.Id}/acceptance");
        await Step($"{asked.Id}/adviser", new { name = "Ada Adviser", subject = "staff-7" });
        var (session, end) = ShortSession();
        var scheduled = await Step($"{asked.Id}/session", session);
        Assert.Equal((AdvisoryRequestStatus.Scheduled, "https://meet.example.org/advice"), (scheduled.Status, scheduled.Session?.OnlineLink));
        await UntilOver(end);
        var closed = await Step($"{asked.Id}/closure", new { summary = "Training held; the network meets monthly." });
        Assert.Equal(AdvisoryRequestStatus.Closed, closed.Status);

        var seen = await requester.GetAsync($"{Requests}/{asked.Id}");
        Assert.Equal("\"5\"", seen.Headers.ETag?.Tag);
        Assert.Equal("Training held; the network meets monthly.", (await seen.ReadAs<AdvisoryRequest>()).OutcomeSummary);
        var history = await (await requester.GetAsync($"{Requests}/{asked.Id}/history")).ReadAs<List<AdvisoryRequestHistoryEntry>>();
        Assert.Equal(["Received", "Accepted", "AdviserAssigned", "Scheduled", "Closed"], history.Select(h => h.Change));
        Assert.Equal([IdentityUnderTest.Payload(Network.StaffToken).GetProperty("sub").GetString()], history.Skip(1).Select(h => h.By).Distinct());
        Assert.Equal(asked.RequestedBy, history[0].By);
        Assert.Equal(person.Subject, history[0].By);
    }

    [Fact]
    public async Task Nobody_but_the_requester_and_staff_sees_a_request_or_its_history()
    {
        var asked = await Ask(await Network.MemberAsync());
        var someoneElse = await Network.MemberAsync();

        await (await someoneElse.GetAsync($"{Requests}/{asked.Id}")).AssertProblem(HttpStatusCode.Forbidden);
        await (await someoneElse.GetAsync($"{Requests}/{asked.Id}/history")).AssertProblem(HttpStatusCode.Forbidden);
        await (await Network.Gateway.NewClient().GetAsync($"{Requests}/{asked.Id}")).AssertProblem(HttpStatusCode.Unauthorized);
        var others = await (await someoneElse.GetAsync(Requests)).ReadAs<Page<AdvisoryRequest>>();
        Assert.DoesNotContain(others.Items, r => r.Id == asked.Id);

        Assert.Equal(asked.Topic, (await (await Staff.GetAsync($"{Requests}/{asked.Id}")).ReadAs<AdvisoryRequest>()).Topic);
    }

    [Fact]
    public async Task Only_staff_triage_assign_schedule_and_close_and_a_refused_step_stores_nothing()
    {
        var requester = await Network.MemberAsync();
        var asked = await Ask(requester);
        var before = await StoredEvents();

        foreach (var (path, body) in new (string, object)[]
                 {
                     ("acceptance", new { }), ("decline", new { reason = "no" }), ("adviser", new { name = "Me" }),
                     ("session", Session()), ("closure", new { summary = "done" }),
                 })
            await (await requester.PostJson($"{Requests}/{asked.Id}/{path}", body)).AssertProblem(HttpStatusCode.Forbidden);

        Assert.Equal(before, await StoredEvents());
        Assert.Equal(AdvisoryRequestStatus.Received, (await (await requester.GetAsync($"{Requests}/{asked.Id}")).ReadAs<AdvisoryRequest>()).Status);
    }

    [Fact]
    public async Task Staff_list_all_requests_by_status_and_a_requester_lists_only_their_own()
    {
        var first = await Network.MemberAsync();
        var second = await Network.MemberAsync();
        var mine = await Ask(first);
        var theirs = await Ask(second);
        await Step($"{theirs.Id}/decline", new { reason = "Outside our remit." });

        var own = await (await first.GetAsync(Requests)).ReadAs<Page<AdvisoryRequest>>();
        Assert.Equal([mine.Id], own.Items.Select(r => r.Id));
        var declined = await (await Staff.GetAsync($"{Requests}?status=Declined&pageSize=100")).ReadAs<Page<AdvisoryRequest>>();
        Assert.Contains(declined.Items, r => r.Id == theirs.Id && r.DeclineReason == "Outside our remit.");
        Assert.DoesNotContain(declined.Items, r => r.Id == mine.Id);
        await (await Staff.GetAsync($"{Requests}?status=Lost")).AssertProblem(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task Asking_for_an_organisation_one_does_not_act_for_is_forbidden()
    {
        var organisation = Guid.NewGuid();
        var member = await Network.MemberAsync(organisation);
        Assert.Equal(organisation, (await Ask(member, NewRequest(organisationId: organisation))).OrganisationId);

        var before = await StoredEvents();
        await (await member.PostJson(Requests, NewRequest(organisationId: Guid.NewGuid()))).AssertProblem(HttpStatusCode.Forbidden);
        await (await Network.Gateway.NewClient().PostJson(Requests, NewRequest())).AssertProblem(HttpStatusCode.Unauthorized);
        Assert.Equal(before, await StoredEvents());
    }

    public static TheoryData<string, string, string?> BadRequests => new()
    {
        { "no topic", $$"""{"kind":"advice","municipalityAgs":"05314000","preferredDates":["{{InDays(5)}}"],"needs":"x"}""", "topic" },
        { "unknown kind", $$"""{"topic":"t","kind":"lecture","municipalityAgs":"05314000","preferredDates":["{{InDays(5)}}"],"needs":"x"}""", "kind" },
        { "AGS of no federal state", $$"""{"topic":"t","kind":"advice","municipalityAgs":"17000000","preferredDates":["{{InDays(5)}}"],"needs":"x"}""", "municipalityAgs" },
        { "a date in the past", """{"topic":"t","kind":"advice","municipalityAgs":"05314000","preferredDates":["2020-01-01"],"needs":"x"}""", "preferredDates" },
        { "not a date", """{"topic":"t","kind":"advice","municipalityAgs":"05314000","preferredDates":["soon"],"needs":"x"}""", null },
        { "over-long needs", $$"""{"topic":"t","kind":"advice","municipalityAgs":"05314000","preferredDates":["{{InDays(5)}}"],"needs":"{{new string('n', 4001)}}"}""", "needs" },
        { "not JSON", """{"topic": """, null },
    };

    [Theory]
    [MemberData(nameof(BadRequests))]
    public async Task Bad_input_gets_a_problem_response_and_stores_nothing(string why, string body, string? field)
    {
        var requester = await Network.MemberAsync();
        var before = await StoredEvents();

        var problem = await (await requester.PostAsync(Requests, new StringContent(body, Encoding.UTF8, "application/json")))
            .AssertProblem(HttpStatusCode.BadRequest);

        if (field is not null)
            Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), $"{why}: no error for '{field}' in {problem}");
        Assert.Equal(before, await StoredEvents());
    }

    [Fact]
    public async Task Illegal_transitions_are_409_bad_steps_400_unknown_ids_404_and_none_stores_anything()
    {
        var asked = await Ask(await Network.MemberAsync());
        var before = await StoredEvents();

        await (await Staff.PostJson($"{Requests}/{asked.Id}/session", Session())).AssertProblem(HttpStatusCode.Conflict);
        await (await Staff.PostJson($"{Requests}/{asked.Id}/closure", new { summary = "done" })).AssertProblem(HttpStatusCode.Conflict);
        await (await Staff.PostJson($"{Requests}/{asked.Id}/adviser", new { name = "Ada" })).AssertProblem(HttpStatusCode.Conflict);
        await (await Staff.PostJson($"{Requests}/{asked.Id}/decline", new { reason = "" })).AssertProblem(HttpStatusCode.BadRequest);
        var unknown = Guid.NewGuid();
        await (await Staff.GetAsync($"{Requests}/{unknown}")).AssertProblem(HttpStatusCode.NotFound);
        await (await Staff.PostJson($"{Requests}/{unknown}/acceptance", new { })).AssertProblem(HttpStatusCode.NotFound);

        Assert.Equal(before, await StoredEvents());
    }

    [Fact]
    public async Task A_stale_if_match_is_a_412_and_changes_nothing()
    {
        var asked = await Ask(await Network.MemberAsync());
        await Step($"{asked.Id}/acceptance");

        var stale = new HttpRequestMessage(HttpMethod.Post, $"{Requests}/{asked.Id}/decline")
        {
            Content = new StringContent("""{"reason":"Too late"}""", Encoding.UTF8, "application/json"),
        };
        stale.Headers.TryAddWithoutValidation("If-Match", "\"1\"");
        await (await Staff.SendAsync(stale)).AssertProblem(HttpStatusCode.PreconditionFailed);

        var current = new HttpRequestMessage(HttpMethod.Post, $"{Requests}/{asked.Id}/adviser")
        {
            Content = new StringContent("""{"name":"Ada Adviser"}""", Encoding.UTF8, "application/json"),
        };
        current.Headers.TryAddWithoutValidation("If-Match", "\"2\"");
        var assigned = await Staff.SendAsync(current);
        Assert.Equal("\"3\"", assigned.Headers.ETag?.Tag);
        var state = await (await Staff.GetAsync($"{Requests}/{asked.Id}")).ReadAs<AdvisoryRequest>();
        Assert.Equal((AdvisoryRequestStatus.Accepted, "Ada Adviser", (string?)null), (state.Status, state.Adviser?.Name, state.DeclineReason));
    }

    [Fact]
    public async Task Scheduling_for_an_organisation_the_directory_knows_creates_a_draft_event_of_kind_advisory_session()
    {
        var registered = await (await Staff.PostJson("/api/directory/organisations", new
        {
            name = $"Afrika Forum Bonn {Guid.NewGuid():N}", kind = "MigrantOrganisation", municipalityAgs = "05314000", shortDescription = "Development work.",
        })).ReadAs<System.Text.Json.JsonElement>(HttpStatusCode.Created);
        var organisation = registered.GetProperty("id").GetGuid();
        var asked = await Ask(await Network.MemberAsync(organisation), NewRequest(organisationId: organisation));
        await Step($"{asked.Id}/acceptance");
        await Step($"{asked.Id}/adviser", new { name = "Ada Adviser" });

        // The organisation reaches the Events service over the broker; until then the organiser is unknown (409, nothing stored).
        var response = await Eventually.Until(
            () => Staff.PostJson($"{Requests}/{asked.Id}/session", Session()),
            r => r.StatusCode != HttpStatusCode.Conflict, TimeSpan.FromSeconds(30), "the organisation to be known to the Events service");
        var scheduled = await response.ReadAs<AdvisoryRequest>();
        Assert.Equal("\"4\"", response.Headers.ETag?.Tag);

        var eventId = Assert.IsType<Guid>(scheduled.Session?.EventId);
        var created = await (await Staff.GetAsync($"/api/events/events/{eventId}")).ReadAs<System.Text.Json.JsonElement>();
        Assert.Equal(("AdvisorySession", "Draft", organisation), (created.GetProperty("kind").GetString(), created.GetProperty("status").GetString(),
            created.GetProperty("organiserId").GetGuid()));
        Assert.Equal(asked.Topic, created.GetProperty("title").GetProperty("de").GetString());
    }

    /// <summary>A request from an organisation the Events service knows, accepted with an adviser: its session becomes a draft event.</summary>
    async Task<AdvisoryRequest> ReadyToScheduleAsEvent()
    {
        var organisation = await NetworkEventTestSupport.KnownOrganiser(Network);
        var asked = await Ask(await Network.MemberAsync(organisation), NewRequest(organisationId: organisation));
        await Step($"{asked.Id}/acceptance");
        await Step($"{asked.Id}/adviser", new { name = "Ada Adviser" });
        return asked;
    }

    async Task<string?> EventStatus(Guid eventId) =>
        (await (await Staff.GetAsync($"/api/events/events/{eventId}")).ReadAs<System.Text.Json.JsonElement>()).GetProperty("status").GetString();

    [Fact]
    public async Task Recording_the_outcome_two_weeks_before_the_session_is_a_409_and_the_request_and_its_draft_event_stay_as_they_were()
    {
        var asked = await ReadyToScheduleAsEvent();
        var scheduled = await Step($"{asked.Id}/session", Session(inDays: 14));
        var eventId = Assert.IsType<Guid>(scheduled.Session?.EventId);
        var before = await StoredEvents();

        var refused = await (await Staff.PostJson($"{Requests}/{asked.Id}/closure", new { summary = "Training held." })).AssertProblem(HttpStatusCode.Conflict);

        Assert.Contains("has not taken place yet", refused.GetProperty("detail").GetString());
        Assert.Equal(before, await StoredEvents());
        var seen = await Staff.GetAsync($"{Requests}/{asked.Id}");
        Assert.Equal("\"4\"", seen.Headers.ETag?.Tag);
        var request = await seen.ReadAs<AdvisoryRequest>();
        Assert.Equal((AdvisoryRequestStatus.Scheduled, (string?)null, (DateTimeOffset?)null), (request.Status, request.OutcomeSummary, request.ClosedAt));
        var history = await (await Staff.GetAsync($"{Requests}/{asked.Id}/history")).ReadAs<List<AdvisoryRequestHistoryEntry>>();
        Assert.Equal(["Received", "Accepted", "AdviserAssigned", "Scheduled"], history.Select(h => h.Change));
        Assert.Equal("Draft", await EventStatus(eventId));
    }

    [Fact]
    public async Task Recording_the_outcome_after_the_session_closes_the_request_and_cancels_the_draft_event_nobody_published()
    {
        var asked = await ReadyToScheduleAsEvent();
        var (session, end) = ShortSession();
        var eventId = Assert.IsType<Guid>((await Step($"{asked.Id}/session", session)).Session?.EventId);
        await UntilOver(end);

        var closed = await Step($"{asked.Id}/closure", new { summary = "Training held; the network meets monthly." });

        Assert.Equal(AdvisoryRequestStatus.Closed, closed.Status);
        Assert.Equal("Cancelled", await EventStatus(eventId));
        await (await Staff.PostAsync($"/api/events/events/{eventId}/publication", null)).AssertProblem(HttpStatusCode.Conflict);

        // Nobody ever published it: the public does not see it (nor the request's topic, its title), cancelled or not.
        var anonymous = Network.Gateway.NewClient();
        await (await anonymous.GetAsync($"/api/events/events/{eventId}")).AssertProblem(HttpStatusCode.NotFound);
        await (await anonymous.GetAsync($"/api/events/events/{eventId}.ics")).AssertProblem(HttpStatusCode.NotFound);
        var listed = await (await anonymous.GetAsync("/api/events/events?pageSize=100")).ReadAs<JsonElement>();
        Assert.DoesNotContain(listed.GetProperty("items").EnumerateArray(), e => e.GetProperty("id").GetGuid() == eventId);
    }
}
