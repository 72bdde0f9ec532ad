using Network.Forum;
using Network.Forum.Boards;
using Network.Forum.Boards.LocalNetworks;
using Network.Forum.DemoData;
using Network.Forum.Digests;
using Network.Forum.Following;
using Network.Forum.Members;
using Network.Forum.Moderation;
using Network.Forum.Organisations;
using Network.Forum.Posting;
using Network.Forum.Threads;
using Network.Platform.Hosting;

var builder = WebApplication.CreateBuilder(args);

builder.AddNetworkService(new NetworkServiceOptions
{
    Name = "forum",
    Database = "forum-db",
    IntegrationEvents = new IntegrationEvents(),
    EventStore = store =>
    {
        store.Schema.For<MemberOrganisation>().Index(o => o.MunicipalityAgs);
        store.Schema.For<ForumMember>();
        BoardStore.Configure(store);
        ThreadStore.Configure(store);
        FollowingStore.Configure(store);
    },
    Consumers = bus =>
    {
        bus.AddConsumer<DirectoryOrganisationsConsumer>();
        bus.AddConsumer<DirectoryPeopleConsumer>();
        bus.AddConsumer<DirectoryLocalNetworksConsumer>();
    },
});
builder.Services.Configure<NewcomerLimits>(builder.Configuration.GetSection(NewcomerLimits.Section));
builder.Services.Configure<DigestSettings>(builder.Configuration.GetSection(DigestSettings.Section));
builder.Services.AddHostedService<DigestSweep>();
builder.AddForumDemoData();

// Called here although the platform adds the document too: ASP.NET's source generator intercepts this call in this
// assembly and adds its handlers' XML comments (summaries) to /openapi/v1.json.
builder.Services.AddOpenApi();

var app = builder.Build();
app.UseNetworkService();
app.MapMemberOrganisationsApi();
app.MapForumMembersApi();
app.MapBoardsApi();
app.MapThreadsApi();
app.MapModerationApi();
app.MapFollowingApi();
app.Run();
