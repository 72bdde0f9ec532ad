using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.Http.Metadata;
using Network.Tests.Directory;
using Network.Tests.Hosting;
using Xunit;
using Xunit.Abstractions;
using static Network.Tests.Events.NetworkEventTestSupport;

namespace Network.Tests.EndToEnd;

/// <summary>
/// Issue 9, item 4: every <c>Location</c> header and link a client receives through the gateway resolves through the
/// gateway. Each creating endpoint of every service is called through the gateway, and its <c>Location</c> is followed
/// with the same caller: it must answer 200 with the thing just created.
/// </summary>
public class LinksThroughTheGatewayTests(NetworkFixture fixture, ITestOutputHelper output) : IClassFixture<NetworkFixture>
{
    NetworkUnderTest Network => fixture.Network;
    HttpClient Staff => Network.Gateway.NewClient(Network.StaffToken);

    [Fact]
    public async Task Every_created_resource_can_be_read_at_its_location_through_the_gateway()
    {
        var seed = new DirectorySeed(Network);
        var organisation = await seed.Verified(new SeedProfile($"Verein {Guid.NewGuid():N}"));
        var member = await Network.MemberAsync(organisation);
        var followed = new List<(string Route, string Location)>();

        async Task<JsonElement> Follow(string route, HttpClient caller, HttpResponseMessage created)
        {
            var body = await created.Content.ReadAsStringAsync();
            Assert.True(created.StatusCode == HttpStatusCode.Created, $"{route}: {(int)created.StatusCode} {body}");
            var location = created.Headers.Location ?? throw new Xunit.Sdk.XunitException($"{route}: 201 without a Location");
            Assert.False(location.IsAbsoluteUri, $"{route}: {location} (a path on the gateway is expected)");
            var read = await caller.GetAsync(location);
            Assert.True(read.StatusCode == HttpStatusCode.OK,
                $"{route}: its Location {location} answers {(int)read.StatusCode} through the gateway: {await read.Content.ReadAsStringAsync()}");
            followed.Add((route, location.ToString()));
            return JsonSerializer.Deserialize<JsonElement>(body);
        }

        // Directory
        const string d = "/api/directory";
        await Follow($"{d}/organisations", Staff, await Staff.PostJson($"{d}/organisations", new
        {
            name = $"Verein {Guid.NewGuid():N}", kind = "MigrantOrganisation", municipalityAgs = "14713000", shortDescription = "Links.",
        }));
        var shadow = (await Follow($"{d}/organisations/out-of-sight", Staff, await Staff.PostJson($"{d}/organisations/out-of-sight", new
        {
            name = $"Schatten {Guid.NewGuid():N}", kind = "MigrantOrganisation", municipalityAgs = "14713000", shortDescription = "Links.",
        }))).GetProperty("id").GetGuid();
        // An invitation to claim is a secret shown once: no Location, but the way to claim it, which must work as written.
        var invited = await Staff.PostAsync($"{d}/organisations/{shadow}/invitations", null);
        Assert.Equal(HttpStatusCode.Created, invited.StatusCode);
        Assert.Null(invited.Headers.Location);
        var invitation = JsonSerializer.Deserialize<JsonElement>(await invited.Content.ReadAsStringAsync());
        var claimWith = invitation.GetProperty("claimWith").GetString()!;
        Assert.StartsWith($"POST {d}/organisations/claims ", claimWith);
        var claimer = await Network.MemberAsync();
        var claimed = await claimer.PostJson(claimWith.Split(' ')[1], new { token = invitation.GetProperty("token").GetString() });
        Assert.True(claimed.IsSuccessStatusCode, $"{claimWith}: {(int)claimed.StatusCode} {await claimed.Content.ReadAsStringAsync()}");
        followed.Add(($"{d}/organisations/{{id}}/invitations", claimWith));
        var person = (await Follow($"{d}/people", Staff, await Staff.PostJson($"{d}/people",
            new { displayName = "Lina Link", email = $"lina-{Guid.NewGuid():N}@example.org" }))).GetProperty("id").GetGuid();
        await Follow($"{d}/organisations/{{organisationId}}/members", Staff,
            await Staff.PostJson($"{d}/organisations/{organisation}/members", new { personId = person, role = "Member" }));
        await Follow($"{d}/people/me", member, await member.PostJson($"{d}/people/me", new { displayName = "Mo Member" }));
        await Follow($"{d}/local-networks", Staff, await Staff.PostJson($"{d}/local-networks", new
        {
            name = $"Netzwerk {Guid.NewGuid():N}", municipalityAgs = "14713000", coordinatorOrganisationId = organisation, initiatedOn = "2026-01-15",
        }));
        await Follow($"{d}/municipalities", Staff, await Staff.PostJson($"{d}/municipalities", new { ags = "06411000", name = "Darmstadt" }));
        await Follow($"{d}/municipalities/{{ags}}/partnerships", Staff, await Staff.PostJson($"{d}/municipalities/06411000/partnerships", new
        {
            partnerName = "Buikwe", partnerCountry = "UG", since = "2015-03-01", topics = new[] { "schools" }, notes = "Links.",
        }));
        await Follow($"{d}/vocabularies/themes", Staff,
            await Staff.PostJson($"{d}/vocabularies/themes", new { key = "links-theme", en = "Links", de = "Links" }));

        // Events
        var organiser = await KnownOrganiser(Network);
        var networkEvent = (await Follow($"{Api}/events", Staff, await Staff.PostJson($"{Api}/events", EventBody(organiser)))).GetProperty("id").GetGuid();
        (await Staff.PostAsync($"{Api}/events/{networkEvent}/publication", null)).EnsureSuccessStatusCode();
        await Follow($"{Api}/events/{{id}}/registrations", member, await member.PostAsync($"{Api}/events/{networkEvent}/registrations", null));
        await Follow($"{Api}/advisory-requests", member,
            await member.PostJson($"{Api}/advisory-requests", Authorisation.AuthorisationMatrixFixture.AdviceRequest(organisation)));
        // The feed's address is in the body too, absolute, for a calendar app: it must work as it is.
        var feed = await Follow($"{Api}/calendar-feeds/mine", member, await member.PostAsync($"{Api}/calendar-feeds/mine", null));
        var feedUrl = feed.GetProperty("url").GetString()!;
        Assert.StartsWith($"{Network.Gateway.Address}api/events/calendar-feeds/", feedUrl);
        Assert.Equal(HttpStatusCode.OK, (await Network.Gateway.NewClient().GetAsync(feedUrl)).StatusCode);

        // Forum: a board, a thread, a reply (staff may post everywhere), a flag by a signed-in reader (its Location is the post)
        const string f = "/api/forum";
        var board = (await Follow($"{f}/boards", Staff, await Staff.PostJson($"{f}/boards", new { name = new { de = "Verlinkt", en = "Linked" } })))
            .GetProperty("id").GetGuid();
        var thread = (await Follow($"{f}/boards/{{id}}/threads", Staff,
            await Staff.PostJson($"{f}/boards/{board}/threads", new { title = "Links", body = "First", language = "en" }))).GetProperty("id").GetGuid();
        var reply = (await Follow($"{f}/threads/{{id}}/posts", Staff, await Staff.PostJson($"{f}/threads/{thread}/posts", new { body = "Reply", language = "en" })))
            .GetProperty("id").GetGuid();
        await Follow($"{f}/posts/{{id}}/flags", member, await member.PostJson($"{f}/posts/{reply}/flags", new { reason = "Testing links" }));

        // Identity
        const string id = "/api/identity";
        await Follow($"{id}/invitations", Staff,
            await Staff.PostJson($"{id}/invitations", new { personId = person, email = $"lina-{Guid.NewGuid():N}@example.org" }));
        await Follow($"{id}/partners", Staff, await Staff.PostJson($"{id}/partners", new { name = "Links partner", scopes = new[] { "events" }, contactEmail = "it@links.example" }));

        foreach (var (route, location) in followed) output.WriteLine($"{route} -> {location}");

        // Every endpoint that answers 201 is among them, so a new one cannot slip past this test.
        IReadOnlyList<(string Prefix, IServiceProvider Services)> services =
        [
            (d, Network.Directory.Services), (Api, Network.Events.Services), ("/api/forum", Network.Forum.Services),
            (id, Network.Identity.Service.Services),
        ];
        var creating = services.SelectMany(s => CreatingRoutes(s.Prefix, s.Services)).ToHashSet();
        Assert.Contains(Normalised($"{d}/organisations"), creating); // the enumeration itself works
        var notFollowed = creating.Except(followed.Select(f => Normalised(f.Route))).ToList();
        Assert.True(notFollowed.Count == 0, "Creating endpoints this test does not follow: " + string.Join(", ", notFollowed));
    }

    /// <summary>Routes whose endpoint declares a 201 answer (TypedResults.Created does), with the gateway's prefix.</summary>
    static IEnumerable<string> CreatingRoutes(string prefix, IServiceProvider services) =>
        RouteTable.Endpoints(prefix, services)
            .Where(e => e.Endpoint.Metadata.OfType<IProducesResponseTypeMetadata>().Any(m => m.StatusCode == 201))
            .Select(e => e.Route);

    static string Normalised(string route) => RouteTable.Normalised(route);
}
