using Marten;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Network.Forum.Boards.Viewing;
using Network.Forum.DemoData;
using Network.Forum.Posts.Viewing;
using Network.Forum.Threads.Viewing;
using Network.Platform.Http;
using Network.Tests.Hosting;
using Xunit;
using static Network.Tests.Forum.ForumSeed;

namespace Network.Tests.Forum;

/// <summary>The demo boards a newcomer sees on first start: clearly fictional discussions, loaded once however often the service starts.</summary>
public class ForumDemoDataTests(NetworkFixture fixture) : IClassFixture<NetworkFixture>
{
    NetworkUnderTest Network => fixture.Network;

    [Fact]
    public async Task The_demo_boards_have_fictional_discussions_and_loading_again_creates_nothing()
    {
        var store = Network.Forum.Services.GetRequiredService<IDocumentStore>();
        var loader = new ForumDemoData(TimeProvider.System, NullLogger<ForumDemoData>.Instance);
        Assert.Equal((3, 4), await loader.LoadAsync(store, DateTimeOffset.UtcNow, CancellationToken.None));
        Assert.Equal((0, 0), await loader.LoadAsync(store, DateTimeOffset.UtcNow, CancellationToken.None));

        var anonymous = Network.Gateway.NewClient();
        var boards = await (await anonymous.GetAsync($"{Api}/boards?pageSize=100")).ReadAs<Page<BoardResponse>>();
        Assert.Equal(ForumDemoData.BoardIds.Order(), boards.Items.Select(b => b.Id).Order());
        Assert.All(boards.Items, b => Assert.Contains("Demo", b.Name.De));
        var threads = await (await anonymous.GetAsync($"{Api}/boards/{ForumDemoData.BoardIds[0]}/threads")).ReadAs<KeysetPage<ThreadResponse>>();
        Assert.Equal(2, threads.Items.Count);
        var posts = await (await anonymous.GetAsync($"{Api}/threads/{threads.Items.Single(t => t.Title.StartsWith("Wie findet")).Id}/posts"))
            .ReadAs<KeysetPage<PostResponse>>();
        Assert.Equal(3, posts.Items.Count);
        Assert.All(posts.Items, p => Assert.Equal("Ada Demo (fictional staff)", p.Author.Name));
        Assert.Equal("alle", new AngleSharp.Html.Parser.HtmlParser().ParseDocument(posts.Items[0].Html!).QuerySelector("strong")?.TextContent);
    }
}
