using System.Diagnostics;
using Aspire.Hosting.ApplicationModel;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Network.AppHost;

/// <summary>
/// Writes to the AppHost's console when a resource fails, and once when every resource is healthy,
/// so <c>./run.sh</c> (and CI logs) show the state without opening the dashboard.
/// </summary>
sealed class ResourceStatusReporter(
    ResourceNotificationService notifications,
    DistributedApplicationModel model,
    ILogger<ResourceStatusReporter> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var clock = Stopwatch.StartNew();
        var watched = model.Resources.Where(r => r is not ParameterResource).Select(r => r.Name).ToHashSet();
        var healthy = new HashSet<string>();
        var reportedFailures = new HashSet<string>();
        var allHealthyReported = false;

        try
        {
            await foreach (var update in notifications.WatchAsync(stoppingToken))
            {
                var name = update.Resource.Name;
                if (!watched.Contains(name))
                    continue;

                var state = update.Snapshot.State?.Text;
                if (state == KnownResourceStates.FailedToStart || state == KnownResourceStates.Exited ||
                    state == KnownResourceStates.RuntimeUnhealthy)
                {
                    healthy.Remove(name);
                    if (reportedFailures.Add($"{name}:{state}"))
                        logger.LogError("Resource {Resource} is {State} (exit code {ExitCode}); see its console log in the dashboard.",
                            name, state, update.Snapshot.ExitCode);
                    continue;
                }

                var isHealthy = state == KnownResourceStates.Running &&
                    (update.Snapshot.HealthStatus is null or Microsoft.Extensions.Diagnostics.HealthChecks.HealthStatus.Healthy) &&
                    // Resources with health checks report null until their first check ran.
                    (update.Snapshot.HealthReports.IsEmpty || update.Snapshot.HealthStatus is not null);
                if (isHealthy) healthy.Add(name); else healthy.Remove(name);

                if (!allHealthyReported && healthy.Count == watched.Count)
                {
                    allHealthyReported = true;
                    logger.LogInformation("All {Count} resources are healthy after {Seconds:0.0} s.", watched.Count, clock.Elapsed.TotalSeconds);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }
}

static class ResourceStatusReporterExtensions
{
    public static IDistributedApplicationBuilder AddResourceStatusReporter(this IDistributedApplicationBuilder builder)
    {
        builder.Services.AddHostedService<ResourceStatusReporter>();
        return builder;
    }
}
