using System.Net;
using System.Text;
using Network.Directory.Organisations.Viewing;
using Network.Forum.Organisations;
using Network.Platform.Http;
using Network.Tests.Hosting;
using Network.Tests.Infrastructure;
using Xunit;

namespace Network.Tests.EndToEnd;

/// <summary>The event store as outbox under the failures it exists for.</summary>
public class OutboxResilienceTests
{
    static readonly TimeSpan Delivery = TimeSpan.FromSeconds(90);

    static Task<HttpResponseMessage> Register(HttpClient staff, string name) =>
        staff.PostJson("/organisations", new { name, kind = "MigrantOrganisation", municipalityAgs = "09162000", shortDescription = "München" });

    /// <summary>How many organisations the Forum knows, and how many had their registration applied more than once.</summary>
    static async Task<(long Known, long AppliedTwice)> ForumView(NetworkUnderTest network) => (
        await HttpAssertions.CountRows(network.ForumDatabase, "mt_doc_memberorganisation where (data->>'RegistrationsApplied')::int >= 1"),
        await HttpAssertions.CountRows(network.ForumDatabase, "mt_doc_memberorganisation where (data->>'RegistrationsApplied')::int > 1"));

    [Fact]
    public async Task Organisations_registered_while_RabbitMQ_is_down_all_reach_the_forum_exactly_once()
    {
        await using var broker = await TestRabbitMq.StartDedicatedAsync();
        await using var network = await NetworkUnderTest.StartAsync(broker.AmqpUri);
        var staff = network.DirectoryAsStaff();
        // The Forum's queue must exist before the outage, as it would in production.
        (await Register(staff, "Before the outage")).EnsureSuccessStatusCode();
        await Eventually.Until(() => ForumView(network), v => v.Known == 1, Delivery, "the first organisation in the forum");

        await broker.StopAsync();
        // The service tells the truth about its broker (a publish-only bus would still say Healthy).
        await Eventually.Until(() => network.Directory.NewClient().GetAsync("/health"),
            r => r.StatusCode == HttpStatusCode.ServiceUnavailable, TimeSpan.FromSeconds(30), "the directory to report itself unhealthy");
        // Every fourth is verified too: its registration and verification then reach the forum in the same
        // page and are consumed at the same moment, which must not lose either.
        var registrations = await Task.WhenAll(Enumerable.Range(0, 200).Select(async i =>
        {
            var response = await Register(staff, $"During the outage {i:000}");
            if (response.StatusCode == HttpStatusCode.Created && i % 4 == 0)
            {
                var id = (await response.ReadAs<OrganisationResponse>(HttpStatusCode.Created)).Id;
                (await staff.PostAsync($"/organisations/{id}/verification", null)).EnsureSuccessStatusCode();
            }
            return response.StatusCode;
        }));
        Assert.All(registrations, status => Assert.Equal(HttpStatusCode.Created, status));
        await broker.StartAsync();

        var view = await Eventually.Until(() => ForumView(network), v => v.Known >= 201, Delivery, "201 organisations in the forum");
        Assert.Equal((201, 0), view);
        // Nothing trickles in late either: every registration was applied once and only once.
        await Task.Delay(TimeSpan.FromSeconds(2));
        Assert.Equal((201L, 0L), await ForumView(network));
        Assert.Equal(201 + 50, await HttpAssertions.CountRows(network.ForumDatabase, "mt_doc_processedmessage"));
        var members = await (await network.Forum.NewClient().GetAsync("/organisations?pageSize=100"))
            .ReadAs<Page<MemberOrganisationResponse>>();
        Assert.Equal(50, members.TotalItems);
        Assert.All(members.Items, m => Assert.StartsWith("During the outage", m.Name));
    }

    [Fact]
    public async Task Organisations_registered_while_RabbitMQ_is_frozen_all_reach_the_forum_once_it_thaws()
    {
        await using var broker = await TestRabbitMq.StartDedicatedAsync();
        await using var network = await NetworkUnderTest.StartAsync(broker.AmqpUri);
        var staff = network.DirectoryAsStaff();
        (await Register(staff, "Before the freeze")).EnsureSuccessStatusCode();
        await Eventually.Until(() => ForumView(network), v => v.Known == 1, Delivery, "the first organisation in the forum");

        await broker.PauseAsync();
        try
        {
            var registrations = await Task.WhenAll(Enumerable.Range(0, 50).Select(i => Register(staff, $"During the freeze {i:00}")));
            Assert.All(registrations, r => Assert.Equal(HttpStatusCode.Created, r.StatusCode));
            await Task.Delay(TimeSpan.FromSeconds(3));
        }
        finally
        {
            await broker.ResumeAsync();
        }

        var view = await Eventually.Until(() => ForumView(network), v => v.Known >= 51, Delivery, "51 organisations in the forum");
        Assert.Equal((51, 0), view);
    }

    [Fact]
    public async Task Two_directory_replicas_deliver_every_registration_exactly_once_even_when_the_active_one_stops()
    {
        await using var network = await NetworkUnderTest.StartAsync();
        var replica = await network.StartDirectoryReplicaAsync();
        var first = network.DirectoryAsStaff();
        var second = replica.NewClient(network.StaffToken);

        var before = await Task.WhenAll(Enumerable.Range(0, 40).Select(i => Register(i % 2 == 0 ? first : second, $"Replicated {i:00}")));
        Assert.All(before, r => Assert.Equal(HttpStatusCode.Created, r.StatusCode));
        await Eventually.Until(() => ForumView(network), v => v.Known == 40, Delivery, "40 organisations in the forum");

        // The first process started first and holds the outbox; stopping it leaves the replica to take over (HotCold).
        await network.Directory.DisposeAsync();
        var after = await Task.WhenAll(Enumerable.Range(0, 10).Select(i => Register(second, $"After fail-over {i}")));
        Assert.All(after, r => Assert.Equal(HttpStatusCode.Created, r.StatusCode));

        var view = await Eventually.Until(() => ForumView(network), v => v.Known >= 50, Delivery, "50 organisations in the forum");
        Assert.Equal((50, 0), view);
        await replica.DisposeAsync();
    }

    [Fact]
    public async Task A_burst_of_conflicting_writers_does_not_stall_the_outbox()
    {
        await using var network = await NetworkUnderTest.StartAsync();
        var staff = network.DirectoryAsStaff();
        var organisations = new List<OrganisationResponse>();
        for (var i = 0; i < 5; i++)
            organisations.Add(await (await Register(staff, $"Contested {i}")).ReadAs<OrganisationResponse>(HttpStatusCode.Created));

        // 200 writers race for 5 streams; the losers' rolled-back appends leave gaps in the event sequence.
        var outcomes = await Task.WhenAll(Enumerable.Range(0, 200).Select(i => staff.PutAsync(
            $"/organisations/{organisations[i % 5].Id}/profile",
            new StringContent($$"""{"name":"Contested {{i % 5}} v{{i}}","shortDescription":"burst"}""", Encoding.UTF8, "application/json"))));
        Assert.Contains(outcomes, r => r.StatusCode == HttpStatusCode.Conflict);
        Assert.DoesNotContain(outcomes, r => (int)r.StatusCode >= 500);

        // After the gaps, a new registration still flows through promptly.
        (await Register(staff, "After the burst")).EnsureSuccessStatusCode();
        await Eventually.Until(() => ForumView(network), v => v.Known == 6, TimeSpan.FromSeconds(30), "all six organisations in the forum");
    }
}
