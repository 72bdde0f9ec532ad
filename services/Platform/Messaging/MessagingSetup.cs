using MassTransit;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Network.Platform.Messaging;

public static class MessagingSetup
{
    /// <summary>
    /// MassTransit over RabbitMQ for one service: queues named <c>{service}-{consumer}</c> (replicas of a
    /// service compete, services each get every event), publisher confirms, interval retries then the
    /// <c>_error</c> queue (the Debian broker has no delayed-exchange plugin, so no delayed redelivery).
    /// The service starts even while the broker is down; MassTransit reconnects by itself.
    /// Every queue and exchange of its own starts with <c>{service}-</c>, the temporary bus endpoint's too
    /// (<see cref="BusEndpointName"/>), and consumers publish no <c>Fault&lt;T&gt;</c> (nobody consumes them; the
    /// <c>_error</c> queue keeps the message and the exception): the broker user of each service is granted exactly
    /// these names and the exchanges of its own contracts (AppHost/BrokerPermissions.cs, docs/security.md).
    /// </summary>
    public static IServiceCollection AddNetworkMessaging(
        this IServiceCollection services,
        IConfiguration configuration,
        string serviceName,
        Action<IBusRegistrationConfigurator>? consumers = null)
    {
        var connectionString = configuration.GetConnectionString(RabbitMqAddress.ConnectionStringName)
            ?? throw new InvalidOperationException("ConnectionStrings:rabbitmq is not set (the AppHost passes it).");
        var address = RabbitMqAddress.Parse(connectionString);

        services.AddMassTransit(bus =>
        {
            bus.SetEndpointNameFormatter(new KebabCaseEndpointNameFormatter(serviceName, includeNamespace: false));
            // MassTransit 8.4+ posts anonymous usage telemetry to its vendor after the bus starts: the platform talks to no
            // address it was not configured with (seen as a failed HTTP call in a bench's log on this offline machine).
            bus.ConfigureUsageTelemetryOptions(telemetry => telemetry.Enabled = false);
            consumers?.Invoke(bus);
            // A message that fails every retry goes to the _error queue with the reason in its MT-Fault-* headers, and the
            // failure is logged (R-FAULT) and traced. No Fault<T> event besides: nobody consumes one, and serialising the
            // exception into it fails for Marten's (its Data holds the Npgsql command, whose type mapper MassTransit cannot
            // proxy), which replaced the real reason in the error queue and the log with a TypeLoadException.
            bus.AddConfigureEndpointsCallback((_, endpoint) => endpoint.PublishFaults = false);
            bus.UsingRabbitMq((context, rabbit) =>
            {
                rabbit.OverrideDefaultBusEndpointQueueName(BusEndpointName(serviceName));
                rabbit.Host(address.Host, (ushort)address.Port, address.VirtualHost, host =>
                {
                    host.Username(address.UserName);
                    host.Password(address.Password);
                    host.PublisherConfirmation = true;
                    host.RequestedConnectionTimeout(TimeSpan.FromSeconds(5));
                });
                rabbit.UseMessageRetry(retry => retry.Intervals(50, 200, 500, 1000, 2000));
                rabbit.ConfigureEndpoints(context);
            });
        });
        services.Configure<MassTransitHostOptions>(options =>
        {
            options.WaitUntilStarted = false;
            options.StopTimeout = TimeSpan.FromSeconds(10);
        });
        return services;
    }

    /// <summary>The temporary queue (and exchange) of one bus instance: unique per process, prefixed with the service's name.</summary>
    public static string BusEndpointName(string serviceName) => $"{serviceName}-bus-{NewId.NextGuid():N}";
}
