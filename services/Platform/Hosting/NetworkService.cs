using System.Text.Json.Serialization;
using JasperFx.Events;
using JasperFx.Events.Daemon;
using Marten;
using MassTransit;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Network.Platform.Auth;
using Network.Platform.EventStore;
using Network.Platform.Http;
using Network.Platform.Inbox;
using Network.Platform.Messaging;
using Network.Platform.Outbox;
using Scalar.AspNetCore;
using Weasel.Core;

namespace Network.Platform.Hosting;

/// <summary>What a service declares about itself; everything else is the same for every service.</summary>
public sealed class NetworkServiceOptions
{
    /// <summary>Short lower-case name (<c>directory</c>): prefixes its queues.</summary>
    public required string Name { get; init; }

    /// <summary>Name of its database's connection string (<c>directory-db</c>).</summary>
    public required string Database { get; init; }

    /// <summary>Its documents, projections and event types.</summary>
    public Action<StoreOptions>? EventStore { get; init; }

    /// <summary>Which committed domain events leave the service as integration events (null: it publishes none).</summary>
    public IIntegrationEventMap? IntegrationEvents { get; init; }

    /// <summary>Its consumers of other services' integration events (every service also consumes the revoked sign-ins).</summary>
    public Action<IBusRegistrationConfigurator>? Consumers { get; init; }

    /// <summary>More of its own on the event store that need the container, e.g. Marten subscriptions besides the outbox.</summary>
    public Action<MartenServiceCollectionExtensions.MartenConfigurationExpression>? EventStoreServices { get; init; }
}

public static class NetworkService
{
    public const long MaxRequestBodyBytes = 1024 * 1024;

    /// <summary>
    /// The whole platform plumbing of a service: telemetry and health (ServiceDefaults), bearer-token auth,
    /// problem details, OpenAPI, Marten with the outbox subscription and HotCold daemon, MassTransit on RabbitMQ.
    /// </summary>
    public static WebApplicationBuilder AddNetworkService(this WebApplicationBuilder builder, NetworkServiceOptions service)
    {
        builder.AddServiceDefaults();
        var services = builder.Services;
        var configuration = builder.Configuration;

        services.AddNetworkProblemDetails();
        services.Configure<KestrelServerOptions>(options => options.Limits.MaxRequestBodySize = MaxRequestBodyBytes);
        services.ConfigureHttpJsonOptions(options =>
        {
            // Enums by name only (EnumNames): a number is a 400, not whichever member has that position.
            options.SerializerOptions.Converters.Add(new JsonStringEnumConverter(allowIntegerValues: false));
            // A member the request does not have, or one sent twice, is a 400 naming it: a misspelt field never
            // silently loses what the client meant to store.
            options.SerializerOptions.UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow;
            options.SerializerOptions.AllowDuplicateProperties = false;
        });
        services.AddHttpContextAccessor();
        services.AddNetworkAuthentication(configuration, audience: service.Name);
        services.AddHostedService<RevokedSubjectsRefresher>();
        services.Configure<InboxRetention>(configuration.GetSection(InboxRetention.Section));
        services.AddHostedService<InboxPruning>();
        services.AddNetworkRateLimiting(configuration);
        services.AddOpenApi();

        var databaseConnection = configuration.GetConnectionString(service.Database)
            ?? throw new InvalidOperationException($"ConnectionStrings:{service.Database} is not set (the AppHost passes it).");
        services.AddNetworkEventStore(databaseConnection, service);
        services.AddNetworkMessaging(configuration, service.Name, bus =>
        {
            bus.AddConsumer<RevokedSubjectsConsumer>();
            service.Consumers?.Invoke(bus);
        });

        var rabbit = RabbitMqAddress.Parse(configuration.GetConnectionString(RabbitMqAddress.ConnectionStringName)!);
        services.AddHealthChecks()
            .AddCheck("postgres", new PostgresReachable(databaseConnection), tags: ["ready"])
            .AddCheck<RabbitMqReachable>("rabbitmq", tags: ["ready"]);
        // One instance, made and disposed by the container: it keeps the connection it checks with.
        services.AddSingleton(_ => new RabbitMqReachable(rabbit));
        return builder;
    }

    /// <summary>
    /// Every error as RFC 9457 problem details, the same in every service and the Gateway: instance and traceId on each,
    /// exceptions mapped by <see cref="ProblemExceptionHandler"/>, binding failures thrown so they are mapped too.
    /// </summary>
    public static IServiceCollection AddNetworkProblemDetails(this IServiceCollection services)
    {
        services.AddProblemDetails(options => options.CustomizeProblemDetails = context =>
        {
            // The path as the client sent it: behind the gateway with its prefix (the request's path base).
            context.ProblemDetails.Instance ??= context.HttpContext.Request.PathBase.Add(context.HttpContext.Request.Path).ToString();
            context.ProblemDetails.Extensions.TryAdd("traceId", System.Diagnostics.Activity.Current?.TraceId.ToString() ?? context.HttpContext.TraceIdentifier);
        });
        services.AddExceptionHandler<ProblemExceptionHandler>();
        services.Configure<RouteHandlerOptions>(options => options.ThrowOnBadRequest = true);
        return services;
    }

    static void AddNetworkEventStore(this IServiceCollection services, string connectionString, NetworkServiceOptions service)
    {
        var marten = services.AddMarten(options =>
            {
                options.Connection(EventStoreConnections.Tuned(connectionString));
                options.UseSystemTextJsonForSerialization(EnumStorage.AsString);
                // Quick: events get their versions from the version FetchForWriting read and the database checks it while
                // appending (a raced writer is a concurrency error, If-Match a 412), with no extra round trip for
                // sequence numbers before the append as Rich needs. Timestamps are set here, not by the server, so
                // inline projections see them.
                options.Events.AppendMode = EventAppendMode.Quick;
                options.Events.MetadataConfig.EnableAll();
                // Append -> outbox latency: wake the daemon by NOTIFY instead of waiting for its poll.
                options.Events.UseListenNotifyForEventAppends = true;
                options.Projections.FastPollingTime = TimeSpan.FromMilliseconds(50);
                options.Projections.SlowPollingTime = TimeSpan.FromMilliseconds(250);
                options.Projections.LeadershipPollingTime = 1000;
                options.OpenTelemetry.TrackConnections = JasperFx.OpenTelemetry.TrackLevel.Normal;
                options.OpenTelemetry.TrackEventCounters();
                // A column of its own (indexed) for the pruning to find old records without reading their JSON.
                options.Schema.For<ProcessedMessage>().Duplicate(m => m.ProcessedAt);
                options.Schema.For<RevokedSubject>();
                service.EventStore?.Invoke(options);
            })
            .UseLightweightSessions()
            .BuildSessionsWith<NetworkSessionFactory>()
            .ApplyAllDatabaseChangesOnStartup()
            .AddAsyncDaemon(DaemonMode.HotCold);
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<ReadCache>(); // expensive reads served again until the next append

        if (service.IntegrationEvents is not null)
        {
            services.AddSingleton(service.IntegrationEvents);
            marten.AddSubscriptionWithServices<IntegrationEventOutbox>(ServiceLifetime.Singleton);
        }
        service.EventStoreServices?.Invoke(marten);
    }

    /// <summary>The shared middleware and endpoints: problem details, auth, OpenAPI + Scalar page, health.</summary>
    public static WebApplication UseNetworkService(this WebApplication app)
    {
        app.UseNetworkForwardedHeaders();
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.UseAuthentication();
        app.UseAuthorization();
        app.UseRateLimiter();
        app.UseNilIdsAsNotFound();
        app.UseEnumNamesInQueries();
        app.UseInputLimits();
        app.MapOpenApi().AllowAnonymous();
        app.MapScalarApiReference().AllowAnonymous();
        app.MapDefaultEndpoints();
        if (app.Services.GetService<IIntegrationEventMap>() is not null)
            app.MapIntegrationEventReplay();
        return app;
    }
}
