using System.Net;
using Network.Directory.Organisations.Viewing;
using Network.Directory.People;
using Network.Directory.People.Joining;
using Network.Directory.People.Viewing;
using Network.Tests.Hosting;
using Xunit;

namespace Network.Tests.Directory;

/// <summary>Joining needs the person's acceptance: an owner invites, the person accepts or declines; staff add directly.</summary>
public class MembershipInvitationApiTests(NetworkFixture fixture) : IClassFixture<NetworkFixture>
{
    NetworkUnderTest Network => fixture.Network;
    HttpClient Staff => Network.Gateway.NewClient(Network.StaffToken);

    /// <summary>Membership events of the person in the Directory's event store: what the outbox would tell Forum and Identity.</summary>
    Task<long> MembershipEventsOf(Guid person) => HttpAssertions.CountRows(Network.DirectoryDatabase,
        $"mt_events where stream_id = '{person}' and type in ('person_joined_organisation', 'person_left_organisation')");

    Task<long> Events() => HttpAssertions.StoredEvents(Network.DirectoryDatabase);

    async Task<(HttpClient Client, PersonResponse Person)> SignedInPerson(string name)
    {
        var client = await Network.MemberAsync();
        var person = await (await client.PostJson("/api/directory/people/me", new { displayName = name }))
            .ReadAs<PersonResponse>(HttpStatusCode.Created);
        return (client, person);
    }

    async Task<(Guid Organisation, HttpClient Owner)> OrganisationWithOwner()
    {
        var organisation = await (await Staff.PostJson("/api/directory/organisations", new
        {
            name = $"Leipziger Migrantenbeirat {Guid.NewGuid():N}", kind = "MigrantOrganisation", municipalityAgs = "14713000",
            shortDescription = "Migrant organisations in Leipzig.",
        })).ReadAs<OrganisationResponse>(HttpStatusCode.Created);
        var (owner, ownerPerson) = await SignedInPerson("Olu Owner");
        await (await Staff.PostJson($"/api/directory/organisations/{organisation.Id}/members", new { personId = ownerPerson.Id, role = "Owner" }))
            .ReadAs<MemberResponse>(HttpStatusCode.Created);
        return (organisation.Id, owner);
    }

    Task<HttpResponseMessage> Invite(HttpClient owner, Guid organisation, Guid person, string role = "Member") =>
        owner.PostJson($"/api/directory/organisations/{organisation}/members", new { personId = person, role });

    async Task<IReadOnlyList<MemberResponse>> Members(Guid organisation) =>
        await (await Staff.GetAsync($"/api/directory/organisations/{organisation}/members")).ReadAs<List<MemberResponse>>();

    [Fact]
    public async Task An_owners_addition_is_an_invitation_only_the_person_accepts_and_nobody_learns_of_it_before()
    {
        var (organisation, owner) = await OrganisationWithOwner();
        var (client, person) = await SignedInPerson("Ines Invited");
        var (otherClient, _) = await SignedInPerson("Otto Other");

        var invitation = await (await Invite(owner, organisation, person.Id, "Owner")).ReadAs<MembershipInvitationResponse>(HttpStatusCode.Accepted);
        Assert.Equal((person.Id, organisation, MembershipRole.Owner), (invitation.PersonId, invitation.OrganisationId, invitation.Role));
        Assert.Single(await Members(organisation));
        Assert.Equal(0, await MembershipEventsOf(person.Id));
        var mine = await (await client.GetAsync("/api/directory/people/me")).ReadAs<PersonResponse>();
        Assert.Empty(mine.Memberships);
        Assert.Equal((organisation, MembershipRole.Owner), (Assert.Single(mine.Invitations!).OrganisationId, mine.Invitations![0].Role));

        // Nobody accepts for the person: not the owner who invited, not staff, not anybody else; each refusal stores nothing.
        var acceptance = $"/api/directory/people/{person.Id}/invitations/{organisation}/acceptance";
        var before = await Events();
        foreach (var other in new[] { owner, Staff, otherClient })
            await (await other.PostAsync(acceptance, null)).AssertProblem(HttpStatusCode.Forbidden);
        await (await Network.Gateway.NewClient().PostAsync(acceptance, null)).AssertProblem(HttpStatusCode.Unauthorized);
        var again = await (await Invite(owner, organisation, person.Id)).AssertProblem(HttpStatusCode.Conflict);
        Assert.Equal("Already invited", again.GetProperty("title").GetString());
        Assert.Equal(before, await Events());

        var member = await (await client.PostAsync(acceptance, null)).ReadAs<MemberResponse>();
        Assert.Equal((person.Id, MembershipRole.Owner), (member.PersonId, member.Role));
        Assert.Equal(2, (await Members(organisation)).Count);
        Assert.Equal(1, await MembershipEventsOf(person.Id));
        Assert.Empty((await (await client.GetAsync("/api/directory/people/me")).ReadAs<PersonResponse>()).Invitations!);
        await (await client.PostAsync(acceptance, null)).AssertProblem(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task The_person_declines_an_owner_withdraws_and_staff_still_add_directly()
    {
        var (organisation, owner) = await OrganisationWithOwner();
        var (declinerClient, decliner) = await SignedInPerson("Dana Decliner");
        var (_, withdrawn) = await SignedInPerson("Wim Withdrawn");
        var (_, direct) = await SignedInPerson("Dirk Direct");

        await (await Invite(owner, organisation, decliner.Id)).AssertSuccess();
        await (await Invite(owner, organisation, withdrawn.Id)).AssertSuccess();
        Assert.Equal(HttpStatusCode.NoContent,
            (await declinerClient.DeleteAsync($"/api/directory/people/{decliner.Id}/invitations/{organisation}")).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent,
            (await owner.DeleteAsync($"/api/directory/people/{withdrawn.Id}/invitations/{organisation}")).StatusCode);
        await (await declinerClient.PostAsync($"/api/directory/people/{decliner.Id}/invitations/{organisation}/acceptance", null))
            .AssertProblem(HttpStatusCode.NotFound);
        await (await declinerClient.DeleteAsync($"/api/directory/people/{decliner.Id}/invitations/{organisation}")).AssertProblem(HttpStatusCode.NotFound);
        Assert.Equal(0, await MembershipEventsOf(decliner.Id));
        Assert.Equal(0, await MembershipEventsOf(withdrawn.Id));

        var added = await (await Staff.PostJson($"/api/directory/organisations/{organisation}/members", new { personId = direct.Id, role = "Member" }))
            .ReadAs<MemberResponse>(HttpStatusCode.Created);
        Assert.Equal(direct.Id, added.PersonId);
        Assert.Equal(2, (await Members(organisation)).Count);
    }
}
