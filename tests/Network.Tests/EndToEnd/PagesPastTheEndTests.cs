using System.Net;
using System.Text.Json;
using Network.Platform.Http;
using Network.Tests.Directory;
using Network.Tests.Hosting;
using Xunit;
using static Network.Tests.Events.NetworkEventTestSupport;

namespace Network.Tests.EndToEnd;

/// <summary>
/// Every paged list of every service, through the Gateway: a page past the end is empty and carries the same
/// <c>totalItems</c> as page 1, so a client paging by the total stops where it should (issue 14). Page numbers beyond
/// <see cref="Paging.MaxPage"/> are a 400 problem, not an offset that overflows.
/// </summary>
public class PagesPastTheEndTests(NetworkFixture fixture) : IClassFixture<NetworkFixture>
{
    NetworkUnderTest Network => fixture.Network;
    HttpClient Staff => Network.Gateway.NewClient(Network.StaffToken);

    DirectorySeed Seed => new(Network);

    Task<Guid> VerifiedOrganisation(string kind = "MigrantOrganisation") => Seed.Verified(new SeedProfile($"Verein {Guid.NewGuid():N}", kind));

    static async Task<Page<JsonElement>> PageOf(HttpClient client, string list, int page)
    {
        var separator = list.Contains('?') ? '&' : '?';
        return await (await client.GetAsync($"{list}{separator}page={page}&pageSize=1")).ReadAs<Page<JsonElement>>();
    }

    [Fact]
    public async Task A_page_past_the_end_of_every_list_is_empty_and_carries_the_total_of_page_one()
    {
        // Something in every list: organisations (one a coordinator with a partner for suggestions), a local network,
        // an event with a registration, an advisory request, a partner system, a person listed in the forum; the staff
        // account and its sign-in are already in Identity's accounts and audit.
        var coordinator = await VerifiedOrganisation("MunicipalIntegrationDepartment");
        var partner = await VerifiedOrganisation();
        await VerifiedOrganisation();
        (await Staff.PostJson("/api/directory/local-networks", new
        {
            name = $"Netzwerk {Guid.NewGuid():N}", municipalityAgs = "05314000", coordinatorOrganisationId = coordinator, initiatedOn = "2026-01-15",
        })).EnsureSuccessStatusCode();
        await Identity.Partners.CreateAsync(Network, "Paging partner", "events");

        var organiser = await KnownOrganiser(Network);
        var networkEvent = await CreatePublished(Staff, EventBody(organiser));
        var member = await Network.MemberAsync(partner);
        (await member.PostAsync($"{Api}/events/{networkEvent.Id}/registrations", null)).EnsureSuccessStatusCode();
        (await member.PostJson($"{Api}/advisory-requests", Authorisation.AuthorisationMatrixFixture.AdviceRequest(null))).EnsureSuccessStatusCode();

        // A person listed in the forum: consented, acting for a verified organisation.
        var listed = await Network.MemberAsync();
        var person = (await (await listed.PostJson("/api/directory/people/me", new { displayName = $"Ada {Guid.NewGuid():N}" }))
            .ReadAs<JsonElement>(HttpStatusCode.Created)).GetProperty("id").GetGuid();
        (await listed.PostJson($"/api/directory/people/{person}/consents", new { purpose = "forum-participation", wordingVersion = "2025-01" }))
            .EnsureSuccessStatusCode();
        (await Staff.PostJson($"/api/directory/organisations/{partner}/members", new { personId = person, role = "Member" })).EnsureSuccessStatusCode();

        // The Forum learns of verified organisations and their people from the Directory's messages.
        await Eventually.Until(() => PageOf(Staff, "/api/forum/organisations", 1), p => p.TotalItems >= 3,
            TimeSpan.FromSeconds(30), "the Forum to know the verified organisations");
        await Eventually.Until(() => PageOf(listed, "/api/forum/members", 1), p => p.TotalItems >= 1,
            TimeSpan.FromSeconds(30), "the Forum to list the consenting member");

        string[] lists =
        [
            "/api/directory/organisations",
            "/api/directory/search/organisations?q=Verein",
            "/api/directory/municipalities",
            "/api/directory/local-networks",
            $"/api/directory/organisations/{coordinator}/suggestions",
            "/api/forum/organisations",
            "/api/forum/members",
            "/api/events/events",
            $"/api/events/events/{networkEvent.Id}/registrations",
            "/api/events/advisory-requests",
            "/api/identity/accounts",
            "/api/identity/partners",
            "/api/identity/audit",
        ];
        foreach (var list in lists)
        {
            var client = list == "/api/forum/members" ? listed : Staff;
            var first = await PageOf(client, list, 1);
            Assert.True(first.TotalItems >= 1, $"{list}: the test needs something in the list");
            Assert.Single(first.Items);

            var pastTheEnd = await PageOf(client, list, (int)first.TotalItems + 3);
            Assert.Empty(pastTheEnd.Items);
            Assert.True(first.TotalItems == pastTheEnd.TotalItems,
                $"{list}: page 1 says {first.TotalItems} in all, a page past the end says {pastTheEnd.TotalItems}");
            Assert.False(pastTheEnd.HasNextPage);
        }
    }

    [Theory]
    [InlineData("/api/directory/organisations")]
    [InlineData("/api/events/events")]
    [InlineData("/api/identity/audit")]
    public async Task A_page_number_beyond_the_limit_is_a_400_problem_not_an_overflowing_offset(string list)
    {
        var problem = await (await Staff.GetAsync($"{list}?page={Paging.MaxPage + 1}&pageSize=100")).AssertProblem(HttpStatusCode.BadRequest);
        Assert.Contains("page", problem.GetProperty("errors").EnumerateObject().Select(e => e.Name));

        await (await Staff.GetAsync($"{list}?page={int.MaxValue}&pageSize=100")).AssertProblem(HttpStatusCode.BadRequest);
        (await Staff.GetAsync($"{list}?page={Paging.MaxPage}&pageSize=100")).EnsureSuccessStatusCode();
    }
}
