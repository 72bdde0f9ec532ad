using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Network.Directory.LocalNetworks;
using Network.Directory.LocalNetworks.Viewing;
using Network.Directory.Organisations.Viewing;
using Network.Platform.Http;
using Network.Tests.Hosting;
using Xunit;

namespace Network.Tests.Directory;

/// <summary>Local networks: creation, members, stages and milestones, through the Gateway with tokens, on the real services.</summary>
public class LocalNetworksApiTests(NetworkFixture fixture) : IClassFixture<NetworkFixture>
{
    NetworkUnderTest Network => fixture.Network;
    HttpClient Staff => Network.Gateway.NewClient(Network.StaffToken);
    HttpClient Anonymous => Network.Gateway.NewClient();
    Task<HttpClient> MemberOf(params Guid[] organisations) => Network.MemberAsync(organisations);

    static StringContent Json(string body) => new(body, Encoding.UTF8, "application/json");

    Task<long> Events() => HttpAssertions.StoredEvents(Network.DirectoryDatabase);

    async Task<Guid> Organisation(string ags = "05314000", bool verified = true, string kind = "MigrantOrganisation")
    {
        var organisation = await (await Staff.PostJson("/api/directory/organisations", new
        {
            name = $"Verein {Guid.NewGuid():N}", kind, municipalityAgs = ags, shortDescription = "Development work, locally.",
        })).ReadAs<OrganisationResponse>(HttpStatusCode.Created);
        if (verified) (await Staff.PostAsync($"/api/directory/organisations/{organisation.Id}/verification", null)).EnsureSuccessStatusCode();
        return organisation.Id;
    }

    static object NewNetwork(Guid coordinator, string ags = "05314000", string? name = null, string initiatedOn = "2026-01-15") =>
        new { name = name ?? $"Netzwerk {Guid.NewGuid():N}", municipalityAgs = ags, coordinatorOrganisationId = coordinator, initiatedOn };

    static async Task<(LocalNetworkResponse Network, string ETag)> Create(HttpClient client, object body)
    {
        var response = await client.PostJson("/api/directory/local-networks", body);
        var network = await response.ReadAs<LocalNetworkResponse>(HttpStatusCode.Created);
        Assert.Equal($"/api/directory/local-networks/{network.Id}", response.Headers.Location?.OriginalString);
        return (network, response.Headers.ETag!.Tag);
    }

    static HttpRequestMessage Request(HttpMethod method, string url, string? body = null, string? ifMatch = null)
    {
        var request = new HttpRequestMessage(method, url) { Content = body is null ? null : Json(body) };
        if (ifMatch is not null) request.Headers.IfMatch.Add(new EntityTagHeaderValue(ifMatch));
        return request;
    }

    static Task<HttpResponseMessage> ChangeStage(HttpClient client, Guid id, string stage, string on = "2026-02-01", string? ifMatch = null, string note = "It happened.") =>
        client.SendAsync(Request(HttpMethod.Post, $"/api/directory/local-networks/{id}/stage",
            JsonSerializer.Serialize(new { stage, on, note }), ifMatch));

    [Fact]
    public async Task Staff_create_a_network_that_starts_initiated_with_its_coordinator_and_anybody_can_read_it()
    {
        var coordinator = await Organisation();
        var (created, etag) = await Create(Staff, NewNetwork(coordinator));

        Assert.Equal("\"2\"", etag); // created + the coordinator joined
        var response = await Anonymous.GetAsync($"/api/directory/local-networks/{created.Id}");
        Assert.Equal("\"2\"", response.Headers.ETag?.Tag);
        var read = await response.ReadAs<LocalNetworkResponse>();
        Assert.Equal((LocalNetworkStage.Initiated, coordinator, "05314000"), (read.Stage, read.CoordinatorOrganisationId, read.MunicipalityAgs));
        Assert.Equal([coordinator], read.MemberOrganisationIds);
        Assert.Equal(new DateOnly(2026, 1, 15), read.InitiatedOn);
        Assert.StartsWith("Verein ", read.CoordinatorName);
    }

    [Fact]
    public async Task A_member_creates_a_network_only_for_their_own_organisation()
    {
        var own = await Organisation();
        var other = await Organisation();
        var member = await MemberOf(own);

        var (created, _) = await Create(member, NewNetwork(own));
        Assert.Equal(own, created.CoordinatorOrganisationId);

        var before = await Events();
        await (await member.PostJson("/api/directory/local-networks", NewNetwork(other))).AssertProblem(HttpStatusCode.Forbidden);
        await (await Anonymous.PostJson("/api/directory/local-networks", NewNetwork(own))).AssertProblem(HttpStatusCode.Unauthorized);
        Assert.Equal(before, await Events());
    }

    [Fact]
    public async Task Networks_are_listed_by_municipality_stage_and_member()
    {
        var kielCoordinator = await Organisation("01002000");
        var (kiel, _) = await Create(Staff, NewNetwork(kielCoordinator, "01002000"));
        var (leipzig, _) = await Create(Staff, NewNetwork(await Organisation("14713000"), "14713000"));

        var inKiel = await (await Anonymous.GetAsync("/api/directory/local-networks?municipality=01002000")).ReadAs<Page<LocalNetworkResponse>>();
        Assert.Contains(inKiel.Items, n => n.Id == kiel.Id);
        Assert.All(inKiel.Items, n => Assert.Equal("01002000", n.MunicipalityAgs));

        var ofMember = await (await Anonymous.GetAsync($"/api/directory/local-networks?organisation={kielCoordinator}")).ReadAs<Page<LocalNetworkResponse>>();
        Assert.Equal(kiel.Id, Assert.Single(ofMember.Items).Id);

        (await ChangeStage(Staff, leipzig.Id, "Active")).EnsureSuccessStatusCode();
        var active = await (await Anonymous.GetAsync("/api/directory/local-networks?stage=Active")).ReadAs<Page<LocalNetworkResponse>>();
        Assert.Contains(active.Items, n => n.Id == leipzig.Id);
        Assert.DoesNotContain(active.Items, n => n.Id == kiel.Id);
    }

    [Fact]
    public async Task Networks_of_an_organisation_the_caller_may_not_see_are_listed_as_for_an_unknown_organisation()
    {
        var pending = await Organisation(verified: false);
        var (network, _) = await Create(Staff, NewNetwork(pending));
        var signedIn = await MemberOf();
        var unknown = await Anonymous.GetAsync($"/api/directory/local-networks?organisation={Guid.NewGuid()}");
        var unknownBody = await unknown.Content.ReadAsStringAsync();
        var unknownPage = await unknown.ReadAs<Page<LocalNetworkResponse>>();
        Assert.Equal((0, 0L), (unknownPage.Items.Count, unknownPage.TotalItems));

        foreach (var caller in new[] { Anonymous, signedIn })
        {
            await (await caller.GetAsync($"/api/directory/organisations/{pending}")).AssertProblem(HttpStatusCode.NotFound);
            var filtered = await caller.GetAsync($"/api/directory/local-networks?organisation={pending}");
            Assert.Equal((HttpStatusCode.OK, unknownBody), (filtered.StatusCode, await filtered.Content.ReadAsStringAsync()));
        }

        // Staff and the organisation's own members, who see it, find its networks.
        foreach (var caller in new[] { Staff, await MemberOf(pending) })
        {
            var page = await (await caller.GetAsync($"/api/directory/local-networks?organisation={pending}")).ReadAs<Page<LocalNetworkResponse>>();
            Assert.Equal(network.Id, Assert.Single(page.Items).Id);
        }
    }

    [Fact]
    public async Task The_coordinator_adds_members_the_public_sees_only_public_ones_and_a_duplicate_is_a_conflict()
    {
        var coordinator = await Organisation();
        var pending = await Organisation(verified: false);
        var (network, etag) = await Create(Staff, NewNetwork(coordinator));
        var coordinatorMember = await MemberOf(coordinator);

        var added = await coordinatorMember.SendAsync(Request(HttpMethod.Post, $"/api/directory/local-networks/{network.Id}/members",
            $$"""{"organisationId":"{{pending}}"}""", etag));
        Assert.Equal("\"3\"", added.Headers.ETag?.Tag);

        var asStaff = await (await Staff.GetAsync($"/api/directory/local-networks/{network.Id}")).ReadAs<LocalNetworkResponse>();
        Assert.Equal([coordinator, pending], asStaff.MemberOrganisationIds);
        var asPublic = await (await Anonymous.GetAsync($"/api/directory/local-networks/{network.Id}")).ReadAs<LocalNetworkResponse>();
        Assert.Equal([coordinator], asPublic.MemberOrganisationIds);
        Assert.Equal(2, asPublic.MemberCount);

        var before = await Events();
        await (await coordinatorMember.PostJson($"/api/directory/local-networks/{network.Id}/members", new { organisationId = pending }))
            .AssertProblem(HttpStatusCode.Conflict);
        Assert.Equal(before, await Events());
    }

    [Fact]
    public async Task An_organisation_joins_and_leaves_by_itself_but_cannot_add_or_remove_others()
    {
        var coordinator = await Organisation();
        var joining = await Organisation();
        var bystander = await Organisation();
        var (network, _) = await Create(Staff, NewNetwork(coordinator));
        var member = await MemberOf(joining);
        var url = $"/api/directory/local-networks/{network.Id}/members";

        var before = await Events();
        await (await member.PostJson(url, new { organisationId = bystander })).AssertProblem(HttpStatusCode.Forbidden);
        await (await Anonymous.PostJson(url, new { organisationId = joining })).AssertProblem(HttpStatusCode.Unauthorized);
        Assert.Equal(before, await Events());

        var joined = await (await member.PostJson(url, new { organisationId = joining })).ReadAs<LocalNetworkResponse>();
        Assert.Contains(joining, joined.MemberOrganisationIds);
        await (await member.DeleteAsync($"{url}/{coordinator}")).AssertProblem(HttpStatusCode.Forbidden);

        var left = await (await member.DeleteAsync($"{url}/{joining}")).ReadAs<LocalNetworkResponse>();
        Assert.DoesNotContain(joining, left.MemberOrganisationIds);
        await (await Staff.DeleteAsync($"{url}/{joining}")).AssertProblem(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task The_coordinator_cannot_leave_its_own_network()
    {
        var coordinator = await Organisation();
        var (network, _) = await Create(Staff, NewNetwork(coordinator));
        var before = await Events();

        await (await Staff.DeleteAsync($"/api/directory/local-networks/{network.Id}/members/{coordinator}")).AssertProblem(HttpStatusCode.Conflict);

        Assert.Equal(before, await Events());
    }

    [Fact]
    public async Task Stages_move_forward_with_If_Match_fall_dormant_and_are_reactivated()
    {
        var coordinator = await Organisation();
        var (network, etag) = await Create(Staff, NewNetwork(coordinator));
        var coordinatorMember = await MemberOf(coordinator);

        var inventory = await ChangeStage(coordinatorMember, network.Id, "ActorInventory", "2026-02-01", etag);
        Assert.Equal("\"3\"", inventory.Headers.ETag?.Tag);
        (await ChangeStage(coordinatorMember, network.Id, "NetworkingWorkshopHeld", "2026-03-10", "\"3\"")).EnsureSuccessStatusCode();
        (await ChangeStage(coordinatorMember, network.Id, "Dormant", "2026-06-01", "\"4\"")).EnsureSuccessStatusCode();
        var reactivated = await (await ChangeStage(coordinatorMember, network.Id, "Active", "2026-09-01", "\"5\"")).ReadAs<LocalNetworkResponse>();

        Assert.Equal(LocalNetworkStage.Active, reactivated.Stage);
        Assert.Equal(new DateOnly(2026, 9, 1), reactivated.StageSince);
        var read = await (await Anonymous.GetAsync($"/api/directory/local-networks/{network.Id}")).ReadAs<LocalNetworkResponse>();
        Assert.Equal(
            ["Initiated->ActorInventory 2026-02-01", "ActorInventory->NetworkingWorkshopHeld 2026-03-10",
             "NetworkingWorkshopHeld->Dormant 2026-06-01", "Dormant->Active 2026-09-01"],
            read.StageHistory.Select(s => $"{s.From}->{s.To} {s.On:yyyy-MM-dd}"));
        Assert.All(read.StageHistory, s => Assert.Equal("It happened.", s.Note));
    }

    [Fact]
    public async Task A_stale_If_Match_an_illegal_move_or_a_stranger_changes_no_stage()
    {
        var coordinator = await Organisation();
        var (network, _) = await Create(Staff, NewNetwork(coordinator));
        (await ChangeStage(Staff, network.Id, "Active", "2026-02-01")).EnsureSuccessStatusCode();
        var stranger = await MemberOf(await Organisation());
        var before = await Events();

        await (await ChangeStage(Staff, network.Id, "SelfSustaining", "2026-03-01", "\"2\"")).AssertProblem(HttpStatusCode.PreconditionFailed);
        var backwards = await (await ChangeStage(Staff, network.Id, "ActorInventory", "2026-03-01")).AssertProblem(HttpStatusCode.Conflict);
        Assert.Contains("Active", backwards.GetProperty("detail").GetString());
        await (await ChangeStage(Staff, network.Id, "SelfSustaining", "2026-01-20")).AssertProblem(HttpStatusCode.Conflict); // before it became active
        await (await ChangeStage(stranger, network.Id, "SelfSustaining")).AssertProblem(HttpStatusCode.Forbidden);
        await (await ChangeStage(Anonymous, network.Id, "SelfSustaining")).AssertProblem(HttpStatusCode.Unauthorized);

        Assert.Equal(before, await Events());
        var read = await (await Anonymous.GetAsync($"/api/directory/local-networks/{network.Id}")).ReadAs<LocalNetworkResponse>();
        Assert.Equal(LocalNetworkStage.Active, read.Stage);
    }

    [Fact]
    public async Task The_coordinator_records_milestones_that_anybody_reads_in_date_order()
    {
        var coordinator = await Organisation();
        var (network, etag) = await Create(Staff, NewNetwork(coordinator));
        var coordinatorMember = await MemberOf(coordinator);
        var url = $"/api/directory/local-networks/{network.Id}/milestones";

        var first = await coordinatorMember.SendAsync(Request(HttpMethod.Post, url,
            """{"on":"2026-05-20","title":"Joint stand at the One World festival","note":"Six organisations"}""", etag));
        Assert.Equal("\"3\"", first.Headers.ETag?.Tag);
        (await coordinatorMember.PostJson(url, new { on = "2026-03-14", title = "First networking workshop" })).EnsureSuccessStatusCode();
        await (await (await MemberOf(await Organisation())).PostJson(url, new { on = "2026-03-14", title = "Hijack" })).AssertProblem(HttpStatusCode.Forbidden);

        var read = await (await Anonymous.GetAsync($"/api/directory/local-networks/{network.Id}")).ReadAs<LocalNetworkResponse>();
        Assert.Equal(["First networking workshop", "Joint stand at the One World festival"], read.Milestones.Select(m => m.Title));
        Assert.Equal("Six organisations", read.Milestones[1].Note);
    }

    [Fact]
    public async Task A_milestone_dated_before_the_network_was_initiated_is_refused_and_stores_nothing()
    {
        var coordinator = await Organisation();
        var (network, etag) = await Create(Staff, NewNetwork(coordinator, initiatedOn: "2026-11-01"));
        var url = $"/api/directory/local-networks/{network.Id}/milestones";
        var before = await Events();

        var refused = await (await (await MemberOf(coordinator)).PostJson(url, new { on = "2020-01-01", title = "Founding meeting" }))
            .AssertProblem(HttpStatusCode.Conflict);

        Assert.Contains("before the network was initiated (2026-11-01)", refused.GetProperty("detail").GetString());
        Assert.Equal(before, await Events());
        var read = await Anonymous.GetAsync($"/api/directory/local-networks/{network.Id}");
        Assert.Equal(etag, read.Headers.ETag?.Tag);
        Assert.Empty((await read.ReadAs<LocalNetworkResponse>()).Milestones);
    }

    public static TheoryData<string, string, HttpStatusCode, string?> BadNetworks => new()
    {
        { "bad AGS", """{"name":"N","municipalityAgs":"0531400","coordinatorOrganisationId":"{coordinator}"}""", HttpStatusCode.BadRequest, "municipalityAgs" },
        { "AGS of no state", """{"name":"N","municipalityAgs":"00314000","coordinatorOrganisationId":"{coordinator}"}""", HttpStatusCode.BadRequest, "municipalityAgs" },
        { "unknown municipality", """{"name":"N","municipalityAgs":"07999999","coordinatorOrganisationId":"{coordinator}"}""", HttpStatusCode.NotFound, null },
        { "unknown organisation", $$"""{"name":"N","municipalityAgs":"05314000","coordinatorOrganisationId":"{{Guid.NewGuid()}}"}""", HttpStatusCode.NotFound, null },
        { "missing coordinator", """{"name":"N","municipalityAgs":"05314000"}""", HttpStatusCode.BadRequest, "coordinatorOrganisationId" },
        { "coordinator not an id", """{"name":"N","municipalityAgs":"05314000","coordinatorOrganisationId":"Stadt Bonn"}""", HttpStatusCode.BadRequest, "coordinatorOrganisationId" },
        { "over-long name", $$"""{"name":"{{new string('n', 201)}}","municipalityAgs":"05314000","coordinatorOrganisationId":"{coordinator}"}""", HttpStatusCode.BadRequest, "name" },
        { "future initiation", """{"name":"N","municipalityAgs":"05314000","coordinatorOrganisationId":"{coordinator}","initiatedOn":"2999-01-01"}""", HttpStatusCode.BadRequest, "initiatedOn" },
        { "not JSON", """{"name":""", HttpStatusCode.BadRequest, null },
    };

    [Theory]
    [MemberData(nameof(BadNetworks))]
    public async Task A_bad_network_gets_a_problem_response_and_stores_nothing(string why, string body, HttpStatusCode status, string? field)
    {
        var coordinator = await Organisation();
        var before = await Events();

        var problem = await (await Staff.PostAsync("/api/directory/local-networks", Json(body.Replace("{coordinator}", coordinator.ToString()))))
            .AssertProblem(status);

        if (field is not null)
            Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), $"{why}: no error for '{field}' in {problem}");
        Assert.Equal(before, await Events());
    }

    public static TheoryData<string, string, string, HttpStatusCode, string?> BadChanges => new()
    {
        { "unknown stage", "stage", """{"stage":"Flourishing","on":"2026-02-01","note":"x"}""", HttpStatusCode.BadRequest, "stage" },
        { "missing note", "stage", """{"stage":"Active","on":"2026-02-01"}""", HttpStatusCode.BadRequest, "note" },
        { "over-long note", "stage", $$"""{"stage":"Active","on":"2026-02-01","note":"{{new string('x', 2001)}}"}""", HttpStatusCode.BadRequest, "note" },
        { "future date", "stage", """{"stage":"Active","on":"2999-02-01","note":"x"}""", HttpStatusCode.BadRequest, "on" },
        { "not a date", "stage", """{"stage":"Active","on":"soon","note":"x"}""", HttpStatusCode.BadRequest, "on" },
        { "same stage", "stage", """{"stage":"Initiated","on":"2026-02-01","note":"x"}""", HttpStatusCode.Conflict, null },
        { "over-long title", "milestones", $$"""{"on":"2026-02-01","title":"{{new string('t', 201)}}"}""", HttpStatusCode.BadRequest, "title" },
        { "missing title", "milestones", """{"on":"2026-02-01"}""", HttpStatusCode.BadRequest, "title" },
        { "unknown organisation", "members", $$"""{"organisationId":"{{Guid.NewGuid()}}"}""", HttpStatusCode.NotFound, null },
        { "missing organisation", "members", """{}""", HttpStatusCode.BadRequest, "organisationId" },
    };

    [Theory]
    [MemberData(nameof(BadChanges))]
    public async Task A_bad_change_gets_a_problem_response_and_stores_nothing(string why, string action, string body, HttpStatusCode status, string? field)
    {
        var (network, _) = await Create(Staff, NewNetwork(await Organisation()));
        var before = await Events();

        var problem = await (await Staff.PostAsync($"/api/directory/local-networks/{network.Id}/{action}", Json(body))).AssertProblem(status);

        if (field is not null)
            Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), $"{why}: no error for '{field}' in {problem}");
        Assert.Equal(before, await Events());
    }

    [Theory]
    [InlineData("/api/directory/local-networks/0190a000-0000-7000-8000-000000000000", HttpStatusCode.NotFound)]
    [InlineData("/api/directory/local-networks?municipality=123", HttpStatusCode.BadRequest)]
    [InlineData("/api/directory/local-networks?stage=Flourishing", HttpStatusCode.BadRequest)]
    [InlineData("/api/directory/local-networks?pageSize=101", HttpStatusCode.BadRequest)]
    public async Task Bad_or_unknown_reads_are_problems(string url, HttpStatusCode status) =>
        await (await Anonymous.GetAsync(url)).AssertProblem(status);

    [Fact]
    public async Task Changes_to_an_unknown_network_are_not_found()
    {
        var unknown = Guid.NewGuid();
        await (await ChangeStage(Staff, unknown, "Active")).AssertProblem(HttpStatusCode.NotFound);
        await (await Staff.PostJson($"/api/directory/local-networks/{unknown}/members", new { organisationId = await Organisation() }))
            .AssertProblem(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task A_second_network_of_the_same_name_in_a_municipality_is_a_conflict()
    {
        var (first, _) = await Create(Staff, NewNetwork(await Organisation("09162000"), "09162000"));
        var before = await Events();

        var problem = await (await Staff.PostJson("/api/directory/local-networks", NewNetwork(await Organisation("09162000"), "09162000", first.Name.ToUpperInvariant())))
            .AssertProblem(HttpStatusCode.Conflict);

        Assert.Contains(first.Id.ToString(), problem.GetProperty("detail").GetString());
        Assert.Equal(before + 2, await Events()); // only the second coordinator's registration and verification
    }

    [Fact]
    public async Task A_stage_change_reaches_RabbitMQ_as_LocalNetworkStageChanged()
    {
        await using var tap = await IntegrationEventTap.BindAsync(Network.RabbitMq, typeof(Network.Contracts.Directory.LocalNetworkStageChanged));

        var (network, _) = await Create(Staff, NewNetwork(await Organisation()));
        (await ChangeStage(Staff, network.Id, "ActorInventory", "2026-02-01")).EnsureSuccessStatusCode();

        var body = await tap.WaitFor<Network.Contracts.Directory.LocalNetworkStageChanged>(m => m.GetProperty("networkId").GetGuid() == network.Id);
        Assert.Equal(network.Id, body.GetProperty("networkId").GetGuid());
        Assert.Equal("Initiated", body.GetProperty("previousStage").GetString());
        Assert.Equal("ActorInventory", body.GetProperty("stage").GetString());
        Assert.Equal("2026-02-01", body.GetProperty("on").GetString());
        Assert.Equal(3, body.GetProperty("version").GetInt64());
    }
}
