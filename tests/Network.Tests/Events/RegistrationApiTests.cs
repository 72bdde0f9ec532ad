using System.Net;
using Network.Events.NetworkEvents;
using Network.Events.NetworkEvents.Viewing;
using Network.Events.Registrations;
using Network.Tests.Hosting;
using Xunit;
using static Network.Tests.Events.NetworkEventTestSupport;

namespace Network.Tests.Events;

/// <summary>Registrations through the Gateway: a person sees and cancels only their own; staff may cancel any.</summary>
public class RegistrationApiTests(NetworkFixture fixture) : IClassFixture<NetworkFixture>
{
    NetworkUnderTest Network => fixture.Network;
    HttpClient Staff => Network.Gateway.NewClient(Network.StaffToken);
    async Task<HttpClient> Person(string name, params Guid[] organisations) =>
        Network.Gateway.NewClient((await Network.PersonAsync(name, organisations)).AccessToken);

    [Fact]
    public async Task A_person_registers_sees_it_among_their_own_and_a_cancellation_promotes_the_next()
    {
        var organiser = await KnownOrganiser(Network);
        var published = await CreatePublished(Staff, EventBody(organiser, capacity: 1));
        var ana = await Person("Ana", organiser);
        var ben = await Person("Ben");

        var anas = await (await ana.PostJson($"{Api}/events/{published.Id}/registrations", new { organisationId = organiser })).ReadAs<RegistrationResponse>(HttpStatusCode.Created);
        var bens = await (await ben.PostJson($"{Api}/events/{published.Id}/registrations", new { })).ReadAs<RegistrationResponse>(HttpStatusCode.Created);
        Assert.Equal((RegistrationStatus.Confirmed, (Guid?)organiser), (anas.Status, anas.OrganisationId));
        Assert.Equal((RegistrationStatus.Waitlisted, (int?)1), (bens.Status, bens.PositionOnWaitingList));

        var mine = await (await ana.GetAsync($"{Api}/registrations/mine")).ReadAs<List<RegistrationResponse>>();
        Assert.Equal([anas.RegistrationId], mine.Select(r => r.RegistrationId));

        await (await ana.PostJson($"{Api}/events/{published.Id}/registrations", new { })).AssertProblem(HttpStatusCode.Conflict);
        await (await ben.DeleteAsync($"{Api}/events/{published.Id}/registrations/{anas.RegistrationId}")).AssertProblem(HttpStatusCode.Forbidden);
        await (await ben.GetAsync($"{Api}/events/{published.Id}/registrations/{anas.RegistrationId}")).AssertProblem(HttpStatusCode.Forbidden);
        Assert.Equal(RegistrationStatus.Confirmed, (await (await ana.GetAsync($"{Api}/events/{published.Id}/registrations/{anas.RegistrationId}")).ReadAs<RegistrationResponse>()).Status);

        Assert.Equal(HttpStatusCode.NoContent, (await ana.DeleteAsync($"{Api}/events/{published.Id}/registrations/{anas.RegistrationId}")).StatusCode);

        var bensNow = Assert.Single(await (await ben.GetAsync($"{Api}/registrations/mine")).ReadAs<List<RegistrationResponse>>());
        Assert.Equal(RegistrationStatus.Confirmed, bensNow.Status);
        Assert.Equal(RegistrationStatus.Cancelled, Assert.Single(await (await ana.GetAsync($"{Api}/registrations/mine")).ReadAs<List<RegistrationResponse>>()).Status);
    }

    [Fact]
    public async Task Acting_for_an_organisation_needs_membership_and_the_public_see_no_registrations()
    {
        var organiser = await KnownOrganiser(Network);
        var published = await CreatePublished(Staff, EventBody(organiser));
        var before = await StoredEvents(Network);

        await (await (await Person("Eve")).PostJson($"{Api}/events/{published.Id}/registrations", new { organisationId = organiser })).AssertProblem(HttpStatusCode.Forbidden);
        await (await Network.Gateway.NewClient().PostAsync($"{Api}/events/{published.Id}/registrations", null)).AssertProblem(HttpStatusCode.Unauthorized);
        await (await Network.Gateway.NewClient().GetAsync($"{Api}/registrations/mine")).AssertProblem(HttpStatusCode.Unauthorized);
        Assert.Equal(before, await StoredEvents(Network));

        var joe = await Person("Joe");
        await (await joe.PostAsync($"{Api}/events/{published.Id}/registrations", null)).ReadAs<RegistrationResponse>(HttpStatusCode.Created);
        var seen = await (await Network.Gateway.NewClient().GetAsync($"{Api}/events/{published.Id}")).ReadAs<EventResponse>();
        Assert.Equal(1, seen.ConfirmedCount);
        await (await joe.GetAsync($"{Api}/events/{published.Id}/registrations")).AssertProblem(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task Staff_may_cancel_anybodys_registration()
    {
        var organiser = await KnownOrganiser(Network);
        var published = await CreatePublished(Staff, EventBody(organiser));
        var registration = await (await (await Person("Kim")).PostAsync($"{Api}/events/{published.Id}/registrations", null)).ReadAs<RegistrationResponse>(HttpStatusCode.Created);

        Assert.Equal(HttpStatusCode.NoContent, (await Staff.DeleteAsync($"{Api}/events/{published.Id}/registrations/{registration.RegistrationId}")).StatusCode);
        await (await Staff.DeleteAsync($"{Api}/events/{published.Id}/registrations/{registration.RegistrationId}")).AssertProblem(HttpStatusCode.Conflict);
        Assert.Equal(RegistrationStatus.Cancelled, Assert.Single(await RegistrationsOf(Staff, published.Id)).Status);
        Assert.Equal(0, (await (await Staff.GetAsync($"{Api}/events/{published.Id}")).ReadAs<EventResponse>()).ConfirmedCount);
    }

    [Fact]
    public async Task Registering_and_cancelling_over_and_over_ends_at_the_fifth_registration_and_the_sixth_stores_nothing()
    {
        var organiser = await KnownOrganiser(Network);
        var published = await CreatePublished(Staff, EventBody(organiser, capacity: 5));
        var cleo = await Person("Cleo");
        for (var i = 0; i < 5; i++)
        {
            var registered = await (await cleo.PostAsync($"{Api}/events/{published.Id}/registrations", null)).ReadAs<RegistrationResponse>(HttpStatusCode.Created);
            Assert.Equal(HttpStatusCode.NoContent, (await cleo.DeleteAsync($"{Api}/events/{published.Id}/registrations/{registered.RegistrationId}")).StatusCode);
        }
        var before = await StoredEvents(Network);

        var refused = await (await cleo.PostAsync($"{Api}/events/{published.Id}/registrations", null)).AssertProblem(HttpStatusCode.Conflict);

        Assert.Equal("Registration limit reached", refused.GetProperty("title").GetString());
        Assert.Equal(before, await StoredEvents(Network));
        (await (await Person("Dan")).PostAsync($"{Api}/events/{published.Id}/registrations", null)).EnsureSuccessStatusCode();
    }
}
