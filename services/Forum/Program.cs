using Network.Forum;
using Network.Forum.Members;
using Network.Forum.Organisations;
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
    },
    Consumers = bus =>
    {
        bus.AddConsumer<DirectoryOrganisationsConsumer>();
        bus.AddConsumer<DirectoryPeopleConsumer>();
    },
});

// Called here although the platform adds the document too: ASP.NET's source generator intercepts this call in this
// assembly and adds its handlers' XML comments (summaries) to /openapi/v1.json.
builder.Services.AddOpenApi();

var app = builder.Build();
app.UseNetworkService();
app.MapMemberOrganisationsApi();
app.MapForumMembersApi();
app.Run();
