using Network.Partners;
using Network.Partners.Amqp;
using Network.Partners.Delivery;
using Network.Partners.Feed;
using Network.Partners.Subscriptions.Revoking;
using Network.Platform.Hosting;

var builder = WebApplication.CreateBuilder(args);
var partnerExchange = AmqpSetup.IsEnabled(builder.Configuration);

builder.AddNetworkService(new NetworkServiceOptions
{
    Name = "partners",
    Database = "partners-db",
    IntegrationEvents = new IntegrationEvents(),
    EventStore = PartnersApi.ConfigureStore,
    EventStoreServices = marten =>
    {
        WebhookDeliverySetup.AddFanOut(marten);
        if (partnerExchange) AmqpSetup.AddPublisher(marten);
    },
    Consumers = bus =>
    {
        bus.AddConsumer<PublicEventsConsumer>(typeof(PublicEventsConsumerDefinition));
        bus.AddConsumer<RevokedPartnerConsumer>();
        if (partnerExchange) AmqpSetup.AddConsumers(bus);
    },
});

builder.AddWebhookDelivery();
if (partnerExchange) builder.AddPartnerExchange();

// Called here although the platform adds the document too: ASP.NET's source generator intercepts this call in this
// assembly and adds its handlers' XML comments (summaries) to /openapi/v1.json.
builder.Services.AddOpenApi();

var app = builder.Build();
app.UseNetworkService();
app.MapPartnersApi(partnerExchange);
app.Run();
