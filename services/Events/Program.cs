using Network.Events;
using Network.Events.AdvisoryRequests;
using Network.Events.Attendance;
using Network.Events.Calendars;
using Network.Events.DemoData;
using Network.Events.Exports;
using Network.Events.NetworkEvents;
using Network.Events.Organisations;
using Network.Events.People;
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
        NetworkEventStore.Configure(store);
        RegistrationStore.Configure(store);
        AdvisoryRequestStore.Configure(store);
        KnownOrganisationStore.Configure(store);
        CalendarFeedStore.Configure(store);
        store.Schema.For<ErasedPerson>();
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
builder.AddDemoData();

var app = builder.Build();
app.UseNetworkService();
app.MapNetworkEventsApi();
app.MapAdvisoryRequestsApi();
app.MapCalendarsApi();
app.MapAttendanceApi();
app.MapExportsApi();
app.Run();
