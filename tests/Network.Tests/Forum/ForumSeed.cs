using System.Net;
using Marten;
using MassTransit;
using Microsoft.Extensions.DependencyInjection;
using Network.Contracts.Directory;
using Network.Forum.Boards;
using Network.Forum.Boards.Viewing;
using Network.Forum.Members;
using Network.Forum.Posts.Viewing;
using Network.Forum.Threads.Viewing;
using Network.Tests.Directory;
using Network.Tests.Hosting;
using Xunit;

namespace Network.Tests.Forum;

/// <summary>A signed-in person the Forum knows from the Directory's events.</summary>
public sealed record ForumPerson(Guid Id, string Name, HttpClient Client, string Email);

/// <summary>
/// Puts the Forum into a known state the way it gets there in production: organisations, networks and memberships come
/// from the Directory (through the gateway, or as the Directory's integration events on the broker), boards and posts
/// through the Forum's API, each caller signed in at the provider.
/// </summary>
public sealed class ForumSeed(NetworkUnderTest network)
{
    public const string Api = "/api/forum";
    public static readonly TimeSpan Delivery = TimeSpan.FromSeconds(30);

    public HttpClient Staff => network.Gateway.NewClient(network.StaffToken);
    public HttpClient Anonymous => network.Gateway.NewClient();
    public DirectorySeed Directory { get; } = new(network);

    /// <summary>An organisation verified in the Directory and arrived in the Forum's member list.</summary>
    public async Task<Guid> VerifiedOrganisation(string name, string ags = "05314000")
    {
        var id = await Directory.Verified(new SeedProfile($"{name} {Guid.NewGuid().ToString("N")[..8]}", Ags: ags));
        await Eventually.Until(() => Anonymous.GetAsync($"{Api}/organisations/{id}"), r => r.IsSuccessStatusCode, Delivery, "the organisation in the forum");
        return id;
    }

    public Task<Guid> PendingOrganisation(string name) => Directory.Pending(new SeedProfile($"{name} {Guid.NewGuid().ToString("N")[..8]}"));

    /// <summary>
    /// A person with an account acting for <paramref name="organisations"/>: the Directory's PersonJoinedOrganisation (and, with
    /// <paramref name="consent"/>, the forum-participation consent) published on the broker, and arrived in the Forum.
    /// </summary>
    public async Task<ForumPerson> Person(string name, bool consent, params Guid[] organisations)
    {
        var signedIn = await network.PersonAsync(name, organisations);
        var id = Guid.Parse(signedIn.Subject);
        var now = DateTimeOffset.UtcNow;
        var version = 1;
        foreach (var organisation in organisations)
            await Publish(new PersonJoinedOrganisation(organisation, id, "Member", name, ++version, now));
        if (consent) await Publish(new PersonConsentGiven(id, DirectoryPeopleConsumer.ForumParticipation, ++version, now));
        await Eventually.Until(() => Member(id), m => m is not null && organisations.All(m.ActingFor.Contains) && m.ListedByConsent == consent,
            Delivery, $"{name} in the forum's members");
        return new ForumPerson(id, name, network.Gateway.NewClient(signedIn.AccessToken), signedIn.Email);
    }

    public Task Publish(object message) =>
        network.Directory.Services.GetRequiredService<IBus>().Publish(message, message.GetType(),
            Pipe.Execute<PublishContext>(c => c.MessageId = NewId.NextGuid()));

    async Task<ForumMember?> Member(Guid id)
    {
        await using var session = network.Forum.Services.GetRequiredService<IDocumentStore>().QuerySession();
        return await session.LoadAsync<ForumMember>(id);
    }

    public async Task<BoardResponse> Board(string name, string visibility = "Public", string[]? themes = null) =>
        await (await Staff.PostJson($"{Api}/boards", new { name = new { de = $"{name} (de)", en = name }, themes = themes ?? ["education"], visibility }))
            .ReadAs<BoardResponse>(HttpStatusCode.Created);

    /// <summary>A local network created in the Directory (coordinated by <paramref name="coordinator"/>), its board opened in the Forum.</summary>
    public async Task<BoardResponse> NetworkBoard(string name, Guid coordinator, params Guid[] members)
    {
        var networkId = await Directory.Network($"{name} {Guid.NewGuid().ToString("N")[..8]}", "05314000", coordinator, members);
        var board = await Eventually.Until(() => Staff.GetAsync($"{Api}/boards/{networkId}"), r => r.IsSuccessStatusCode, Delivery, "the network's board");
        var opened = await board.ReadAs<BoardResponse>();
        Assert.Equal(BoardKind.LocalNetwork, opened.Kind);
        return opened;
    }

    public static async Task<ThreadResponse> Thread(HttpClient author, Guid board, string title, string body = "Wie organisiert ihr eure Treffen?", string language = "de") =>
        await (await author.PostJson($"{Api}/boards/{board}/threads", new { title, body, language })).ReadAs<ThreadResponse>(HttpStatusCode.Created);

    public static async Task<PostResponse> Reply(HttpClient author, Guid thread, string body, Guid? quotedPostId = null, string language = "en") =>
        await (await author.PostJson($"{Api}/threads/{thread}/posts", new { body, language, quotedPostId })).ReadAs<PostResponse>(HttpStatusCode.Created);
}
