using JasperFx.Events.Projections;
using Marten;
using Network.Directory;
using Network.Directory.LocalNetworks;
using Network.Directory.Municipalities;
using Network.Directory.Municipalities.Adding;
using Network.Directory.Municipalities.Partnerships;
using Network.Directory.Organisations;
using Network.Directory.Vocabularies;
using Network.Directory.People;
using Network.Directory.People.Erasing;
using Network.Directory.Search;
using Network.Directory.Coverage;
using Network.Directory.Matchmaking;
using Network.Directory.DemoData;
using Network.Platform.Aggregates;
using Network.Platform.Hosting;

var builder = WebApplication.CreateBuilder(args);

builder.AddNetworkService(new NetworkServiceOptions
{
    Name = "directory",
    Database = "directory-db",
    IntegrationEvents = new IntegrationEvents(),
    EventStore = store =>
    {
        store.Projections.Add(new AggregateProjection<Organisation, IOrganisationEvent>(), ProjectionLifecycle.Inline);
        store.Projections.Add<MunicipalityProjection>(ProjectionLifecycle.Inline);
        store.Projections.Add(new AggregateProjection<Partnership, IPartnershipEvent>(), ProjectionLifecycle.Inline);
        store.Schema.For<Partnership>().Index(p => p.MunicipalityAgs);
        store.Projections.Add(new AggregateProjection<LocalNetwork, ILocalNetworkEvent>(), ProjectionLifecycle.Inline);
        store.Schema.For<LocalNetwork>().Index(n => n.MunicipalityAgs);
        store.Schema.For<Organisation>().Index(o => o.MunicipalityAgs).Index(o => o.Kind);
        store.ConfigureOrganisationStore();
        store.Projections.Add(new AggregateProjection<Person, IPersonEvent>(), ProjectionLifecycle.Inline);
        store.Schema.For<Person>().UniqueIndex(p => p.Subject!);
        store.Schema.For<MembershipRoster>();
        store.AddPersonalDataMasking();
        SearchIndexes.Configure(store);
    },
});

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

