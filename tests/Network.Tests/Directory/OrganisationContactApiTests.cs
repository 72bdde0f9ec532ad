using System.Net;
using Network.Directory.Organisations;
using Network.Directory.Organisations.Viewing;
using Network.Platform.Http;
using Network.Tests.Hosting;
using Xunit;

namespace Network.Tests.Directory;

/// <summary>An organisation's contact e-mail is shown as the organisation chose: to everybody, to signed-in people, or to staff.</summary>
public class OrganisationContactApiTests(NetworkFixture fixture) : IClassFixture<NetworkFixture>
{
    NetworkUnderTest Network => fixture.Network;
    HttpClient Staff => Network.Gateway.NewClient(Network.StaffToken);

    async Task<(Guid Id, string Email)> Verified(string? contactVisibility)
    {
        var email = $"kontakt-{Guid.NewGuid():N}@example.org";
        var organisation = await (await Staff.PostJson("/api/directory/organisations", new
        {
            name = $"Münchner Eine-Welt-Netz {Guid.NewGuid():N}", kind = "OneWorldGroup", municipalityAgs = "09162000",
            shortDescription = "One World groups in Munich.", contactEmail = email, contactVisibility,
        })).ReadAs<OrganisationResponse>(HttpStatusCode.Created);
        await (await Staff.PostAsync($"/api/directory/organisations/{organisation.Id}/verification", null)).AssertSuccess();
        return (organisation.Id, email);
    }

    static async Task<string?> ContactSeenBy(HttpClient reader, Guid organisation) =>
        (await (await reader.GetAsync($"/api/directory/organisations/{organisation}")).ReadAs<OrganisationResponse>()).ContactEmail;

    static async Task<string> ListSeenBy(HttpClient reader) =>
        await (await reader.GetAsync("/api/directory/organisations?municipality=09162000&pageSize=100")).Content.ReadAsStringAsync();

    [Theory]
    [InlineData("Public", true, true)]
    [InlineData("Members", false, true)]
    [InlineData(null, false, true)] // not chosen: signed-in people only
    [InlineData("Staff", false, false)]
    public async Task The_contact_email_is_shown_to_whom_the_organisation_chose_and_always_to_staff(
        string? contactVisibility, bool anonymousSees, bool memberSees)
    {
        var (organisation, email) = await Verified(contactVisibility);
        var anonymous = Network.Gateway.NewClient();
        var member = await Network.MemberAsync();

        Assert.Equal(anonymousSees ? email : null, await ContactSeenBy(anonymous, organisation));
        Assert.Equal(memberSees ? email : null, await ContactSeenBy(member, organisation));
        Assert.Equal(email, await ContactSeenBy(Staff, organisation));
        Assert.Equal(anonymousSees, (await ListSeenBy(anonymous)).Contains(email));
        Assert.Equal(memberSees, (await ListSeenBy(member)).Contains(email));
        Assert.Contains(email, await ListSeenBy(Staff));
        var search = await (await anonymous.GetAsync($"/api/directory/search/organisations?municipality=09162000&pageSize=100")).Content.ReadAsStringAsync();
        Assert.Equal(anonymousSees, search.Contains(email));
        // The organisation's own members see it whatever it chose.
        Assert.Equal(email, await ContactSeenBy(await Network.MemberAsync(organisation), organisation));
    }

    [Fact]
    public async Task An_unknown_contact_visibility_is_a_problem_that_stores_nothing()
    {
        var before = await HttpAssertions.StoredEvents(Network.DirectoryDatabase);
        var problem = await (await Staff.PostJson("/api/directory/organisations", new
        {
            name = $"Düren {Guid.NewGuid():N}", kind = "OneWorldGroup", municipalityAgs = "05358008", shortDescription = "x",
            contactEmail = "info@example.org", contactVisibility = "Everybody",
        })).AssertProblem(HttpStatusCode.BadRequest);
        Assert.Equal(before, await HttpAssertions.StoredEvents(Network.DirectoryDatabase));
        Assert.NotNull(problem.ToString());
    }
}
