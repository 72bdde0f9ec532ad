using System.Net;
using Network.Directory.People.Viewing;
using Network.Events.NetworkEvents.Viewing;
using Network.Events.Registrations;
using Network.Forum.Members;
using Network.Platform.Http;
using Network.Tests.Events;
using Network.Tests.Hosting;
using Network.Tests.Identity;
using Xunit;

namespace Network.Tests.EndToEnd;

/// <summary>
/// The Directory's erasure reaches every service that holds the person's name or e-mail, each confirms, and afterwards
/// a search of every service database (events, documents, read models, inbox, account tables) finds neither.
/// </summary>
public class ErasureEverywhereTests(NetworkFixture fixture) : IClassFixture<NetworkFixture>
{
    NetworkUnderTest Network => fixture.Network;
    static readonly TimeSpan Delivery = TimeSpan.FromSeconds(30);

    IReadOnlyList<(string Service, string Database)> Databases =>
    [
        ("directory", Network.DirectoryDatabase), ("events", Network.EventsDatabase),
        ("forum", Network.ForumDatabase), ("identity", Network.Identity.Database), ("knowledge", Network.KnowledgeDatabase),
    ];

    async Task<IReadOnlyList<string>> SearchEverywhere(string text)
    {
        var hits = new List<string>();
        foreach (var (service, database) in Databases)
            hits.AddRange((await PersonalDataSearch.FindAsync(database, text)).Select(h => $"{service}: {h}"));
        return hits;
    }

    [Fact]
    public async Task After_an_erasure_confirmed_by_every_service_no_database_holds_the_persons_name_or_email()
    {
        var staff = Network.Staff();
        var unique = Guid.NewGuid().ToString("N")[..10];
        var name = $"Zaida Quennell {unique}";

        // The person acts in every service: member of an organisation, an account, listed in the forum, registered for an event,
        var organisation = await Network.RegisterOrganisationAsync($"Kieler Eine-Welt-Kreis {unique}", "01002000");
        var invitee = await Network.RecordPersonAsync(name, organisation.Id);
        var signedIn = await Network.InvitedAndSignedInAsync(invitee);
        var person = Network.Gateway.NewClient(signedIn.AccessToken);
        await (await person.PostJson($"/api/directory/people/{invitee.PersonId}/consents",
            new { purpose = "forum-participation", wordingVersion = "2025-01" })).AssertSuccess();
        await Eventually.Until(
            async () => await (await staff.GetAsync($"/api/forum/members?organisation={organisation.Id}")).ReadAs<Page<ForumMemberResponse>>(),
            page => page.Items.Any(m => m.DisplayName == name), Delivery, "the person in the forum's member list");

        var organiser = await NetworkEventTestSupport.KnownOrganiser(Network);
        var networkEvent = await NetworkEventTestSupport.CreatePublished(staff, NetworkEventTestSupport.EventBody(organiser));
        await (await person.PostAsync($"/api/events/events/{networkEvent.Id}/registrations", null))
            .ReadAs<RegistrationResponse>(HttpStatusCode.Created);
        var export = await (await staff.GetAsync($"/api/events/events/{networkEvent.Id}/registrations.csv")).AssertSuccess();
        Assert.Contains(name, await export.Content.ReadAsStringAsync());

        // ... and the author of a knowledge item (their name is on its events, revision and history).
        await (await person.PostJson("/api/knowledge/items", new
        {
            type = "LessonLearned", organisationId = organisation.Id,
            content = new { title = new { de = "Was wir lernten" }, sections = new Dictionary<string, object> { ["lesson"] = new { de = "Früh anfangen." } } },
        })).AssertSuccess();

        // The search sees the name and the e-mail where they are kept (so its empty answer below means something).
        var before = await SearchEverywhere(name);
        foreach (var service in new[] { "directory", "events", "forum", "identity", "knowledge" })
            Assert.Contains(before, hit => hit.StartsWith(service + ":", StringComparison.Ordinal));
        Assert.Contains(await SearchEverywhere(invitee.Email), hit => hit.StartsWith("identity:", StringComparison.Ordinal));

        await (await staff.PostAsync($"/api/directory/people/{invitee.PersonId}/erasure", null)).AssertSuccess();

        var erased = await Eventually.Until(
            async () => await (await staff.GetAsync($"/api/directory/people/{invitee.PersonId}")).ReadAs<PersonResponse>(),
            p => p.Erasure is { Complete: true }, Delivery, "every service's confirmation of the erasure");
        Assert.Equal(["events", "forum", "identity", "knowledge"], erased.Erasure!.ConfirmedBy.Order(StringComparer.Ordinal));
        Assert.Equal(["events", "forum", "identity", "knowledge"], erased.Erasure.ExpectedFrom.Order(StringComparer.Ordinal));

        Assert.Empty(await SearchEverywhere(name));
        Assert.Empty(await SearchEverywhere(invitee.Email));
        var exportAfter = await (await staff.GetAsync($"/api/events/events/{networkEvent.Id}/registrations.csv")).AssertSuccess();
        var rows = (await exportAfter.Content.ReadAsStringAsync()).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Contains(rows, row => row.Contains(invitee.PersonId.ToString()) && row.Contains("(erased)"));
    }
}
