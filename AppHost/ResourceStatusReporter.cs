using System.Collections.Concurrent;
using System.Diagnostics;
using Aspire.Hosting.ApplicationModel;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Network.AppHost;

/// <summary>
/// Writes to the AppHost's console when a resource fails, what it still waits for (every 20 s), and
/// once when every resource is healthy, so <c>./run.sh</c> and CI logs show the state without the dashboard.
/// </summary>
sealed class ResourceStatusReporter(
    ResourceNotificationService notifications,
    DistributedApplicationModel model,
    ILogger<ResourceStatusReporter> logger) : BackgroundService
{
    readonly ConcurrentDictionary<string, CustomResourceSnapshot> _latest = new();
    readonly ConcurrentDictionary<string, bool> _watched = new();

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var started = Process.GetCurrentProcess().StartTime.ToUniversalTime();
        foreach (var resource in model.Resources.Where(r => r is not ParameterResource))
            _watched[resource.Name] = true;
        var reportedFailures = new HashSet<string>();
        using var allHealthy = new CancellationTokenSource();
        _ = ReportWaitingAsync(CancellationTokenSource.CreateLinkedTokenSource(stoppingToken, allHealthy.Token).Token);

        try
        {
            await foreach (var update in notifications.WatchAsync(stoppingToken))
            {
                var name = update.Resource.Name;
                if (!_watched.ContainsKey(name))
                    continue;
                _latest[name] = update.Snapshot;
                if (update.Snapshot.IsHidden)
                {
                    _watched.TryRemove(name, out _); // helpers such as the project rebuilders
                    continue;
                }

                var state = update.Snapshot.State?.Text;
                if (state == KnownResourceStates.FailedToStart || state == KnownResourceStates.Exited ||
                    state == KnownResourceStates.Finished || state == KnownResourceStates.RuntimeUnhealthy)
                {
                    if (reportedFailures.Add($"{name}:{state}"))
                        logger.LogError("Resource {Resource} is {State} (exit code {ExitCode}); see its console log in the dashboard.",
                            name, state, update.Snapshot.ExitCode);
                    continue;
                }

                if (!allHealthy.IsCancellationRequested && _watched.Keys.All(r => _latest.TryGetValue(r, out var s) && IsHealthy(s)))
                {
                    allHealthy.Cancel();
                    logger.LogInformation("All {Count} resources are healthy, {Seconds:0.0} s after the AppHost started.",
                        _watched.Count, (DateTime.UtcNow - started).TotalSeconds);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    async Task ReportWaitingAsync(CancellationToken cancellationToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(20));
        try
        {
            while (await timer.WaitForNextTickAsync(cancellationToken))
            {
                var waiting = _watched.Keys.Where(r => !_latest.TryGetValue(r, out var s) || !IsHealthy(s))
                    .Select(r => _latest.TryGetValue(r, out var s) ? $"{r} ({s.State?.Text ?? "?"}/{s.HealthStatus?.ToString() ?? "no health yet"})" : $"{r} (no state yet)");
                logger.LogInformation("Waiting for: {Resources}", string.Join(", ", waiting));
            }
        }
        catch (OperationCanceledException)
        {
        }
    }

    /// <summary>Running and, when it has health checks, reported healthy.</summary>
    static bool IsHealthy(CustomResourceSnapshot snapshot) =>
        snapshot.State?.Text == KnownResourceStates.Running &&
        (snapshot.HealthReports.IsEmpty ? snapshot.HealthStatus is null or HealthStatus.Healthy : snapshot.HealthStatus == HealthStatus.Healthy);
}

static class ResourceStatusReporterExtensions
{
    public static IDistributedApplicationBuilder AddResourceStatusReporter(this IDistributedApplicationBuilder builder)
    {
        builder.Services.AddHostedService<ResourceStatusReporter>();
        return builder;
    }
}
