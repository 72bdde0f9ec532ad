using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Network.Directory.Organisations;
using Network.Directory.Organisations.Viewing;
using Network.Directory.People;
using Network.Directory.People.Joining;
using Network.Directory.People.Viewing;
using Network.Platform.Auth;
using Network.Platform.Http;
using Network.Tests.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Xunit;

namespace Network.Tests.Directory;

/// <summary>People, memberships, consent and erasure, through the Gateway with tokens, on the real services.</summary>
public class PeopleApiTests(NetworkFixture fixture) : IClassFixture<NetworkFixture>
{
    NetworkUnderTest Network => fixture.Network;

    HttpClient Staff => Network.Gateway.NewClient(Network.StaffToken);

    Task<HttpClient> NewSignedInUser() => Network.MemberAsync();

    static StringContent Json(string body) => new(body, Encoding.UTF8, "application/json");

    static async Task<PersonResponse> RecordMe(HttpClient user, string name = "Amara Okafor", string? email = "amara@example.org")
    {
        var response = await user.PostJson("/api/directory/people/me", new { displayName = name, email });
        var person = await response.ReadAs<PersonResponse>(HttpStatusCode.Created);
        Assert.Equal($"/api/directory/people/{person.Id}", response.Headers.Location?.OriginalString);
        return person;
    }

    async Task<Guid> RegisterOrganisation()
    {
        var organisation = await (await Staff.PostJson("/api/directory/organisations", new
        {
            name = $"Kieler Eine-Welt-Gruppe {Guid.NewGuid():N}", kind = "OneWorldGroup", municipalityAgs = "01002000",
            shortDescription = "Fair trade and partnerships from Kiel.",
        })).ReadAs<OrganisationResponse>(HttpStatusCode.Created);
        return organisation.Id;
    }

    static Task<HttpResponseMessage> AddMember(HttpClient client, Guid organisation, Guid person, string role) =>
        client.PostJson($"/api/directory/organisations/{organisation}/members", new { personId = person, role });

    /// <summary>An owner invites (202: nothing changes yet), and the person accepts with their own token.</summary>
    static async Task<MemberResponse> OwnerAdds(HttpClient owner, Guid organisation, HttpClient personClient, Guid person, string role)
    {
        var invitation = await (await AddMember(owner, organisation, person, role)).ReadAs<MembershipInvitationResponse>(HttpStatusCode.Accepted);
        Assert.Equal((person, organisation), (invitation.PersonId, invitation.OrganisationId));
        return await (await personClient.PostAsync($"/api/directory/people/{person}/invitations/{organisation}/acceptance", null))
            .ReadAs<MemberResponse>();
    }

    async Task<IReadOnlyList<MemberResponse>> Members(Guid organisation) =>
        await (await Staff.GetAsync($"/api/directory/organisations/{organisation}/members")).ReadAs<List<MemberResponse>>();

    /// <summary>An organisation with one owner who signs in: (organisation, owner's client, owner).</summary>
    async Task<(Guid Organisation, HttpClient Owner, PersonResponse Person)> OrganisationWithOwner()
    {
        var organisation = await RegisterOrganisation();
        var owner = await NewSignedInUser();
        var person = await RecordMe(owner, "Olu Owner", null);
        await (await AddMember(Staff, organisation, person.Id, "Owner")).ReadAs<MemberResponse>(HttpStatusCode.Created);
        return (organisation, owner, person);
    }

    Task<long> Events() => HttpAssertions.StoredEvents(Network.DirectoryDatabase);

    [Fact]
    public async Task A_signed_in_user_records_themselves_once_and_reads_themselves_back()
    {
        var user = await NewSignedInUser();
        await (await user.GetAsync("/api/directory/people/me")).AssertProblem(HttpStatusCode.NotFound);

        var response = await user.PostJson("/api/directory/people/me", new { displayName = " Amara Okafor ", email = "amara@example.org" });
        var recorded = await response.ReadAs<PersonResponse>(HttpStatusCode.Created);
        Assert.Equal("\"1\"", response.Headers.ETag?.Tag);
        Assert.Equal(("Amara Okafor", "amara@example.org", true), (recorded.DisplayName, recorded.Email, recorded.SignsIn));

        var me = await user.GetAsync("/api/directory/people/me");
        Assert.Equal("\"1\"", me.Headers.ETag?.Tag);
        Assert.Equal(recorded.Id, (await me.ReadAs<PersonResponse>()).Id);
        Assert.Equal(recorded.Id, (await (await user.GetAsync($"/api/directory/people/{recorded.Id}")).ReadAs<PersonResponse>()).Id);

        var eventsBefore = await Events();
        var again = await (await user.PostJson("/api/directory/people/me", new { displayName = "Amara again" })).AssertProblem(HttpStatusCode.Conflict);
        Assert.Contains(recorded.Id.ToString(), again.GetProperty("detail").GetString());
        Assert.Equal(eventsBefore, await Events());
    }

    [Fact]
    public async Task Personal_data_is_seen_only_by_staff_and_the_person_themself()
    {
        var amara = await RecordMe(await NewSignedInUser());
        var stranger = await NewSignedInUser();
        await RecordMe(stranger, "Stranger", null);

        await (await stranger.GetAsync($"/api/directory/people/{amara.Id}")).AssertProblem(HttpStatusCode.Forbidden);
        await (await Network.Gateway.NewClient().GetAsync($"/api/directory/people/{amara.Id}")).AssertProblem(HttpStatusCode.Unauthorized);
        await (await Network.Gateway.NewClient().GetAsync("/api/directory/people/me")).AssertProblem(HttpStatusCode.Unauthorized);
        await (await stranger.PutAsync($"/api/directory/people/{amara.Id}", Json("""{"displayName":"Hijacked"}""")))
            .AssertProblem(HttpStatusCode.Forbidden);
        await (await stranger.PostJson($"/api/directory/people/{amara.Id}/consents", new { purpose = "directory-contact", wordingVersion = "2025-01" }))
            .AssertProblem(HttpStatusCode.Forbidden);

        var asStaff = await (await Staff.GetAsync($"/api/directory/people/{amara.Id}")).ReadAs<PersonResponse>();
        Assert.Equal(("Amara Okafor", "amara@example.org"), (asStaff.DisplayName, asStaff.Email));
    }

    [Fact]
    public async Task Staff_record_someone_who_does_not_sign_in_and_members_may_not()
    {
        var response = await Staff.PostJson("/api/directory/people", new { displayName = "Kofi Mensah" });
        var kofi = await response.ReadAs<PersonResponse>(HttpStatusCode.Created);
        Assert.False(kofi.SignsIn);
        Assert.Null(kofi.Email);

        var eventsBefore = await Events();
        await (await (await NewSignedInUser()).PostJson("/api/directory/people", new { displayName = "Fake" })).AssertProblem(HttpStatusCode.Forbidden);
        Assert.Equal(eventsBefore, await Events());
    }

    [Fact]
    public async Task An_owner_manages_the_members_of_their_own_organisation_and_of_no_other()
    {
        var (organisation, owner, ownerPerson) = await OrganisationWithOwner();
        var otherOrganisation = await RegisterOrganisation();
        var newcomerClient = await NewSignedInUser();
        var newcomer = await RecordMe(newcomerClient, "Nia Newcomer", "nia@example.org");

        var added = await OwnerAdds(owner, organisation, newcomerClient, newcomer.Id, "Member");
        Assert.Equal((newcomer.Id, "Nia Newcomer", MembershipRole.Member), (added.PersonId, added.DisplayName, added.Role));

        var eventsBefore = await Events();
        await (await AddMember(owner, otherOrganisation, newcomer.Id, "Member")).AssertProblem(HttpStatusCode.Forbidden);
        Assert.Empty(await Members(otherOrganisation));
        Assert.Equal(eventsBefore, await Events());

        // Owners list their organisation's members by name and role; without a directory-contact consent, e-mail addresses stay private.
        var listed = await owner.GetAsync($"/api/directory/organisations/{organisation}/members");
        var body = await listed.Content.ReadAsStringAsync();
        var members = await listed.ReadAs<List<MemberResponse>>();
        Assert.Equal([(ownerPerson.Id, MembershipRole.Owner), (newcomer.Id, MembershipRole.Member)], members.Select(m => (m.PersonId, m.Role)));
        Assert.DoesNotContain("nia@example.org", body);

        var me = await (await Staff.GetAsync($"/api/directory/people/{newcomer.Id}")).ReadAs<PersonResponse>();
        Assert.Equal(organisation, Assert.Single(me.Memberships).OrganisationId);
    }

    [Fact]
    public async Task A_plain_member_or_an_outsider_may_not_add_members_nor_see_who_acts_for_the_organisation()
    {
        var (organisation, _, _) = await OrganisationWithOwner();
        var memberClient = await NewSignedInUser();
        var member = await RecordMe(memberClient, "Mo Member", null);
        await (await AddMember(Staff, organisation, member.Id, "Member")).ReadAs<MemberResponse>(HttpStatusCode.Created);
        var outsiderClient = await NewSignedInUser();
        var outsider = await RecordMe(outsiderClient, "Otto Outsider", null);

        var eventsBefore = await Events();
        await (await AddMember(memberClient, organisation, outsider.Id, "Owner")).AssertProblem(HttpStatusCode.Forbidden);
        await (await AddMember(outsiderClient, organisation, outsider.Id, "Owner")).AssertProblem(HttpStatusCode.Forbidden);
        await (await outsiderClient.DeleteAsync($"/api/directory/organisations/{organisation}/members/{member.Id}")).AssertProblem(HttpStatusCode.Forbidden);
        await (await outsiderClient.GetAsync($"/api/directory/organisations/{organisation}/members")).AssertProblem(HttpStatusCode.Forbidden);
        await (await Network.Gateway.NewClient().GetAsync($"/api/directory/organisations/{organisation}/members")).AssertProblem(HttpStatusCode.Unauthorized);
        Assert.Equal(eventsBefore, await Events());
        Assert.Equal(2, (await Members(organisation)).Count);

        // A plain member sees who they work with.
        Assert.Equal(2, (await (await memberClient.GetAsync($"/api/directory/organisations/{organisation}/members")).ReadAs<List<MemberResponse>>()).Count);
    }

    [Fact]
    public async Task Fellow_members_and_staff_see_the_email_of_a_member_only_while_they_consent_to_directory_contact()
    {
        var (organisation, owner, _) = await OrganisationWithOwner();
        var contactClient = await NewSignedInUser();
        var contact = await RecordMe(contactClient, "Cleo Contact", "cleo@example.org");
        var quietClient = await NewSignedInUser();
        var quiet = await RecordMe(quietClient, "Quinn Quiet", "quinn@example.org");
        var fellowClient = await NewSignedInUser();
        var fellow = await RecordMe(fellowClient, "Fay Fellow", null);
        foreach (var (client, person) in new[] { (contactClient, contact), (quietClient, quiet), (fellowClient, fellow) })
            await OwnerAdds(owner, organisation, client, person.Id, "Member");
        await (await contactClient.PostJson($"/api/directory/people/{contact.Id}/consents", new { purpose = "directory-contact", wordingVersion = "2025-01" }))
            .ReadAs<PersonResponse>();
        await (await quietClient.PostJson($"/api/directory/people/{quiet.Id}/consents", new { purpose = "forum-participation", wordingVersion = "2025-01" }))
            .ReadAs<PersonResponse>();

        foreach (var reader in new[] { fellowClient, Staff })
        {
            var members = await (await reader.GetAsync($"/api/directory/organisations/{organisation}/members")).ReadAs<JsonElement>();
            Assert.Equal("cleo@example.org", EmailOf(members, contact.Id));
            Assert.Null(EmailOf(members, quiet.Id));
        }
        var outsider = await NewSignedInUser();
        await RecordMe(outsider, "Otto Outsider", null);
        var refused = await outsider.GetAsync($"/api/directory/organisations/{organisation}/members");
        Assert.DoesNotContain("cleo@example.org", (await refused.AssertProblem(HttpStatusCode.Forbidden)).ToString());
        await (await Network.Gateway.NewClient().GetAsync($"/api/directory/organisations/{organisation}/members")).AssertProblem(HttpStatusCode.Unauthorized);

        await (await contactClient.PostAsync($"/api/directory/people/{contact.Id}/consents/directory-contact/withdrawal", null)).ReadAs<PersonResponse>();
        var afterWithdrawal = await (await fellowClient.GetAsync($"/api/directory/organisations/{organisation}/members")).ReadAs<JsonElement>();
        Assert.Null(EmailOf(afterWithdrawal, contact.Id));
    }

    static string? EmailOf(JsonElement members, Guid person) =>
        members.EnumerateArray().Single(m => m.GetProperty("personId").GetGuid() == person).TryGetProperty("email", out var email)
            ? email.GetString()
            : null;

    [Fact]
    public async Task Unknown_ids_and_a_duplicate_membership_are_problems_and_store_nothing()
    {
        var (organisation, owner, ownerPerson) = await OrganisationWithOwner();
        var eventsBefore = await Events();

        await (await AddMember(Staff, Guid.NewGuid(), ownerPerson.Id, "Member")).AssertProblem(HttpStatusCode.NotFound);
        await (await AddMember(owner, organisation, Guid.NewGuid(), "Member")).AssertProblem(HttpStatusCode.NotFound);
        var duplicate = await (await AddMember(owner, organisation, ownerPerson.Id, "Member")).AssertProblem(HttpStatusCode.Conflict);
        Assert.Contains("already acts for", duplicate.GetProperty("detail").GetString());
        await (await Staff.GetAsync($"/api/directory/people/{Guid.NewGuid()}")).AssertProblem(HttpStatusCode.NotFound);
        await (await Staff.DeleteAsync($"/api/directory/organisations/{organisation}/members/{Guid.NewGuid()}")).AssertProblem(HttpStatusCode.NotFound);
        await (await Staff.GetAsync($"/api/directory/organisations/{Guid.NewGuid()}/members")).AssertProblem(HttpStatusCode.NotFound);

        Assert.Equal(eventsBefore, await Events());
        Assert.Equal(MembershipRole.Owner, Assert.Single(await Members(organisation)).Role);
    }

    [Fact]
    public async Task The_last_owner_cannot_leave_until_someone_else_owns_the_organisation()
    {
        var (organisation, owner, ownerPerson) = await OrganisationWithOwner();
        var eventsBefore = await Events();

        var lastOwner = await (await owner.DeleteAsync($"/api/directory/organisations/{organisation}/members/{ownerPerson.Id}"))
            .AssertProblem(HttpStatusCode.Conflict);
        Assert.Contains("last owner", lastOwner.GetProperty("detail").GetString());
        await (await Staff.DeleteAsync($"/api/directory/organisations/{organisation}/members/{ownerPerson.Id}")).AssertProblem(HttpStatusCode.Conflict);
        Assert.Equal(eventsBefore, await Events());

        var successorClient = await NewSignedInUser();
        var successor = await RecordMe(successorClient, "Sade Successor", null);
        await OwnerAdds(owner, organisation, successorClient, successor.Id, "Owner");
        Assert.Equal(HttpStatusCode.NoContent, (await owner.DeleteAsync($"/api/directory/organisations/{organisation}/members/{ownerPerson.Id}")).StatusCode);

        Assert.Equal(successor.Id, Assert.Single(await Members(organisation)).PersonId);
        // Having left, the former owner manages nothing there any more.
        await (await AddMember(owner, organisation, ownerPerson.Id, "Owner")).AssertProblem(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task An_archived_organisation_takes_no_members_and_keeps_the_ones_it_had()
    {
        var (organisation, owner, ownerPerson) = await OrganisationWithOwner();
        var memberClient = await NewSignedInUser();
        var member = await RecordMe(memberClient, "Mo Member", null);
        await OwnerAdds(owner, organisation, memberClient, member.Id, "Member");
        var newcomer = await RecordMe(await NewSignedInUser(), "Nia Newcomer", null);
        (await Staff.PostAsync($"/api/directory/organisations/{organisation}/archive", null)).EnsureSuccessStatusCode();
        var eventsBefore = await Events();

        var joining = await (await AddMember(owner, organisation, newcomer.Id, "Member")).AssertProblem(HttpStatusCode.Conflict);
        Assert.Contains("is archived and takes no new members", joining.GetProperty("detail").GetString());
        await (await AddMember(Staff, organisation, newcomer.Id, "Owner")).AssertProblem(HttpStatusCode.Conflict);
        var removing = await (await owner.DeleteAsync($"/api/directory/organisations/{organisation}/members/{member.Id}"))
            .AssertProblem(HttpStatusCode.Conflict);
        Assert.Contains("is archived", removing.GetProperty("detail").GetString());
        await (await Staff.DeleteAsync($"/api/directory/organisations/{organisation}/members/{member.Id}")).AssertProblem(HttpStatusCode.Conflict);
        await (await memberClient.DeleteAsync($"/api/directory/organisations/{organisation}/members/{member.Id}")).AssertProblem(HttpStatusCode.Conflict);

        Assert.Equal(eventsBefore, await Events());
        Assert.Equal([(ownerPerson.Id, MembershipRole.Owner), (member.Id, MembershipRole.Member)],
            (await Members(organisation)).Select(m => (m.PersonId, m.Role)));
        Assert.Empty((await (await Staff.GetAsync($"/api/directory/people/{newcomer.Id}")).ReadAs<PersonResponse>()).Memberships);
    }

    [Fact]
    public async Task Two_owners_leaving_at_the_same_moment_never_leave_the_organisation_without_an_owner()
    {
        for (var round = 0; round < 5; round++)
        {
            var (organisation, first, firstPerson) = await OrganisationWithOwner();
            var secondClient = await NewSignedInUser();
            var second = await RecordMe(secondClient, "Second Owner", null);
            await OwnerAdds(first, organisation, secondClient, second.Id, "Owner");

            var answers = await Task.WhenAll(
                first.DeleteAsync($"/api/directory/organisations/{organisation}/members/{firstPerson.Id}"),
                secondClient.DeleteAsync($"/api/directory/organisations/{organisation}/members/{second.Id}"));

            Assert.Single(answers, a => a.StatusCode == HttpStatusCode.NoContent);
            await answers.Single(a => a.StatusCode != HttpStatusCode.NoContent).AssertProblem(HttpStatusCode.Conflict);
            Assert.Equal(MembershipRole.Owner, Assert.Single(await Members(organisation)).Role);
        }
    }

    [Fact]
    public async Task A_member_leaves_by_themself_and_an_owner_removes_a_member()
    {
        var (organisation, owner, _) = await OrganisationWithOwner();
        var leaverClient = await NewSignedInUser();
        var leaver = await RecordMe(leaverClient, "Lea Leaver", null);
        var removedClient = await NewSignedInUser();
        var removed = await RecordMe(removedClient, "Remy Removed", null);
        await OwnerAdds(owner, organisation, leaverClient, leaver.Id, "Member");
        await OwnerAdds(owner, organisation, removedClient, removed.Id, "Member");

        Assert.Equal(HttpStatusCode.NoContent, (await leaverClient.DeleteAsync($"/api/directory/organisations/{organisation}/members/{leaver.Id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await owner.DeleteAsync($"/api/directory/organisations/{organisation}/members/{removed.Id}")).StatusCode);

        Assert.Equal(MembershipRole.Owner, Assert.Single(await Members(organisation)).Role);
        Assert.Empty((await (await leaverClient.GetAsync("/api/directory/people/me")).ReadAs<PersonResponse>()).Memberships);
    }

    public static TheoryData<string, string, string?> BadPeople => new()
    {
        { "missing name", """{"email":"a@example.org"}""", "displayName" },
        { "blank name", """{"displayName":"   "}""", "displayName" },
        { "over-long name", $$"""{"displayName":"{{new string('n', 101)}}"}""", "displayName" },
        { "bad email", """{"displayName":"Ama","email":"ama-at-example.org"}""", "email" },
        { "over-long email", $$"""{"displayName":"Ama","email":"{{new string('e', 250)}}@example.org"}""", "email" },
        { "a number for a name", """{"displayName":42}""", "displayName" },
        { "not JSON", """{"displayName": """, null },
    };

    [Theory]
    [MemberData(nameof(BadPeople))]
    public async Task Bad_person_input_gets_a_problem_response_and_stores_nothing(string why, string body, string? field)
    {
        var user = await NewSignedInUser();
        var eventsBefore = await Events();

        var problem = await (await user.PostAsync("/api/directory/people/me", Json(body))).AssertProblem(HttpStatusCode.BadRequest);

        if (field is not null)
            Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), $"{why}: no error for '{field}' in {problem}");
        Assert.Equal(eventsBefore, await Events());
        await (await user.GetAsync("/api/directory/people/me")).AssertProblem(HttpStatusCode.NotFound);
    }

    [Theory]
    [InlineData("""{"role":"Member"}""", "personId")]
    [InlineData("""{"personId":"00000000-0000-0000-0000-000000000000","role":"Member"}""", "personId")]
    [InlineData("""{"personId":"0190b000-0000-7000-8000-000000000001","role":"Chief"}""", "role")]
    [InlineData("""{"personId":"0190b000-0000-7000-8000-000000000001"}""", "role")]
    [InlineData("""{"personId":"not-a-guid","role":"Member"}""", "personId")]
    public async Task Bad_membership_input_gets_a_problem_response_and_stores_nothing(string body, string field)
    {
        var (organisation, owner, _) = await OrganisationWithOwner();
        var eventsBefore = await Events();

        var problem = await (await owner.PostAsync($"/api/directory/organisations/{organisation}/members", Json(body)))
            .AssertProblem(HttpStatusCode.BadRequest);

        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), $"no error for '{field}' in {problem}");
        Assert.Equal(eventsBefore, await Events());
    }

    [Fact]
    public async Task Consent_is_given_and_withdrawn_with_its_history_kept_and_a_stale_if_match_changes_nothing()
    {
        var user = await NewSignedInUser();
        var person = await RecordMe(user);

        var give = new HttpRequestMessage(HttpMethod.Post, $"/api/directory/people/{person.Id}/consents")
        {
            Content = Json("""{"purpose":"forum-participation","wordingVersion":"2025-01"}"""),
        };
        give.Headers.IfMatch.Add(new EntityTagHeaderValue("\"1\""));
        var given = await user.SendAsync(give);
        Assert.Equal("\"2\"", given.Headers.ETag?.Tag);
        Assert.True(Assert.Single((await given.ReadAs<PersonResponse>()).Consents).IsActive);

        var eventsBefore = await Events();
        var stale = new HttpRequestMessage(HttpMethod.Post, $"/api/directory/people/{person.Id}/consents/forum-participation/withdrawal");
        stale.Headers.IfMatch.Add(new EntityTagHeaderValue("\"1\""));
        await (await user.SendAsync(stale)).AssertProblem(HttpStatusCode.PreconditionFailed);
        await (await user.PostAsync($"/api/directory/people/{person.Id}/consents/marketing/withdrawal", null)).AssertProblem(HttpStatusCode.BadRequest);
        await (await user.PostAsync($"/api/directory/people/{person.Id}/consents/event-communication/withdrawal", null)).AssertProblem(HttpStatusCode.Conflict);
        await (await user.PostJson($"/api/directory/people/{person.Id}/consents", new { purpose = "marketing", wordingVersion = "1" }))
            .AssertProblem(HttpStatusCode.BadRequest);
        await (await user.PostJson($"/api/directory/people/{Guid.NewGuid()}/consents", new { purpose = "directory-contact", wordingVersion = "1" }))
            .AssertProblem(HttpStatusCode.NotFound);
        Assert.Equal(eventsBefore, await Events());

        var withdrawn = await (await user.PostAsync($"/api/directory/people/{person.Id}/consents/forum-participation/withdrawal", null))
            .ReadAs<PersonResponse>();
        var consent = Assert.Single(withdrawn.Consents);
        Assert.Equal(("forum-participation", "2025-01"), (consent.Purpose, consent.WordingVersion));
        Assert.NotNull(consent.WithdrawnAt);

        var again = await (await user.PostJson($"/api/directory/people/{person.Id}/consents", new { purpose = "forum-participation", wordingVersion = "2025-01" }))
            .ReadAs<PersonResponse>();
        Assert.Equal(2, again.Consents.Count);
        Assert.NotNull(again.Consents.Single(c => c.IsActive));
    }

    [Fact]
    public async Task Consent_to_an_older_wording_is_refused_and_the_consent_record_stays_as_it_was()
    {
        var user = await NewSignedInUser();
        var person = await RecordMe(user, "Willa Wording", null);
        var consented = await (await user.PostJson($"/api/directory/people/{person.Id}/consents", new { purpose = "directory-contact", wordingVersion = "2025-03" }))
            .ReadAs<PersonResponse>();
        var eventsBefore = await Events();

        var problem = await (await user.PostJson($"/api/directory/people/{person.Id}/consents", new { purpose = "directory-contact", wordingVersion = "2024-01" }))
            .AssertProblem(HttpStatusCode.Conflict);

        Assert.Contains("only a newer wording renews a consent, not the older wording 2024-01", problem.GetProperty("detail").GetString());
        Assert.Equal(eventsBefore, await Events());
        var after = await (await user.GetAsync($"/api/directory/people/{person.Id}")).ReadAs<PersonResponse>();
        Assert.Equal(consented.Version, after.Version);
        var consent = Assert.Single(after.Consents);
        Assert.Equal(("directory-contact", "2025-03", (DateTimeOffset?)null, (DateTimeOffset?)null),
            (consent.Purpose, consent.WordingVersion, consent.RenewedAt, consent.WithdrawnAt));
    }

    [Fact]
    public async Task A_person_corrects_their_details_honouring_if_match()
    {
        var user = await NewSignedInUser();
        var person = await RecordMe(user);

        var stale = new HttpRequestMessage(HttpMethod.Put, $"/api/directory/people/{person.Id}") { Content = Json("""{"displayName":"Amara O."}""") };
        stale.Headers.IfMatch.Add(new EntityTagHeaderValue("\"7\""));
        await (await user.SendAsync(stale)).AssertProblem(HttpStatusCode.PreconditionFailed);

        var fresh = new HttpRequestMessage(HttpMethod.Put, $"/api/directory/people/{person.Id}") { Content = Json("""{"displayName":"Amara O."}""") };
        fresh.Headers.IfMatch.Add(new EntityTagHeaderValue("\"1\""));
        var corrected = await user.SendAsync(fresh);
        Assert.Equal("\"2\"", corrected.Headers.ETag?.Tag);
        var after = await corrected.ReadAs<PersonResponse>();
        Assert.Equal(("Amara O.", (string?)null), (after.DisplayName, after.Email));
    }

    [Fact]
    public async Task Staff_erase_a_person_whose_name_and_email_then_remain_in_no_event()
    {
        var (organisation, _, _) = await OrganisationWithOwner();
        var user = await NewSignedInUser();
        var unique = $"Zainab{Guid.NewGuid():N}";
        var person = await RecordMe(user, unique, $"{unique}@example.org");
        await (await AddMember(Staff, organisation, person.Id, "Owner")).ReadAs<MemberResponse>(HttpStatusCode.Created);
        await (await user.PostJson($"/api/directory/people/{person.Id}/consents", new { purpose = "directory-contact", wordingVersion = "2025-01" }))
            .ReadAs<PersonResponse>();
        Assert.True(await EventsMentioning(unique) >= 2);

        await (await user.PostAsync($"/api/directory/people/{person.Id}/erasure", null)).AssertProblem(HttpStatusCode.Forbidden);
        var erased = await (await Staff.PostAsync($"/api/directory/people/{person.Id}/erasure", null)).ReadAs<PersonResponse>();

        Assert.Equal((Person.ErasedName, (string?)null, false), (erased.DisplayName, erased.Email, erased.SignsIn));
        Assert.NotNull(erased.ErasedAt);
        Assert.Empty(erased.Memberships);
        Assert.False(Assert.Single(erased.Consents).IsActive);
        Assert.Equal(0, await EventsMentioning(unique));
        Assert.Equal(0, await DocumentsMentioning(unique));
        Assert.DoesNotContain(await Members(organisation), m => m.PersonId == person.Id);
        // The token no longer leads to the erased person.
        await (await user.GetAsync("/api/directory/people/me")).AssertProblem(HttpStatusCode.NotFound);
        // Erasing again only masks again.
        Assert.Equal(Person.ErasedName, (await (await Staff.PostAsync($"/api/directory/people/{person.Id}/erasure", null)).ReadAs<PersonResponse>()).DisplayName);
        await (await Staff.PostAsync($"/api/directory/people/{Guid.NewGuid()}/erasure", null)).AssertProblem(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Other_use_cases_add_several_memberships_of_one_person_in_one_transaction()
    {
        var first = await RegisterOrganisation();
        var second = await RegisterOrganisation();
        var person = await RecordMe(await NewSignedInUser(), "Multi Member", null);
        var store = Network.Directory.Services.GetRequiredService<Marten.IDocumentStore>();

        await using (var session = store.LightweightSession())
        {
            var staff = new Actor("staff-1", "Sam Staff");
            var firstOrganisation = (await session.LoadAsync<Organisation>(first))!;
            var secondOrganisation = (await session.LoadAsync<Organisation>(second))!;
            await JoinOrganisation.AddMembershipAsync(session, person.Id, firstOrganisation, MembershipRole.Owner, staff, DateTimeOffset.UtcNow, default);
            await JoinOrganisation.AddMembershipAsync(session, person.Id, secondOrganisation, MembershipRole.Member, staff, DateTimeOffset.UtcNow, default);
            var duplicate = await Assert.ThrowsAsync<DomainRuleViolation>(() =>
                JoinOrganisation.AddMembershipAsync(session, person.Id, firstOrganisation, MembershipRole.Member, staff, DateTimeOffset.UtcNow, default));
            Assert.Equal(409, duplicate.Status);
            await session.SaveChangesAsync();
        }

        var stored = await (await Staff.GetAsync($"/api/directory/people/{person.Id}")).ReadAs<PersonResponse>();
        Assert.Equal([(first, MembershipRole.Owner), (second, MembershipRole.Member)], stored.Memberships.Select(m => (m.OrganisationId, m.Role)));
        Assert.Single(await Members(first));
        Assert.Single(await Members(second));
    }

    async Task<long> EventsMentioning(string text) =>
        await Scalar("select count(*) from mt_events where data::text like '%' || @text || '%'", text);

    async Task<long> DocumentsMentioning(string text) =>
        await Scalar("select count(*) from mt_doc_person where data::text like '%' || @text || '%'", text);

    async Task<long> Scalar(string sql, string text)
    {
        await using var connection = new NpgsqlConnection(Network.DirectoryDatabase);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        command.Parameters.AddWithValue("text", text);
        return (long)(await command.ExecuteScalarAsync())!;
    }
}
