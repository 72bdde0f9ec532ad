using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;

namespace Microsoft.Extensions.Hosting;

/// <summary>
/// What every Network process shares: OpenTelemetry to the Aspire dashboard, health endpoints,
/// service discovery and resilient HttpClients.
/// </summary>
public static class ServiceDefaultsExtensions
{
    const string LiveTag = "live";

    /// <summary>Activity sources and meters the platform's own code and libraries emit.</summary>
    public static readonly string[] TraceSources = ["MassTransit", "Marten", "Network.Platform"];
    public static readonly string[] Meters = ["MassTransit", "Marten", "Network.Platform"];

    /// <summary>Log categories that write whole request URLs at Information; kept at Warning (see ConfigureOpenTelemetry).</summary>
    public static readonly string[] UrlLoggingCategories =
        ["Microsoft.AspNetCore.Hosting.Diagnostics", "Yarp.ReverseProxy.Forwarder", "System.Net.Http.HttpClient"];

    public static TBuilder AddServiceDefaults<TBuilder>(this TBuilder builder) where TBuilder : IHostApplicationBuilder
    {
        builder.ConfigureOpenTelemetry();

        builder.Services.AddHealthChecks()
            .AddCheck("self", () => HealthCheckResult.Healthy(), [LiveTag]);

        builder.Services.AddServiceDiscovery();
        builder.Services.ConfigureHttpClientDefaults(http =>
        {
            http.AddStandardResilienceHandler();
            http.AddServiceDiscovery();
        });
        return builder;
    }

    public static TBuilder ConfigureOpenTelemetry<TBuilder>(this TBuilder builder) where TBuilder : IHostApplicationBuilder
    {
        builder.Logging.AddOpenTelemetry(logging =>
        {
            logging.IncludeFormattedMessage = true;
            logging.IncludeScopes = true;
        });
        // These write every request's full URL at Information ("Request starting ...", YARP's "Proxying to ..."), secrets
        // in URLs included (SecretUrlRedaction); their warnings and errors still show. The spans carry the same, redacted.
        foreach (var category in UrlLoggingCategories) builder.Logging.AddFilter(category, LogLevel.Warning);

        builder.Services.AddOpenTelemetry()
            .WithMetrics(metrics => metrics
                .AddAspNetCoreInstrumentation()
                .AddHttpClientInstrumentation()
                .AddRuntimeInstrumentation()
                .AddNpgsqlInstrumentation()
                .AddMeter(Meters))
            .WithTracing(tracing => tracing
                .SetSampler(new WithoutDaemonPolling())
                .AddSource(builder.Environment.ApplicationName)
                .AddSource(TraceSources)
                .AddAspNetCoreInstrumentation(o =>
                    o.Filter = ctx => !ctx.Request.Path.StartsWithSegments("/health") && !ctx.Request.Path.StartsWithSegments("/alive"))
                .AddHttpClientInstrumentation()
                .AddNpgsql()
                .AddProcessor(new SecretUrlRedaction()));

        if (!string.IsNullOrWhiteSpace(builder.Configuration["OTEL_EXPORTER_OTLP_ENDPOINT"]))
            builder.Services.AddOpenTelemetry().UseOtlpExporter();

        return builder;
    }

    public static WebApplication MapDefaultEndpoints(this WebApplication app)
    {
        // Ready: every dependency reachable. Alive: the process answers.
        app.MapHealthChecks("/health").AllowAnonymous();
        app.MapHealthChecks("/alive", new HealthCheckOptions
        {
            Predicate = check => check.Tags.Contains(LiveTag),
        }).AllowAnonymous();
        return app;
    }

    /// <summary>
    /// Marten's daemon polls the event store's high-water mark many times a second; each poll would be a trace of
    /// its own and bury the request traces in the dashboard. Those roots are dropped (with their SQL); everything
    /// else is sampled as its parent was, and always when it starts a trace.
    /// </summary>
    sealed class WithoutDaemonPolling : Sampler
    {
        readonly Sampler inner = new ParentBasedSampler(new AlwaysOnSampler());

        public override SamplingResult ShouldSample(in SamplingParameters parameters) =>
            parameters.ParentContext.TraceId == default && parameters.Name.StartsWith("marten.daemon.", StringComparison.Ordinal)
                ? new SamplingResult(SamplingDecision.Drop)
                : inner.ShouldSample(parameters);
    }
}
