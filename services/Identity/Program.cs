using Network.Identity;
using Network.Identity.Accounts;
using Network.Identity.Accounts.MailingDigests;
using Network.Identity.Audit;
using Network.Identity.Data;
using Network.Identity.Pages;
using Network.Identity.Partners;
using Network.Identity.Partners.Notifying;
using Network.Identity.People;
using Network.Identity.SignIn;
using Network.Platform.Hosting;

var builder = WebApplication.CreateBuilder(args);

builder.AddNetworkService(new NetworkServiceOptions
{
    Name = "identity",
    Database = ProviderSetup.Database,
    IntegrationEvents = new IntegrationEvents(),
    EventStore = store =>
    {
        store.Schema.For<KnownPerson>();
        store.Schema.For<CoordinatingOrganisation>().Index(c => c.OrganisationId);
        store.ConfigurePartnerStore();
        store.ConfigureAuditStore();
    },
    Consumers = bus =>
    {
        bus.AddConsumer<DirectoryPeopleConsumer>();
        bus.AddConsumer<DirectoryLocalNetworksConsumer>();
        bus.AddConsumer<ForumDigestsConsumer>();
        bus.AddConsumer<SubscriptionDisabledConsumer>();
    },
});
builder.AddIdentityProvider();

var app = builder.Build();
await app.PrepareProviderDatabaseAsync(); // migrate and seed before anything reads the stores
app.UseNetworkService();
app.UseAntiforgery();
app.MapProviderEndpoints();
app.MapAccountPages();
app.MapAccountsApi();
app.MapPartnersApi();
app.MapAuditApi();
app.Run();
