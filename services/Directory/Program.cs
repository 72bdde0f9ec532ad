using Marten;
using Network.Directory;
using Network.Directory.LocalNetworks;
using Network.Directory.Municipalities;
using Network.Directory.Municipalities.Adding;
using Network.Directory.Municipalities.Partnerships;
using Network.Directory.Organisations;
using Network.Directory.Vocabularies;
using Network.Directory.People;
using Network.Directory.Search;
using Network.Directory.Coverage;
using Network.Directory.Matchmaking;
using Network.Directory.DemoData;
using Network.Platform.Hosting;

var builder = WebApplication.CreateBuilder(args);

builder.AddNetworkService(new NetworkServiceOptions
{
    Name = "directory",
    Database = "directory-db",
    IntegrationEvents = new IntegrationEvents(),
    EventStore = store =>
    {
        OrganisationStore.Configure(store);
        MunicipalityStore.Configure(store);
        PartnershipStore.Configure(store);
        LocalNetworkStore.Configure(store);
        PersonStore.Configure(store);
        ThemeStore.Configure(store);
        SearchIndexes.Configure(store);
    },
    Consumers = bus => bus.AddConsumer<Network.Directory.People.Erasing.ErasureConfirmationsConsumer>(),
});

// Called here although the platform adds the document too: ASP.NET's source generator intercepts this call in this
// assembly and adds its handlers' XML comments (summaries) to /openapi/v1.json.
builder.Services.AddOpenApi();
builder.Services.InitializeMartenWith<PilotMunicipalities>();
builder.AddDemoData();

var app = builder.Build();
app.UseNetworkService();
app.MapOrganisationsApi();
app.MapMunicipalitiesApi();
app.MapLocalNetworksApi();
app.MapVocabulariesApi();
app.MapPeopleApi();
app.MapSearchApi();
app.MapCoverageApi();
app.MapMatchmakingApi();
app.Run();

