using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Network.Directory.Organisations;
using Network.Directory.Organisations.History;
using Network.Directory.Organisations.Viewing;
using Network.Forum.Organisations;
using Network.Platform.Http;
using Network.Tests.Hosting;
using Xunit;

namespace Network.Tests.Directory;

/// <summary>Verification, rejection, resubmission, archive and history through the Gateway, and how the Forum follows.</summary>
public class OrganisationLifecycleApiTests(NetworkFixture fixture) : IClassFixture<NetworkFixture>
{
    const string Api = "/api/directory";
    NetworkUnderTest Network => fixture.Network;
    HttpClient Staff => Network.Gateway.NewClient(Network.StaffToken);
    HttpClient Anonymous => Network.Gateway.NewClient();
    Task<HttpClient> MemberOf(params Guid[] organisations) => Network.MemberAsync(organisations);

    async Task<OrganisationResponse> Register(string ags = "05314000", string visibility = "Public")
    {
        var response = await (await MemberOf()).PostJson($"{Api}/organisations", new
        {
            name = $"Lifecycle {Guid.NewGuid():N}", kind = "OneWorldGroup", municipalityAgs = ags, shortDescription = "Fair trade.",
            contactEmail = "kontakt@example.org", themes = new[] { "fair-trade" }, visibility,
        });
        return await response.ReadAs<OrganisationResponse>(HttpStatusCode.Created);
    }

    static StringContent Json(object body) => new(JsonSerializer.Serialize(body, HttpAssertions.Json), Encoding.UTF8, "application/json");

    static HttpRequestMessage Post(string url, object? body = null, string? ifMatch = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = body is null ? null : Json(body) };
        if (ifMatch is not null) request.Headers.IfMatch.Add(new EntityTagHeaderValue(ifMatch));
        return request;
    }

    Task<long> Events() => HttpAssertions.StoredEvents(Network.DirectoryDatabase);

    async Task<OrganisationResponse> Read(Guid id) => await (await Staff.GetAsync($"{Api}/organisations/{id}")).ReadAs<OrganisationResponse>();

    [Fact]
    public async Task Staff_reject_with_a_reason_members_read_it_and_resubmit_and_staff_then_verify()
    {
        var organisation = await Register();
        var member = await MemberOf(organisation.Id);

        var rejected = await (await Staff.SendAsync(Post($"{Api}/organisations/{organisation.Id}/rejection",
            new { reason = "Please describe your development work." }, "\"1\""))).ReadAs<OrganisationResponse>();
        Assert.Equal((VerificationState.Rejected, "Please describe your development work."), (rejected.Verification, rejected.RejectionReason));

        var seenByMember = await (await member.GetAsync($"{Api}/organisations/{organisation.Id}")).ReadAs<OrganisationResponse>();
        Assert.Equal("Please describe your development work.", seenByMember.RejectionReason);
        await (await Anonymous.GetAsync($"{Api}/organisations/{organisation.Id}")).AssertProblem(HttpStatusCode.NotFound);

        var resubmitted = await (await member.SendAsync(Post($"{Api}/organisations/{organisation.Id}/resubmission"))).ReadAs<OrganisationResponse>();
        Assert.Equal(VerificationState.Pending, resubmitted.Verification);

        var verified = await (await Staff.SendAsync(Post($"{Api}/organisations/{organisation.Id}/verification"))).ReadAs<OrganisationResponse>();
        Assert.Equal((VerificationState.Verified, null, 4L), (verified.Verification, verified.RejectionReason, verified.Version));
        Assert.Equal(organisation.Id, (await (await Anonymous.GetAsync($"{Api}/organisations/{organisation.Id}")).ReadAs<OrganisationResponse>()).Id);
    }

    [Fact]
    public async Task Only_staff_verify_and_reject_and_only_the_organisations_members_or_staff_resubmit()
    {
        var organisation = await Register();
        var member = await MemberOf(organisation.Id);
        var before = await Events();

        await (await member.SendAsync(Post($"{Api}/organisations/{organisation.Id}/verification"))).AssertProblem(HttpStatusCode.Forbidden);
        await (await member.SendAsync(Post($"{Api}/organisations/{organisation.Id}/rejection", new { reason = "self-rejection" })))
            .AssertProblem(HttpStatusCode.Forbidden);
        await (await Anonymous.SendAsync(Post($"{Api}/organisations/{organisation.Id}/verification"))).AssertProblem(HttpStatusCode.Unauthorized);
        Assert.Equal(before, await Events());

        await (await Staff.SendAsync(Post($"{Api}/organisations/{organisation.Id}/rejection", new { reason = "Not yet." }))).ReadAs<OrganisationResponse>();
        await (await (await MemberOf(Guid.NewGuid())).SendAsync(Post($"{Api}/organisations/{organisation.Id}/resubmission")))
            .AssertProblem(HttpStatusCode.Forbidden);
        Assert.Equal(VerificationState.Rejected, (await Read(organisation.Id)).Verification);
    }

    [Fact]
    public async Task A_rejection_without_reason_on_an_unknown_id_with_a_stale_if_match_or_of_a_verified_organisation_changes_nothing()
    {
        var organisation = await Register();
        var before = await Events();

        var noReason = await (await Staff.SendAsync(Post($"{Api}/organisations/{organisation.Id}/rejection", new { reason = " " }))).AssertProblem(HttpStatusCode.BadRequest);
        Assert.True(noReason.GetProperty("errors").TryGetProperty("reason", out _));
        await (await Staff.SendAsync(Post($"{Api}/organisations/{Guid.NewGuid()}/rejection", new { reason = "x" }))).AssertProblem(HttpStatusCode.NotFound);
        await (await Staff.SendAsync(Post($"{Api}/organisations/{organisation.Id}/rejection", new { reason = "x" }, "\"5\"")))
            .AssertProblem(HttpStatusCode.PreconditionFailed);
        await (await Staff.SendAsync(Post($"{Api}/organisations/{organisation.Id}/resubmission"))).AssertProblem(HttpStatusCode.Conflict);
        Assert.Equal(before, await Events());

        await (await Staff.SendAsync(Post($"{Api}/organisations/{organisation.Id}/verification"))).ReadAs<OrganisationResponse>();
        await (await Staff.SendAsync(Post($"{Api}/organisations/{organisation.Id}/rejection", new { reason = "late" }))).AssertProblem(HttpStatusCode.Conflict);
        Assert.Equal(VerificationState.Verified, (await Read(organisation.Id)).Verification);
    }

    [Fact]
    public async Task An_archived_organisation_leaves_public_lists_stays_readable_for_staff_and_changes_no_more()
    {
        const string leipzig = "14713000";
        var organisation = await Register(leipzig);
        await (await Staff.SendAsync(Post($"{Api}/organisations/{organisation.Id}/verification"))).ReadAs<OrganisationResponse>();
        Assert.Contains(organisation.Id, await Listed(Anonymous, leipzig));

        // A member acting for it (token) is no owner (the Directory's memberships): 403.
        await (await (await MemberOf(organisation.Id)).SendAsync(Post($"{Api}/organisations/{organisation.Id}/archive"))).AssertProblem(HttpStatusCode.Forbidden);
        var archived = await (await Staff.SendAsync(Post($"{Api}/organisations/{organisation.Id}/archive", ifMatch: "\"2\""))).ReadAs<OrganisationResponse>();
        Assert.True(archived.IsArchived);

        Assert.DoesNotContain(organisation.Id, await Listed(Anonymous, leipzig));
        Assert.DoesNotContain(organisation.Id, await Listed(Staff, leipzig));
        Assert.Contains(organisation.Id, await Listed(Staff, leipzig, "&archived=true"));
        await (await Anonymous.GetAsync($"{Api}/organisations/{organisation.Id}")).AssertProblem(HttpStatusCode.NotFound);
        Assert.True((await Read(organisation.Id)).IsArchived);

        var before = await Events();
        var update = new HttpRequestMessage(HttpMethod.Put, $"{Api}/organisations/{organisation.Id}/profile") { Content = Json(new { name = "Revived", shortDescription = "x" }) };
        await (await Staff.SendAsync(update)).AssertProblem(HttpStatusCode.Conflict);
        await (await Staff.SendAsync(Post($"{Api}/organisations/{organisation.Id}/archive"))).AssertProblem(HttpStatusCode.Conflict);
        Assert.Equal(before, await Events());

        // Its name is free again in its municipality.
        var again = await (await MemberOf()).PostJson($"{Api}/organisations",
            new { name = organisation.Name, kind = "OneWorldGroup", municipalityAgs = leipzig, shortDescription = "Refounded." });
        Assert.Equal(HttpStatusCode.Created, again.StatusCode);
    }

    async Task<IReadOnlyList<Guid>> Listed(HttpClient client, string ags, string extra = "") =>
        (await (await client.GetAsync($"{Api}/organisations?municipality={ags}&pageSize=100{extra}")).ReadAs<Page<OrganisationResponse>>())
        .Items.Select(o => o.Id).ToList();

    [Fact]
    public async Task History_tells_staff_and_members_what_changed_who_and_when_and_nobody_else()
    {
        var organisation = await Register();
        var person = await Network.PersonAsync("Mia Member", organisation.Id);
        var member = Network.Gateway.NewClient(person.AccessToken);
        var update = new HttpRequestMessage(HttpMethod.Put, $"{Api}/organisations/{organisation.Id}/profile")
        {
            Content = Json(new { name = organisation.Name + " e.V.", shortDescription = organisation.ShortDescription, contactEmail = "neu@example.org" }),
        };
        await (await member.SendAsync(update)).ReadAs<OrganisationResponse>();
        await (await Staff.SendAsync(Post($"{Api}/organisations/{organisation.Id}/verification"))).ReadAs<OrganisationResponse>();

        var history = await (await member.GetAsync($"{Api}/organisations/{organisation.Id}/history")).ReadAs<List<OrganisationHistoryEntry>>();

        Assert.Equal(["Registered", "ProfileUpdated", "Verified"], history.Select(h => h.Change));
        Assert.Equal(["name", "contactEmail"], history[1].ChangedFields);
        Assert.Equal(IdentityUnderTest.Payload(Network.StaffToken).GetProperty("sub").GetString(), history[2].By);
        Assert.Equal(person.Subject, history[1].By);
        Assert.All(history, h => Assert.True(h.At > DateTimeOffset.UtcNow.AddMinutes(-5)));
        Assert.DoesNotContain(history, h => h.Summary.Contains("neu@example.org") || h.Summary.Contains("kontakt@example.org"));
        Assert.Equal(3, (await (await Staff.GetAsync($"{Api}/organisations/{organisation.Id}/history")).ReadAs<List<OrganisationHistoryEntry>>()).Count);

        await (await Anonymous.GetAsync($"{Api}/organisations/{organisation.Id}/history")).AssertProblem(HttpStatusCode.Unauthorized);
        await (await (await MemberOf(Guid.NewGuid())).GetAsync($"{Api}/organisations/{organisation.Id}/history")).AssertProblem(HttpStatusCode.Forbidden);
        await (await Staff.GetAsync($"{Api}/organisations/{Guid.NewGuid()}/history")).AssertProblem(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task The_profile_as_of_a_past_instant_is_what_it_was_then()
    {
        var organisation = await Register();
        await Task.Delay(50);
        var between = DateTimeOffset.UtcNow;
        await Task.Delay(50);
        var update = new HttpRequestMessage(HttpMethod.Put, $"{Api}/organisations/{organisation.Id}/profile")
        {
            Content = Json(new { name = organisation.Name + " (renamed)", shortDescription = "Later text", themes = new[] { "climate-justice" } }),
        };
        await (await Staff.SendAsync(update)).ReadAs<OrganisationResponse>();
        var asOf = Uri.EscapeDataString(between.ToString("O"));

        var past = await (await (await MemberOf(organisation.Id)).GetAsync($"{Api}/organisations/{organisation.Id}?asOf={asOf}")).ReadAs<OrganisationResponse>();

        Assert.Equal((organisation.Name, "Fair trade.", 1L), (past.Name, past.ShortDescription, past.Version));
        Assert.Equal(["fair-trade"], past.Themes);
        Assert.Equal(organisation.Name + " (renamed)", (await Read(organisation.Id)).Name);

        var before = Uri.EscapeDataString(organisation.RegisteredAt.AddDays(-1).ToString("O"));
        await (await Staff.GetAsync($"{Api}/organisations/{organisation.Id}?asOf={before}")).AssertProblem(HttpStatusCode.NotFound);
        await (await Anonymous.GetAsync($"{Api}/organisations/{organisation.Id}?asOf={asOf}")).AssertProblem(HttpStatusCode.Unauthorized);
        await (await (await MemberOf()).GetAsync($"{Api}/organisations/{organisation.Id}?asOf={asOf}")).AssertProblem(HttpStatusCode.Forbidden);
        await (await Staff.GetAsync($"{Api}/organisations/{organisation.Id}?asOf=yesterday")).AssertProblem(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task The_forum_lists_only_verified_public_organisations_and_drops_them_when_archived()
    {
        const string munich = "09162000";
        var open = await Register(munich);
        var membersOnly = await Register(munich, "Members");
        await (await Staff.SendAsync(Post($"{Api}/organisations/{open.Id}/verification"))).ReadAs<OrganisationResponse>();
        await (await Staff.SendAsync(Post($"{Api}/organisations/{membersOnly.Id}/verification"))).ReadAs<OrganisationResponse>();
        var forum = Network.Gateway.NewClient();

        await Eventually.Until(() => forum.GetAsync($"/api/forum/organisations/{open.Id}"), r => r.StatusCode == HttpStatusCode.OK,
            TimeSpan.FromSeconds(30), "the verified organisation in the forum");

        await (await Staff.SendAsync(Post($"{Api}/organisations/{open.Id}/archive"))).ReadAs<OrganisationResponse>();
        await Eventually.Until(() => forum.GetAsync($"/api/forum/organisations/{open.Id}"), r => r.StatusCode == HttpStatusCode.NotFound,
            TimeSpan.FromSeconds(30), "the archived organisation to leave the forum");
        var listed = await (await forum.GetAsync($"/api/forum/organisations?municipality={munich}&pageSize=100")).ReadAs<Page<MemberOrganisationResponse>>();
        Assert.DoesNotContain(listed.Items, o => o.Id == open.Id || o.Id == membersOnly.Id);
    }
}
