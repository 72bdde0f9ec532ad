using System.Collections.Concurrent;
using System.Diagnostics;
using Aspire.Hosting.ApplicationModel;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Network.AppHost;

/// <summary>
/// Writes to the AppHost's console what it still waits for (every 20 s) and once when every resource is healthy, so
/// <c>./run.sh</c> and CI logs show the state without the dashboard. When a resource fails to start or exits before every
/// resource was healthy once, it writes which, why (its last <see cref="LogLinesShown"/> log lines) and stops the AppHost
/// with exit code 1: nothing would start after it, and waiting silently helps nobody. Later, a resource that exits is reported
/// the same way but the AppHost keeps running, as the operator may have stopped or restarted it in the dashboard.
/// </summary>
sealed class ResourceStatusReporter(
    ResourceNotificationService notifications,
    ResourceLoggerService resourceLogs,
    DistributedApplicationModel model,
    IHostApplicationLifetime lifetime,
    ILogger<ResourceStatusReporter> logger) : BackgroundService
{
    internal const int LogLinesShown = 20;

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
                    if (!lifetime.ApplicationStopping.IsCancellationRequested && reportedFailures.Add($"{update.ResourceId}:{state}"))
                        await ReportFailureAsync(update, stopApplication: !allHealthy.IsCancellationRequested, stoppingToken);
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

    async Task ReportFailureAsync(ResourceEvent update, bool stopApplication, CancellationToken cancellationToken)
    {
        var lines = await LastLogLinesAsync(update.ResourceId, cancellationToken);
        var log = lines.Count == 0 ? "  (it wrote nothing)" : string.Join('\n', lines.Select(line => "  " + line));
        var consequence = stopApplication ? "The AppHost stops, as nothing that needs it can start." : "The AppHost keeps running.";
        logger.LogError("Resource {Resource} is {State} (exit code {ExitCode}). {Consequence} Its last log lines:\n{Log}",
            update.Resource.Name, update.Snapshot.State?.Text, update.Snapshot.ExitCode?.ToString() ?? "none", consequence, log);
        if (!stopApplication)
            return;
        Environment.ExitCode = 1;
        lifetime.StopApplication();
    }

    /// <summary>The resource's console log so far (its backlog), the last <see cref="LogLinesShown"/> lines.</summary>
    async Task<List<string>> LastLogLinesAsync(string resourceId, CancellationToken cancellationToken)
    {
        var lines = new Queue<string>();
        try
        {
            // The log of a process that just exited may still be arriving: read what is there within a few seconds.
            using var enough = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            enough.CancelAfter(TimeSpan.FromSeconds(3));
            await foreach (var batch in resourceLogs.GetAllAsync(resourceId).WithCancellation(enough.Token))
                foreach (var line in batch)
                {
                    lines.Enqueue(line.Content);
                    if (lines.Count > LogLinesShown)
                        lines.Dequeue();
                }
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
        }
        return [.. lines];
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
        // Started before the resources are created, not as a hosted service: the AppHost's own start waits for resources
        // being created, and a failure must show while that start is still under way.
        builder.Services.AddSingleton<ResourceStatusReporter>();
        builder.Eventing.Subscribe<BeforeStartEvent>(async (@event, cancellationToken) =>
        {
            var reporter = @event.Services.GetRequiredService<ResourceStatusReporter>();
            await reporter.StartAsync(cancellationToken);
            @event.Services.GetRequiredService<IHostApplicationLifetime>().ApplicationStopping
                .Register(() => _ = reporter.StopAsync(CancellationToken.None));
        });
        return builder;
    }
}
