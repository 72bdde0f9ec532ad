using MassTransit;
using Microsoft.Extensions.Options;
using Network.Partners.Amqp.Credentials.Revoking;

namespace Network.Partners.Amqp;

/// <summary>The partner exchange (<see cref="AmqpOptions"/>), unless <c>Partners:Amqp:Enabled</c> is false.</summary>
public static class AmqpSetup
{
    public static bool IsEnabled(IConfiguration configuration) => configuration.GetValue($"{AmqpOptions.Section}:Enabled", true);

    /// <summary>The publisher, a Marten subscription beside the webhook fan-out (NetworkServiceOptions.EventStoreServices).</summary>
    public static void AddPublisher(Marten.MartenServiceCollectionExtensions.MartenConfigurationExpression marten) =>
        marten.AddSubscriptionWithServices<AmqpPublisher>(ServiceLifetime.Singleton);

    /// <summary>Revoked partner clients lose their broker users (NetworkServiceOptions.Consumers).</summary>
    public static void AddConsumers(IBusRegistrationConfigurator bus) => bus.AddConsumer<RevokeAmqpCredentials>();

    /// <summary>The options, the publisher's connection, the management API's client and where partners connect.</summary>
    public static WebApplicationBuilder AddPartnerExchange(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.Configure<AmqpOptions>(builder.Configuration.GetSection(AmqpOptions.Section));
        services.AddSingleton<PartnerExchange>();
        services.AddSingleton(provider => PartnerExchangeAddress.From(provider.GetRequiredService<IOptions<AmqpOptions>>().Value, builder.Configuration));
        // Not the platform's resilient client: a failed call is the partner's 503, or the consumer's retry.
        services.AddHttpClient<BrokerUsers>(BrokerUsers.ClientName, BrokerUsers.Configure)
            .ConfigureAdditionalHttpMessageHandlers((handlers, _) => handlers.Clear());
        return builder;
    }
}
