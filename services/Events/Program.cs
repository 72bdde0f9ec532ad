using JasperFx.Events.Projections;
using Marten;
using Network.Events;
using Network.Events.AdvisoryRequests;
using Network.Events.Attendance;
using Network.Events.Calendars;
using Network.Events.Exports;
using Network.Events.NetworkEvents;
using Network.Events.Organisations;
using Network.Events.Registrations;
using Network.Platform.Hosting;

var builder = WebApplication.CreateBuilder(args);

builder.AddNetworkService(new NetworkServiceOptions
{
    Name = "events",
    Database = "events-db",
    IntegrationEvents = new IntegrationEvents(),
    EventStore = store =>
    {
        store.Projections.Snapshot<NetworkEvent>(SnapshotLifecycle.Inline);
        store.Schema.For<NetworkEvent>().Index(e => e.Start).Index(e => e.MunicipalityAgs)
            .Metadata(m => m.LastModified.MapTo(e => e.LastModified));
        RegistrationsProjection.Configure(store);
        store.Schema.For<KnownOrganisation>();
        store.Schema.For<CalendarFeed>().UniqueIndex(f => f.TokenHash);
        store.ConfigureAdvisoryRequestStore();
    },
    Consumers = bus =>
    {
        bus.AddConsumer<DirectoryOrganisationsConsumer>();
    },
});

var app = builder.Build();
app.UseNetworkService();
app.MapNetworkEventsApi();
app.MapAdvisoryRequestsApi();
app.MapCalendarsApi();
app.MapAttendanceApi();
app.MapExportsApi();
app.Run();
