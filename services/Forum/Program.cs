using Network.Forum.Organisations;
using Network.Platform.Hosting;

var builder = WebApplication.CreateBuilder(args);

builder.AddNetworkService(new NetworkServiceOptions
{
    Name = "forum",
    Database = "forum-db",
    EventStore = store => store.Schema.For<MemberOrganisation>().Index(o => o.MunicipalityAgs),
    Consumers = bus => bus.AddConsumer<DirectoryOrganisationsConsumer>(),
});

var app = builder.Build();
app.UseNetworkService();
app.MapMemberOrganisationsApi();
app.Run();
