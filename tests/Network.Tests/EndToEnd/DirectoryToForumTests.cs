using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Network.Directory.Organisations.Viewing;
using Network.Forum.Organisations;
using Network.Platform.Http;
using Network.Tests.Hosting;
using Xunit;

namespace Network.Tests.EndToEnd;

/// <summary>Directory -> (outbox) -> RabbitMQ -> Forum, on the real servers.</summary>
public class DirectoryToForumTests(NetworkFixture fixture) : IClassFixture<NetworkFixture>
{
    NetworkUnderTest Network => fixture.Network;
    static readonly TimeSpan Delivery = TimeSpan.FromSeconds(30);

    async Task<OrganisationResponse> RegisterAndVerify(HttpClient staff, string name, string ags = "14713000")
    {
        var registered = await (await staff.PostJson("/organisations",
            new { name, kind = "MigrantOrganisation", municipalityAgs = ags, shortDescription = "Leipzig, worldwide." }))
            .ReadAs<OrganisationResponse>(HttpStatusCode.Created);
        await (await staff.PostAsync($"/organisations/{registered.Id}/verification", null)).ReadAs<OrganisationResponse>();
        return registered;
    }

    [Fact]
    public async Task A_verified_organisation_appears_in_the_forum_and_follows_its_profile_changes()
    {
        var staff = Network.DirectoryAsStaff();
        var forum = Network.Forum.NewClient();
        var organisation = await RegisterAndVerify(staff, $"Leipzig Latinx Network {Guid.NewGuid():N}");

        var member = await Eventually.Until(
            () => forum.GetAsync($"/organisations/{organisation.Id}"),
            r => r.StatusCode == HttpStatusCode.OK, Delivery, "the verified organisation in the forum");
        Assert.Equal(organisation.Name, (await member.ReadAs<MemberOrganisationResponse>()).Name);

        var update = new HttpRequestMessage(HttpMethod.Put, $"/organisations/{organisation.Id}/profile")
        {
            Content = new StringContent("""{"name":"Leipzig Latinx Network e.V.","shortDescription":"Renamed"}""", Encoding.UTF8, "application/json"),
        };
        update.Headers.IfMatch.Add(new EntityTagHeaderValue("\"2\""));
        (await staff.SendAsync(update)).EnsureSuccessStatusCode();

        await Eventually.Until(
            async () => await (await forum.GetAsync($"/organisations/{organisation.Id}")).ReadAs<MemberOrganisationResponse>(),
            o => o.Name == "Leipzig Latinx Network e.V.", Delivery, "the renamed organisation in the forum");
    }

    [Fact]
    public async Task A_pending_organisation_does_not_appear_in_the_forum()
    {
        var staff = Network.DirectoryAsStaff();
        var pending = await (await staff.PostJson("/organisations",
            new { name = $"Pending {Guid.NewGuid():N}", kind = "OneWorldGroup", municipalityAgs = "14713000", shortDescription = "x" }))
            .ReadAs<OrganisationResponse>(HttpStatusCode.Created);
        // A verified one registered after it proves the pending one's events have been consumed by then.
        var verified = await RegisterAndVerify(staff, $"Verified {Guid.NewGuid():N}");
        await Eventually.Until(() => Network.Forum.NewClient().GetAsync($"/organisations/{verified.Id}"),
            r => r.StatusCode == HttpStatusCode.OK, Delivery, "the verified organisation in the forum");

        await (await Network.Forum.NewClient().GetAsync($"/organisations/{pending.Id}")).AssertProblem(HttpStatusCode.NotFound);
        var page = await (await Network.Forum.NewClient().GetAsync("/organisations?pageSize=100")).ReadAs<Page<MemberOrganisationResponse>>();
        Assert.DoesNotContain(page.Items, o => o.Id == pending.Id);
    }
}
