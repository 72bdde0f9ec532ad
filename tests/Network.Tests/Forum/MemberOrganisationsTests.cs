using System.Net;
using MassTransit;
using Microsoft.Extensions.DependencyInjection;
using Network.Contracts.Directory;
using Network.Forum.Organisations;
using Network.Platform.Http;
using Network.Tests.Hosting;
using Xunit;

namespace Network.Tests.Forum;

/// <summary>The Forum's read model of organisations, fed by the Directory's integration events.</summary>
public class MemberOrganisationsTests(NetworkFixture fixture) : IClassFixture<NetworkFixture>
{
    NetworkUnderTest Network => fixture.Network;

    Task Publish(object message, Guid? messageId = null) =>
        Network.Directory.Services.GetRequiredService<IBus>().Publish(message, message.GetType(),
            Pipe.Execute<PublishContext>(c => c.MessageId = messageId ?? NewId.NextGuid()));

    Task<Page<MemberOrganisationResponse>> Members(string municipality) =>
        Network.Forum.NewClient().GetAsync($"/organisations?municipality={municipality}&pageSize=100")
            .ContinueWith(r => r.Result.ReadAs<Page<MemberOrganisationResponse>>()).Unwrap();

    [Fact]
    public async Task Messages_about_one_organisation_consumed_at_the_same_moment_lose_nothing()
    {
        const string kiel = "01002000";
        var ids = Enumerable.Range(0, 40).Select(_ => Guid.NewGuid()).ToList();
        var now = DateTimeOffset.UtcNow;

        await Task.WhenAll(ids.SelectMany((id, i) => new[]
        {
            Publish(new OrganisationRegistered(id, $"Kiel {i:00}", "OneWorldGroup", kiel, "Registered", 1, now)),
            Publish(new OrganisationVerified(id, 2, now)),
            Publish(new OrganisationProfileUpdated(id, $"Kiel {i:00} e.V.", "Renamed", 3, now)),
        }));

        // Each organisation's three messages are applied whatever order they are consumed in, none lost.
        var members = await Eventually.Until(() => Members(kiel),
            p => p.TotalItems == 40 && p.Items.All(m => m.Name.EndsWith("e.V.")), TimeSpan.FromSeconds(60), "40 renamed member organisations");
        Assert.All(members.Items, m => Assert.Equal("Renamed", m.ShortDescription));
        Assert.All(members.Items, m => Assert.Equal("OneWorldGroup", m.Kind));
    }

    [Fact]
    public async Task A_late_older_profile_change_does_not_overwrite_a_newer_one_and_a_duplicate_changes_nothing()
    {
        const string bonn = "05314000";
        var id = Guid.NewGuid();
        var now = DateTimeOffset.UtcNow;
        var registered = Guid.NewGuid();
        await Publish(new OrganisationRegistered(id, "Bonn original", "MigrantOrganisation", bonn, "v1", 1, now), registered);
        await Publish(new OrganisationVerified(id, 2, now));
        await Publish(new OrganisationProfileUpdated(id, "Bonn newest", "v4", 4, now));
        await Eventually.Until(() => Members(bonn), p => p.Items.Any(m => m.Name == "Bonn newest"), TimeSpan.FromSeconds(30), "the newest name");

        await Publish(new OrganisationProfileUpdated(id, "Bonn older", "v3", 3, now));
        await Publish(new OrganisationRegistered(id, "Bonn original", "MigrantOrganisation", bonn, "v1", 1, now), registered);
        // A marker published after them shows they have been consumed.
        var marker = Guid.NewGuid();
        await Publish(new OrganisationRegistered(marker, "Bonn marker", "MigrantOrganisation", bonn, "m", 1, now));
        await Publish(new OrganisationVerified(marker, 2, now));
        var members = await Eventually.Until(() => Members(bonn), p => p.TotalItems == 2, TimeSpan.FromSeconds(30), "the marker");

        Assert.Equal("Bonn newest", Assert.Single(members.Items, m => m.Id == id).Name);
        Assert.Equal(1, await HttpAssertions.CountRows(Network.ForumDatabase,
            $"mt_doc_memberorganisation where id = '{id}' and (data->>'RegistrationsApplied')::int = 1"));
        var response = await Network.Forum.NewClient().GetAsync($"/organisations/{id}");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    async Task<Page<MemberOrganisationResponse>> AfterMarker(string municipality, int expected)
    {
        // A marker published after the messages under test shows they have been consumed.
        var marker = Guid.NewGuid();
        var now = DateTimeOffset.UtcNow;
        await Publish(new OrganisationRegistered(marker, $"Marker {marker:N}", "OneWorldGroup", municipality, "m", 1, now));
        await Publish(new OrganisationVerified(marker, 2, now));
        return await Eventually.Until(() => Members(municipality), p => p.Items.Any(m => m.Id == marker) && p.TotalItems == expected,
            TimeSpan.FromSeconds(30), "the marker");
    }

    [Fact]
    public async Task Rejected_archived_and_not_public_organisations_leave_the_forum_whatever_order_their_messages_arrive_in()
    {
        const string leipzig = "14713000";
        var now = DateTimeOffset.UtcNow;
        var (rejected, archived, membersOnly, resubmitted, kept) = (Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid());
        foreach (var id in new[] { rejected, archived, resubmitted, kept })
            await Publish(new OrganisationRegistered(id, $"Leipzig {id:N}", "MigrantOrganisation", leipzig, "x", 1, now, Visibility: "Public"));
        await Publish(new OrganisationRegistered(membersOnly, "Leipzig members only", "MigrantOrganisation", leipzig, "x", 1, now, Visibility: "Members"));

        // Rejected at version 2, and a verification of an older version arriving late does not bring it back.
        await Publish(new OrganisationRejected(rejected, "No development work.", 2, now));
        // Verified, then archived: an archive is for good.
        await Publish(new OrganisationVerified(archived, 2, now));
        await Publish(new OrganisationArchived(archived, 3, now));
        await Publish(new OrganisationVerified(membersOnly, 2, now));
        // Verified at 2? No: rejected at 2, resubmitted at 3, pending again.
        await Publish(new OrganisationRejected(resubmitted, "Incomplete.", 2, now));
        await Publish(new OrganisationResubmitted(resubmitted, 3, now));
        await Publish(new OrganisationVerified(kept, 2, now));
        await AfterMarker(leipzig, 2);
        await Publish(new OrganisationVerified(rejected, 1, now));

        var members = await AfterMarker(leipzig, 3);
        Assert.Contains(members.Items, m => m.Id == kept);
        Assert.DoesNotContain(members.Items, m => m.Id == rejected || m.Id == archived || m.Id == membersOnly || m.Id == resubmitted);
        await (await Network.Forum.NewClient().GetAsync($"/organisations/{archived}")).AssertProblem(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task A_profile_update_that_makes_an_organisation_members_only_takes_it_out_of_the_forum()
    {
        const string dueren = "05358008";
        var id = Guid.NewGuid();
        var now = DateTimeOffset.UtcNow;
        await Publish(new OrganisationRegistered(id, "Düren open", "OneWorldGroup", dueren, "x", 1, now));
        await Publish(new OrganisationVerified(id, 2, now));
        await AfterMarker(dueren, 2);

        await Publish(new OrganisationProfileUpdated(id, "Düren closed", "x", 3, now, Kind: "UmbrellaOrganisation", Visibility: "Members"));

        var members = await AfterMarker(dueren, 2);
        Assert.DoesNotContain(members.Items, m => m.Id == id);
    }
}
