using JasperFx.Events.Projections;
using Marten;
using Network.Directory;
using Network.Directory.Organisations;
using Network.Platform.Hosting;

var builder = WebApplication.CreateBuilder(args);

builder.AddNetworkService(new NetworkServiceOptions
{
    Name = "directory",
    Database = "directory-db",
    IntegrationEvents = new IntegrationEvents(),
    EventStore = store =>
    {
        store.Projections.Snapshot<Organisation>(SnapshotLifecycle.Inline);
        store.Schema.For<Organisation>().Index(o => o.MunicipalityAgs).Index(o => o.Kind);
    },
});

var app = builder.Build();
app.UseNetworkService();
app.MapOrganisationsApi();
app.Run();

