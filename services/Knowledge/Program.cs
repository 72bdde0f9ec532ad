using Network.Knowledge;
using Network.Knowledge.Analysis;
using Network.Knowledge.DemoData;
using Network.Knowledge.Items;
using Network.Knowledge.Items.Provenance;
using Network.Knowledge.Links;
using Network.Knowledge.OpenData;
using Network.Knowledge.People;
using Network.Platform.Hosting;

var builder = WebApplication.CreateBuilder(args);

builder.AddNetworkService(new NetworkServiceOptions
{
    Name = "knowledge",
    Database = "knowledge-db",
    IntegrationEvents = new IntegrationEvents(),
    EventStore = KnowledgeItemStore.Configure,
    Consumers = bus =>
    {
        bus.AddConsumer<ForumPromotionsConsumer>();
        bus.AddConsumer<DirectoryPeopleConsumer>();
        bus.AddConsumer<DirectoryOrganisationsConsumer>();
        bus.AddConsumer<EventsConsumer>();
    },
});

builder.AddDemoData();

// Called here although the platform adds the document too: ASP.NET's source generator intercepts this call in this
// assembly and adds its handlers' XML comments (summaries) to /openapi/v1.json.
builder.Services.AddOpenApi();

var app = builder.Build();
app.UseNetworkService();
app.MapItemsApi();
app.MapOpenDataApi();
app.MapAnalysisApi();
app.Run();
