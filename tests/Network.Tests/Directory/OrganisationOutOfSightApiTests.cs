using System.Net;
using System.Text.Json;
using Network.Directory.Organisations;
using Network.Directory.Organisations.OutOfSight;
using Network.Directory.Organisations.Viewing;
using Network.Directory.People;
using Network.Directory.People.Viewing;
using Network.Platform.Http;
using Network.Tests.Hosting;
using Npgsql;
using Xunit;

namespace Network.Tests.Directory;

/// <summary>Out-of-sight actors through the Gateway: staff record a shadow profile and invite; the invited person claims it once.</summary>
public class OrganisationOutOfSightApiTests(NetworkFixture fixture) : IClassFixture<NetworkFixture>
{
    const string Api = "/api/directory";
    NetworkUnderTest Network => fixture.Network;
    HttpClient Staff => Network.Gateway.NewClient(Network.StaffToken);
    HttpClient Anonymous => Network.Gateway.NewClient();

    async Task<HttpClient> PersonClient(string name = "Amara Diallo") =>
        Network.Gateway.NewClient((await Network.PersonAsync(name)).AccessToken);

    async Task<OrganisationResponse> RecordShadow(string? name = null, string ags = "14713000") =>
        await (await Staff.PostJson($"{Api}/organisations/out-of-sight", new
        {
            name = name ?? $"Vietnam-Verein {Guid.NewGuid():N}", kind = "MigrantOrganisation", municipalityAgs = ags,
            shortDescription = "Met at the networking workshop in Leipzig.", countries = new[] { "VN" },
        })).ReadAs<OrganisationResponse>(HttpStatusCode.Created);

    async Task<InvitationResponse> Invite(Guid id) =>
        await (await Staff.PostAsync($"{Api}/organisations/{id}/invitations", null)).ReadAs<InvitationResponse>(HttpStatusCode.Created);

    Task<long> Events() => HttpAssertions.StoredEvents(Network.DirectoryDatabase);

    [Fact]
    public async Task Staff_record_a_shadow_profile_that_only_staff_see_marked_as_such()
    {
        var shadow = await RecordShadow(ags: "01002000");

        Assert.True(shadow.IsShadow);
        Assert.Equal(VerificationState.Pending, shadow.Verification);
        var staffList = await (await Staff.GetAsync($"{Api}/organisations?municipality=01002000&shadow=true")).ReadAs<Page<OrganisationResponse>>();
        Assert.Contains(staffList.Items, o => o.Id == shadow.Id && o.IsShadow);
        await (await Anonymous.GetAsync($"{Api}/organisations/{shadow.Id}")).AssertProblem(HttpStatusCode.NotFound);
        await (await (await PersonClient()).GetAsync($"{Api}/organisations/{shadow.Id}")).AssertProblem(HttpStatusCode.NotFound);
        // Nobody acts for it yet: it cannot be verified before it is claimed.
        await (await Staff.PostAsync($"{Api}/organisations/{shadow.Id}/verification", null)).AssertProblem(HttpStatusCode.Conflict);
    }

    [Fact]
    public async Task Only_staff_record_shadows_and_invite_and_only_to_a_shadow()
    {
        var member = await Network.MemberAsync();
        var before = await Events();
        await (await member.PostJson($"{Api}/organisations/out-of-sight",
            new { name = "X", kind = "MigrantOrganisation", municipalityAgs = "14713000", shortDescription = "x" })).AssertProblem(HttpStatusCode.Forbidden);
        Assert.Equal(before, await Events());

        var shadow = await RecordShadow();
        await (await (await Network.MemberAsync(shadow.Id)).PostAsync($"{Api}/organisations/{shadow.Id}/invitations", null))
            .AssertProblem(HttpStatusCode.Forbidden);
        await (await Staff.PostAsync($"{Api}/organisations/{Guid.NewGuid()}/invitations", null)).AssertProblem(HttpStatusCode.NotFound);

        var registered = await (await member.PostJson($"{Api}/organisations",
            new { name = $"Registered {Guid.NewGuid():N}", kind = "MigrantOrganisation", municipalityAgs = "14713000", shortDescription = "x" }))
            .ReadAs<OrganisationResponse>(HttpStatusCode.Created);
        var invitationsBefore = await HttpAssertions.CountRows(Network.DirectoryDatabase, "mt_doc_organisationinvitation");
        await (await Staff.PostAsync($"{Api}/organisations/{registered.Id}/invitations", null)).AssertProblem(HttpStatusCode.Conflict);
        Assert.Equal(invitationsBefore, await HttpAssertions.CountRows(Network.DirectoryDatabase, "mt_doc_organisationinvitation"));
    }

    [Fact]
    public async Task The_invited_person_claims_the_profile_once_and_becomes_its_owner()
    {
        var shadow = await RecordShadow();
        var invitation = await Invite(shadow.Id);
        Assert.Equal(shadow.Id, invitation.OrganisationId);
        Assert.InRange(invitation.ExpiresAt, DateTimeOffset.UtcNow.AddDays(13.9), DateTimeOffset.UtcNow.AddDays(14.1));
        // Only a hash of the token is stored.
        Assert.Equal(0, await HttpAssertions.CountRows(Network.DirectoryDatabase,
            $"mt_doc_organisationinvitation where data::text like '%{invitation.Token}%'"));
        Assert.Equal(0, await HttpAssertions.CountRows(Network.DirectoryDatabase, $"mt_events where data::text like '%{invitation.Token}%'"));

        var claimant = await PersonClient();
        var claimed = await (await claimant.PostJson($"{Api}/organisations/claims", new { token = invitation.Token })).ReadAs<OrganisationResponse>();

        Assert.False(claimed.IsShadow);
        var me = await (await claimant.GetAsync($"{Api}/people/me")).ReadAs<PersonResponse>();
        Assert.Equal("Amara Diallo", me.DisplayName);
        Assert.Contains(me.Memberships, m => m.OrganisationId == shadow.Id && m.Role == MembershipRole.Owner);

        // Replayed, by the same person or another one: a problem, and nothing changes.
        var before = await Events();
        var replay = await claimant.PostJson($"{Api}/organisations/claims", new { token = invitation.Token });
        await replay.AssertProblem(HttpStatusCode.Conflict);
        var other = await PersonClient("Someone Else");
        await (await other.PostJson($"{Api}/organisations/claims", new { token = invitation.Token })).AssertProblem(HttpStatusCode.Conflict);
        Assert.Equal(before, await Events());
        await (await other.GetAsync($"{Api}/people/me")).AssertProblem(HttpStatusCode.NotFound);

        // The owner may archive it (an owner per the Directory's memberships, whatever the token says).
        var archived = await (await claimant.PostAsync($"{Api}/organisations/{shadow.Id}/archive", null)).ReadAs<OrganisationResponse>();
        Assert.True(archived.IsArchived);
    }

    [Fact]
    public async Task A_claim_needs_a_sign_in_and_an_unknown_token_changes_nothing()
    {
        var shadow = await RecordShadow();
        var invitation = await Invite(shadow.Id);
        var before = await Events();

        await (await Anonymous.PostJson($"{Api}/organisations/claims", new { token = invitation.Token })).AssertProblem(HttpStatusCode.Unauthorized);
        var claimant = await PersonClient();
        await (await claimant.PostJson($"{Api}/organisations/claims", new { token = invitation.Token + "x" })).AssertProblem(HttpStatusCode.NotFound);
        var missing = await (await claimant.PostJson($"{Api}/organisations/claims", new { token = "" })).AssertProblem(HttpStatusCode.BadRequest);
        Assert.True(missing.GetProperty("errors").TryGetProperty("token", out _));

        Assert.Equal(before, await Events());
        Assert.True((await (await Staff.GetAsync($"{Api}/organisations/{shadow.Id}")).ReadAs<OrganisationResponse>()).IsShadow);
    }

    [Fact]
    public async Task An_expired_invitation_is_a_410_and_changes_nothing()
    {
        var shadow = await RecordShadow();
        var invitation = await Invite(shadow.Id);
        await using (var connection = new NpgsqlConnection(Network.DirectoryDatabase))
        {
            // Fourteen days later, as far as this invitation is concerned.
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand(
                "update mt_doc_organisationinvitation set data = jsonb_set(data, '{ExpiresAt}', to_jsonb(now() - interval '1 minute')) where id = @id",
                connection);
            command.Parameters.AddWithValue("id", invitation.InvitationId);
            Assert.Equal(1, await command.ExecuteNonQueryAsync());
        }
        var before = await Events();

        var claimant = await PersonClient();
        var problem = await (await claimant.PostJson($"{Api}/organisations/claims", new { token = invitation.Token })).AssertProblem(HttpStatusCode.Gone);

        Assert.Contains("expired", problem.GetProperty("detail").GetString());
        Assert.Equal(before, await Events());
        await (await claimant.GetAsync($"{Api}/people/me")).AssertProblem(HttpStatusCode.NotFound);
        Assert.True((await (await Staff.GetAsync($"{Api}/organisations/{shadow.Id}")).ReadAs<OrganisationResponse>()).IsShadow);
    }

    [Fact]
    public async Task Registering_an_actor_staff_recorded_out_of_sight_is_a_409_naming_the_shadow()
    {
        var shadow = await RecordShadow();
        var member = await Network.MemberAsync();

        var problem = await (await member.PostJson($"{Api}/organisations",
            new { name = shadow.Name, kind = "MigrantOrganisation", municipalityAgs = shadow.MunicipalityAgs, shortDescription = "It is us." }))
            .AssertProblem(HttpStatusCode.Conflict);

        Assert.Equal(shadow.Id, problem.GetProperty("existingOrganisationId").GetGuid());
    }

    [Fact]
    public async Task Of_people_claiming_one_invitation_at_the_same_moment_exactly_one_becomes_owner()
    {
        var shadow = await RecordShadow();
        var invitation = await Invite(shadow.Id);
        var claimants = await Task.WhenAll(Enumerable.Range(0, 6).Select(i => PersonClient($"Claimant {i}")));

        var responses = await Task.WhenAll(claimants.Select(c => c.PostJson($"{Api}/organisations/claims", new { token = invitation.Token })));

        Assert.Single(responses, r => r.StatusCode == HttpStatusCode.OK);
        foreach (var loser in responses.Where(r => r.StatusCode != HttpStatusCode.OK))
            await loser.AssertProblem(HttpStatusCode.Conflict);
        var people = await Task.WhenAll(claimants.Select(c => c.GetAsync($"{Api}/people/me")));
        // Only the winner was recorded as a person, and as the owner.
        var winner = await Assert.Single(people, r => r.StatusCode == HttpStatusCode.OK).ReadAs<PersonResponse>();
        Assert.Equal(MembershipRole.Owner, Assert.Single(winner.Memberships).Role);
        Assert.Equal(1, await HttpAssertions.CountRows(Network.DirectoryDatabase, $"mt_events where type = 'organisation_claimed' and stream_id = '{shadow.Id}'"));
    }
}
