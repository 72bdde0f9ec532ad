using Marten;
using Network.Partners.Amqp.Credentials;
using Network.Partners.Amqp.Credentials.Creating;
using Network.Partners.Amqp.Credentials.Deleting;
using Network.Partners.Amqp.Credentials.Viewing;
using Network.Partners.Catalogue;
using Network.Partners.Delivery;
using Network.Partners.Delivery.Log;
using Network.Partners.Delivery.Redelivering;
using Network.Partners.Feed;
using Network.Partners.Feed.Replay;
using Network.Partners.Subscriptions;
using Network.Partners.Subscriptions.Creating;
using Network.Partners.Subscriptions.Deleting;
using Network.Partners.Subscriptions.Pausing;
using Network.Partners.Subscriptions.Rotating;
using Network.Partners.Subscriptions.Viewing;
using Network.Platform.Auth;

namespace Network.Partners;

public static class PartnersApi
{
    public static IEndpointRouteBuilder MapPartnersApi(this IEndpointRouteBuilder app, bool partnerExchange = true)
    {
        app.MapGet("/event-types", ListEventTypes.Handle).WithTags("Public events").AllowAnonymous();
        app.MapGet(AsyncApiDocument.Path, AsyncApiDocument.Handle).ExcludeFromDescription().AllowAnonymous();
        app.MapGet("/events", ReplayEvents.Handle).WithTags("Public events").RequireAuthorization(Policies.Partner);

        var subscriptions = app.MapGroup("/subscriptions").WithTags("Webhook subscriptions").RequireAuthorization(Policies.Partner);
        subscriptions.MapPost("/", CreateSubscription.Handle);
        subscriptions.MapGet("/", ListSubscriptions.Handle);
        subscriptions.MapGet("/{id:guid}", ListSubscriptions.HandleOne);
        subscriptions.MapPost("/{id:guid}/pause", PauseSubscription.Pause);
        subscriptions.MapPost("/{id:guid}/resume", PauseSubscription.Resume);
        subscriptions.MapPost("/{id:guid}/secret-rotation", RotateSecret.Handle);
        subscriptions.MapDelete("/{id:guid}", DeleteSubscription.Handle);
        subscriptions.MapGet("/{id:guid}/attempts", ListDeliveryAttempts.Handle);
        subscriptions.MapGet("/{id:guid}/deliveries", ListDeliveryAttempts.HandleDeliveries);
        subscriptions.MapPost("/{id:guid}/deliveries/{deliveryId:guid}/redelivery", Redeliver.One);
        subscriptions.MapPost("/{id:guid}/redeliveries", Redeliver.Since);

        if (partnerExchange)
        {
            var amqp = app.MapGroup("/amqp-credentials").WithTags("AMQP credentials").RequireAuthorization(Policies.Partner);
            amqp.MapPost("/", CreateAmqpCredentials.Handle);
            amqp.MapGet("/", ViewAmqpCredentials.Handle);
            amqp.MapDelete("/", DeleteAmqpCredentials.Handle);
        }
        return app;
    }

    /// <summary>The feed's event type, the subscriptions' one event (disabled), the documents and their indexes.</summary>
    public static void ConfigureStore(StoreOptions store)
    {
        store.Events.AddEventType<PartnerEvent>();
        store.Events.AddEventType<SubscriptionDisabled>();
        store.Schema.For<FeedEntry>().Identity(e => e.Id).Duplicate(e => e.Type).Duplicate(e => e.RecordedAt);
        store.Schema.For<WebhookSubscription>().Duplicate(s => s.PartnerId);
        store.Schema.For<WebhookDelivery>().Duplicate(d => d.SubscriptionId).Duplicate(d => d.Position).Index(d => d.State);
        store.Schema.For<DeliveryAttempt>().Duplicate(a => a.SubscriptionId).Duplicate(a => a.At);
        store.Schema.For<AmqpCredential>();
    }
}
