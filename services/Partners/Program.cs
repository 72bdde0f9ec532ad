using Network.Partners;
using Network.Partners.Delivery;
using Network.Partners.Feed;
using Network.Partners.Subscriptions.Revoking;
using Network.Platform.Hosting;

var builder = WebApplication.CreateBuilder(args);

builder.AddNetworkService(new NetworkServiceOptions
{
    Name = "partners",
    Database = "partners-db",
    IntegrationEvents = new IntegrationEvents(),
    EventStore = PartnersApi.ConfigureStore,
    EventStoreServices = WebhookDeliverySetup.AddFanOut,
    Consumers = bus =>
    {
        bus.AddConsumer<PublicEventsConsumer>(typeof(PublicEventsConsumerDefinition));
        bus.AddConsumer<RevokedPartnerConsumer>();
    },
});

builder.AddWebhookDelivery();

// Called here although the platform adds the document too: ASP.NET's source generator intercepts this call in this
// assembly and adds its handlers' XML comments (summaries) to /openapi/v1.json.
builder.Services.AddOpenApi();

var app = builder.Build();
app.UseNetworkService();
app.MapPartnersApi();
app.Run();
