using System.Net;
using MassTransit;
using Microsoft.Extensions.DependencyInjection;
using Network.Contracts.Directory;
using Network.Directory.Organisations.Viewing;
using Network.Directory.People.Viewing;
using Network.Forum.Members;
using Network.Platform.Http;
using Network.Tests.Hosting;
using Xunit;

namespace Network.Tests.Forum;

/// <summary>The Forum's member list, fed by the Directory's people events.</summary>
public class MembersTests(NetworkFixture fixture) : IClassFixture<NetworkFixture>
{
    NetworkUnderTest Network => fixture.Network;
    static readonly TimeSpan Delivery = TimeSpan.FromSeconds(30);

    HttpClient Staff => Network.Gateway.NewClient(Network.StaffToken);

    HttpClient? reader;

    /// <summary>One signed-in member reads the list for the whole test: polling must not sign a new person in each time.</summary>
    async Task<HttpClient> Reader() => reader ??= await Network.MemberAsync();

    async Task<Page<ForumMemberResponse>> ForumMembers(Guid? organisation = null) =>
        await (await (await Reader())
            .GetAsync($"/api/forum/members?pageSize=100{(organisation is { } id ? $"&organisation={id}" : "")}"))
            .ReadAs<Page<ForumMemberResponse>>();

    Task<Page<ForumMemberResponse>> ForumMembersUntil(Func<Page<ForumMemberResponse>, bool> done, string what, Guid? organisation = null) =>
        Eventually.Until(() => ForumMembers(organisation), done, Delivery, what);

    async Task<Guid> Organisation(bool verify)
    {
        var organisation = await (await Staff.PostJson("/api/directory/organisations", new
        {
            name = $"Dürener Migrantenforum {Guid.NewGuid():N}", kind = "MigrantOrganisation", municipalityAgs = "05358008",
            shortDescription = "Migrant organisations in Düren.",
        })).ReadAs<OrganisationResponse>(HttpStatusCode.Created);
        if (verify)
            await (await Staff.PostAsync($"/api/directory/organisations/{organisation.Id}/verification", null)).ReadAs<OrganisationResponse>();
        return organisation.Id;
    }

    /// <summary>A signed-in person who consented to appear in the forum.</summary>
    async Task<(HttpClient Client, PersonResponse Person)> ConsentingPerson(string name)
    {
        var client = await Network.MemberAsync();
        var person = await (await client.PostJson("/api/directory/people/me", new { displayName = name }))
            .ReadAs<PersonResponse>(HttpStatusCode.Created);
        await (await client.PostJson($"/api/directory/people/{person.Id}/consents", new { purpose = "forum-participation", wordingVersion = "2025-01" }))
            .ReadAs<PersonResponse>();
        return (client, person);
    }

    Task<HttpResponseMessage> Join(Guid organisation, Guid person, string role) =>
        Staff.PostJson($"/api/directory/organisations/{organisation}/members", new { personId = person, role });

    [Fact]
    public async Task Joining_and_leaving_an_organisation_reaches_the_forum_member_list()
    {
        var organisation = await Organisation(verify: true);
        var (_, ada) = await ConsentingPerson($"Ada {Guid.NewGuid():N}");
        var (benClient, ben) = await ConsentingPerson($"Ben {Guid.NewGuid():N}");

        Assert.Equal(HttpStatusCode.Created, (await Join(organisation, ada.Id, "Owner")).StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await Join(organisation, ben.Id, "Member")).StatusCode);

        var page = await ForumMembersUntil(p => p.Items.Count == 2, "both members in the forum", organisation);
        var adaInForum = page.Items.Single(m => m.PersonId == ada.Id);
        Assert.Equal(ada.DisplayName, adaInForum.DisplayName);
        var acting = Assert.Single(adaInForum.Organisations);
        Assert.Equal((organisation, "Owner"), (acting.Id, acting.Role));
        Assert.StartsWith("Dürener Migrantenforum", acting.Name);

        Assert.Equal(HttpStatusCode.NoContent,
            (await benClient.DeleteAsync($"/api/directory/organisations/{organisation}/members/{ben.Id}")).StatusCode);
        var after = await ForumMembersUntil(p => p.Items.All(m => m.PersonId != ben.Id), "the leaver gone from the forum", organisation);
        Assert.Equal(ada.Id, Assert.Single(after.Items).PersonId);
    }

    [Fact]
    public async Task Only_consenting_people_acting_for_a_verified_organisation_are_listed_and_withdrawal_or_erasure_removes_them()
    {
        var verified = await Organisation(verify: true);
        var pending = await Organisation(verify: false);
        var (_, ofPending) = await ConsentingPerson($"Pending-Pia {Guid.NewGuid():N}");
        var unconsentingClient = await Network.MemberAsync();
        var unconsenting = await (await unconsentingClient.PostJson("/api/directory/people/me", new { displayName = "Quiet Quentin" }))
            .ReadAs<PersonResponse>(HttpStatusCode.Created);
        var (withdrawerClient, withdrawer) = await ConsentingPerson($"Wanda {Guid.NewGuid():N}");
        var (_, erased) = await ConsentingPerson($"Erin {Guid.NewGuid():N}");
        await Join(pending, ofPending.Id, "Owner");
        await Join(verified, unconsenting.Id, "Owner");
        await Join(verified, withdrawer.Id, "Member");
        await Join(verified, erased.Id, "Member");

        // Wanda's and Erin's joins were published after the others', so by the time they show, the others were consumed.
        var page = await ForumMembersUntil(p => p.Items.Count(m => m.PersonId == withdrawer.Id || m.PersonId == erased.Id) == 2, "the consenting members");
        Assert.DoesNotContain(page.Items, m => m.PersonId == ofPending.Id || m.PersonId == unconsenting.Id);

        await (await withdrawerClient.PostAsync($"/api/directory/people/{withdrawer.Id}/consents/forum-participation/withdrawal", null))
            .ReadAs<PersonResponse>();
        await (await Staff.PostAsync($"/api/directory/people/{erased.Id}/erasure", null)).ReadAs<PersonResponse>();
        await ForumMembersUntil(p => p.Items.All(m => m.PersonId != withdrawer.Id && m.PersonId != erased.Id), "withdrawn and erased people gone");
    }

    [Fact]
    public async Task The_member_list_is_for_signed_in_callers_and_pages_like_every_list()
    {
        await (await Network.Gateway.NewClient().GetAsync("/api/forum/members")).AssertProblem(HttpStatusCode.Unauthorized);
        await (await (await Network.MemberAsync()).GetAsync("/api/forum/members?pageSize=1000"))
            .AssertProblem(HttpStatusCode.BadRequest);
    }

    Task Publish(object message, Guid? messageId = null) =>
        Network.Directory.Services.GetRequiredService<IBus>().Publish(message, message.GetType(),
            Pipe.Execute<PublishContext>(c => c.MessageId = messageId ?? NewId.NextGuid()));

    async Task<ForumMember?> Stored(Guid personId)
    {
        await using var session = Network.Forum.Services.GetRequiredService<Marten.IDocumentStore>().QuerySession();
        return await session.LoadAsync<ForumMember>(personId);
    }

    [Fact]
    public async Task Late_and_repeated_messages_never_undo_a_newer_change()
    {
        var organisation = Guid.NewGuid();
        var person = Guid.NewGuid();
        var now = DateTimeOffset.UtcNow;
        var joined = Guid.NewGuid();

        // The leave (version 3) overtakes the join (version 2); the join arrives twice.
        await Publish(new PersonLeftOrganisation(organisation, person, 3, now));
        await Eventually.Until(() => Stored(person), m => m is not null, Delivery, "the leave applied");
        await Publish(new PersonJoinedOrganisation(organisation, person, "Member", "Late Lars", 2, now), joined);
        await Publish(new PersonJoinedOrganisation(organisation, person, "Member", "Late Lars", 2, now), joined);
        await Publish(new PersonDisplayNameChanged(person, "Lars", 4, now));

        var member = await Eventually.Until(() => Stored(person), m => m?.DisplayName == "Lars", Delivery, "the rename applied");
        Assert.Empty(member!.ActingFor);
        Assert.Equal(3, Assert.Single(member.Memberships).Version);

        // After an erasure nothing brings the name back.
        await Publish(new PersonErased(person, 5, now));
        await Eventually.Until(() => Stored(person), m => m?.Erased == true, Delivery, "the erasure applied");
        await Publish(new PersonJoinedOrganisation(Guid.NewGuid(), person, "Owner", "Lars again", 6, now));
        await Publish(new PersonDisplayNameChanged(person, "Sentinel", 7, now));
        var sentinel = Guid.NewGuid();
        await Publish(new PersonDisplayNameChanged(sentinel, "Sentinel", 1, now));
        await Eventually.Until(() => Stored(sentinel), m => m is not null, Delivery, "a later message consumed");
        var erased = await Stored(person);
        Assert.Null(erased!.DisplayName);
        Assert.Empty(erased.ActingFor);
    }
}
