using System.Net;
using Network.Directory.People.Viewing;
using Network.Forum.Members;
using Network.Platform.Http;
using Network.Tests.Directory;
using Network.Tests.Hosting;
using Xunit;

namespace Network.Tests.Forum;

/// <summary>The Forum's member list leaves out archived organisations, and shows staff-only ones to staff only.</summary>
public class MembersOfHiddenOrganisationsTests(NetworkFixture fixture) : IClassFixture<NetworkFixture>
{
    NetworkUnderTest Network => fixture.Network;
    static readonly TimeSpan Delivery = TimeSpan.FromSeconds(30);
    HttpClient Staff => Network.Gateway.NewClient(Network.StaffToken);

    /// <summary>Verified through the gateway by staff, with the organisation's visibility choice.</summary>
    Task<Guid> VerifiedOrganisation(string visibility) =>
        new DirectorySeed(Network).Verified(new SeedProfile($"Bonner Diaspora-Netz {Guid.NewGuid():N}", Visibility: visibility));

    /// <summary>A person listed by consent, acting for the organisation (added by staff).</summary>
    async Task<string> ListedMember(Guid organisation)
    {
        var client = await Network.MemberAsync();
        var name = $"Kwame {Guid.NewGuid():N}";
        var person = await (await client.PostJson("/api/directory/people/me", new { displayName = name })).ReadAs<PersonResponse>(HttpStatusCode.Created);
        await (await client.PostJson($"/api/directory/people/{person.Id}/consents", new { purpose = "forum-participation", wordingVersion = "2025-01" })).AssertSuccess();
        await (await Staff.PostJson($"/api/directory/organisations/{organisation}/members", new { personId = person.Id, role = "Member" })).AssertSuccess();
        return name;
    }

    static async Task<IReadOnlyList<string>> Names(HttpClient reader, Guid organisation) =>
        (await (await reader.GetAsync($"/api/forum/members?organisation={organisation}&pageSize=100")).ReadAs<Page<ForumMemberResponse>>())
            .Items.Select(m => m.DisplayName).ToList();

    [Fact]
    public async Task Members_of_an_archived_organisation_leave_the_list()
    {
        var organisation = await VerifiedOrganisation("Public");
        var name = await ListedMember(organisation);
        var reader = await Network.MemberAsync();
        await Eventually.Until(() => Names(reader, organisation), names => names.Contains(name), Delivery, "the member in the forum's list");

        await (await Staff.PostAsync($"/api/directory/organisations/{organisation}/archive", null)).AssertSuccess();

        await Eventually.Until(() => Names(reader, organisation), names => !names.Contains(name), Delivery, "the archived organisation's member to leave the list");
        Assert.DoesNotContain(name, await Names(Staff, organisation));
    }

    [Fact]
    public async Task Members_of_a_staff_only_organisation_are_listed_to_staff_only()
    {
        var organisation = await VerifiedOrganisation("Staff");
        var name = await ListedMember(organisation);
        // Staff see them: the Forum has had the membership and the consent (the marker for the member reader's check).
        await Eventually.Until(() => Names(Staff, organisation), names => names.Contains(name), Delivery, "the member in the staff's forum list");

        Assert.DoesNotContain(name, await Names(await Network.MemberAsync(), organisation));
        var all = await (await (await Network.MemberAsync()).GetAsync("/api/forum/members?pageSize=100")).Content.ReadAsStringAsync();
        Assert.DoesNotContain(name, all);
    }
}
