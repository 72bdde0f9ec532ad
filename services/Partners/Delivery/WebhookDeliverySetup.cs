using Marten;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Network.Partners.Safety;
using Network.Partners.Subscriptions;

namespace Network.Partners.Delivery;

public static class WebhookDeliverySetup
{
    /// <summary>The feed's fan-out, a Marten subscription (NetworkServiceOptions.EventStoreServices).</summary>
    public static void AddFanOut(MartenServiceCollectionExtensions.MartenConfigurationExpression marten) =>
        marten.AddSubscriptionWithServices<DeliveryFanOut>(ServiceLifetime.Singleton);

    /// <summary>The options, the secrets' encryption, the SSRF guard, the webhook client (its handler connects through the guard) and the deliverer.</summary>
    public static WebApplicationBuilder AddWebhookDelivery(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.Configure<PartnersOptions>(builder.Configuration.GetSection(PartnersOptions.Section));
        services.PostConfigure<PartnersOptions>(options =>
        {
            // The links point at the gateway, which is the issuer; a configured address wins.
            if (builder.Configuration[$"{PartnersOptions.Section}:PublicApiAddress"] is null && builder.Configuration["Identity:Issuer"] is { } issuer)
                options.PublicApiAddress = issuer;
            if (!options.PublicApiAddress.EndsWith('/')) options.PublicApiAddress += "/";
        });
        services.Configure<SecretProtectionOptions>(builder.Configuration.GetSection(PartnersOptions.Section));
        services.AddSingleton<SecretProtection>();
        services.AddHostedService<SecretResealing>();
        var allowHttp = builder.Environment.IsDevelopment() || builder.Environment.IsEnvironment("Testing");
        services.Configure<DeliveryOptions>(options => options.AllowHttp = allowHttp);
        services.Configure<DeliveryOptions>(builder.Configuration.GetSection(DeliveryOptions.Section));
        services.TryAddKeyedSingleton<TimeProvider>(PartnersClock.Key, (provider, _) => provider.GetRequiredService<TimeProvider>());
        services.AddSingleton<IHostResolver, DnsHostResolver>();
        services.AddSingleton<WebhookAddresses>();
        services.AddSingleton<WebhookSender>();
        // Not the platform's resilient client: retries are the deliverer's (logged, scheduled), and redirects are never followed.
        services.AddHttpClient(WebhookSender.ClientName, client => client.Timeout = Timeout.InfiniteTimeSpan)
            .ConfigurePrimaryHttpMessageHandler(provider => WebhookSender.Handler(provider.GetRequiredService<WebhookAddresses>(),
                provider.GetRequiredService<Microsoft.Extensions.Options.IOptions<DeliveryOptions>>().Value))
            .ConfigureAdditionalHttpMessageHandlers((handlers, _) => handlers.Clear());
        services.AddSingleton<DeliveryDoorbell>();
        services.AddHostedService<WebhookDeliverer>();
        return builder;
    }
}
