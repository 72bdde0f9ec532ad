using Marten;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;

[assembly: HostingStartup(typeof(Network.Bench.Outbox.DaemonOverrides))]

namespace Network.Bench.Outbox;

/// <summary>
/// Experiments with the Marten daemon's wake-up settings without editing the service: when any override is
/// given (--listen-notify, --fast-poll-ms, --slow-poll-ms, --wakeup keep-signals), the bench loads this hosting startup into the
/// Directory (ASPNETCORE_HOSTINGSTARTUPASSEMBLIES, set in this process only) and it applies them with
/// <c>ConfigureMarten</c>, which runs after the service's own <c>AddMarten</c> configuration.
/// </summary>
public sealed class DaemonOverrides : IHostingStartup
{
    public static bool? ListenNotify { get; set; }
    public static int? FastPollingMs { get; set; }
    public static int? SlowPollingMs { get; set; }

    /// <summary>--wakeup keep-signals: <see cref="SignalKeepingWakeup"/> instead of Marten's LISTEN wake-up.</summary>
    public static bool KeepSignals { get; set; }

    /// <summary>The Directory's database (for <see cref="SignalKeepingWakeup"/>).</summary>
    public static string? ConnectionString { get; set; }

    public static bool Any => ListenNotify is not null || FastPollingMs is not null || SlowPollingMs is not null || KeepSignals;

    /// <summary>Makes the next service started in this process load the overrides.</summary>
    public static void Enable() =>
        Environment.SetEnvironmentVariable("ASPNETCORE_HOSTINGSTARTUPASSEMBLIES", typeof(DaemonOverrides).Assembly.GetName().Name);

    public void Configure(IWebHostBuilder builder) => builder.ConfigureServices(services => services.ConfigureMarten(options =>
    {
        if (ListenNotify is { } listen) options.Events.UseListenNotifyForEventAppends = listen;
        if (FastPollingMs is { } fast) options.Projections.FastPollingTime = TimeSpan.FromMilliseconds(fast);
        if (SlowPollingMs is { } slow) options.Projections.SlowPollingTime = TimeSpan.FromMilliseconds(slow);
        if (KeepSignals)
        {
            // Marten would overwrite Projections.Wakeup with its own when the flag is on; the NOTIFY comes
            // from SignalKeepingWakeup.InstallTriggerAsync instead.
            options.Events.UseListenNotifyForEventAppends = false;
            options.Projections.Wakeup = new SignalKeepingWakeup(
                ConnectionString ?? throw new InvalidOperationException("DaemonOverrides.ConnectionString is not set."));
        }
    }));
}
