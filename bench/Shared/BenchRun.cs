using System.Diagnostics;
using System.Globalization;
using Marten.Events.Daemon.Coordination;
using Microsoft.Extensions.DependencyInjection;
using Network.Tests.Hosting;
using Network.Tests.Infrastructure;

namespace Network.Bench;

/// <summary>
/// What every bench run does around its measurements: the clock and the load average, PostgreSQL and RabbitMQ
/// (the tests' helpers), the sign-in provider and the service under test trusting it, the report, and at the end
/// (also after a failure) disposing what the run owns and stopping the servers this process started.
/// </summary>
public sealed class BenchRun
{
    readonly Stopwatch total;
    readonly List<object> owned = [];

    /// <summary>Starts the clock. Parse the options first: the default results path is found from the current directory.</summary>
    public BenchRun()
    {
        // As under a test runner: WebApplicationFactory reads MvcTestingAppManifest.json (the service's content root)
        // from the current directory.
        Environment.CurrentDirectory = AppContext.BaseDirectory;
        total = Stopwatch.StartNew();
        LoadBefore = LoadAverage();
    }

    /// <summary>The load average when the run started.</summary>
    public string LoadBefore { get; }

    public TimeSpan Elapsed => total.Elapsed;

    public void Step(string what) => Console.WriteLine($"[{total.Elapsed.TotalSeconds,5:0.0} s] {what}");

    /// <summary>
    /// Runs the bench and returns its exit code (1 if it throws). Then, either way, disposes what the run owns
    /// (newest first) and stops the servers this process started (their ProcessExit handler and watchdog are the safety net).
    /// </summary>
    public async Task<int> ExecuteAsync(Func<Task<int>> bench)
    {
        try
        {
            return await bench();
        }
        catch (Exception e)
        {
            Console.Error.WriteLine($"Bench failed: {e}");
            return 1;
        }
        finally
        {
            Step("stopping");
            for (var i = owned.Count - 1; i >= 0; i--)
                if (owned[i] is IAsyncDisposable resource) await resource.DisposeAsync();
                else ((IDisposable)owned[i]).Dispose();
            if (TestServers.Smtp.IsCompletedSuccessfully) await (await TestServers.Smtp).DisposeAsync();
            if (TestServers.RabbitMq.IsCompletedSuccessfully) await (await TestServers.RabbitMq).DisposeAsync();
            if (TestServers.Postgres.IsCompletedSuccessfully) await (await TestServers.Postgres).DisposeAsync();
            Console.WriteLine($"Done in {total.Elapsed.TotalSeconds:0} s.");
        }
    }

    /// <summary>Disposes <paramref name="resource"/> (IAsyncDisposable or IDisposable) at the end of the run, before what it owned earlier.</summary>
    public T Own<T>(T resource) where T : class
    {
        if (resource is not (IAsyncDisposable or IDisposable))
            throw new ArgumentException($"{typeof(T).Name} is not disposable.", nameof(resource));
        owned.Add(resource);
        return resource;
    }

    /// <summary>Starts PostgreSQL and RabbitMQ (or takes the servers NETWORK_TEST_POSTGRES / NETWORK_TEST_RABBITMQ point at).</summary>
    public async Task StartServersAsync()
    {
        Step("starting PostgreSQL and RabbitMQ");
        await Task.WhenAll(TestServers.Postgres, TestServers.RabbitMq);
    }

    /// <summary>
    /// Starts the sign-in provider (the Identity service as the tests start it: its own database, its own virtual host
    /// bench-identity, keys in a temporary folder), owned by the run, and signs its bootstrap staff account in
    /// (<see cref="IdentityUnderTest.StaffToken"/>). Every token of a bench comes from it, as in production.
    /// </summary>
    public async Task<IdentityUnderTest> StartIdentityAsync()
    {
        Step("starting the Identity service (the sign-in provider)");
        var identity = Own(await IdentityUnderTest.StartAsync(await TestServers.CreateVirtualHostAsync("bench-identity")));
        await identity.SignInStaffAsync();
        return identity;
    }

    /// <summary>
    /// Starts the service whose assembly holds <typeparamref name="TMarker"/> on Kestrel, owned by the run, with the
    /// tests' settings: its database (ConnectionStrings:<paramref name="service"/>-db), the RabbitMQ virtual host,
    /// trust in <paramref name="identity"/>, warnings only.
    /// </summary>
    public ServiceUnderTest<TMarker> StartService<TMarker>(string service, string database, string virtualHost, IdentityUnderTest identity)
        where TMarker : class =>
        Own(new ServiceUnderTest<TMarker>(NetworkUnderTest.Settings(identity, $"{service}-db", database, virtualHost)).Start());

    /// <summary>
    /// For a bench of a service's write path: the servers, the sign-in provider, a fresh database (bench_<paramref name="service"/>)
    /// and virtual host (bench-<paramref name="service"/>), the service trusting the provider, healthy, its outbox daemon paused
    /// (it would publish every write to RabbitMQ meanwhile, on the same cores; Outbox.Bench measures it on its own).
    /// </summary>
    public async Task<(ServiceUnderTest<TMarker> Service, string Database, IdentityUnderTest Identity)> StartServiceWithOutboxPausedAsync<TMarker>(
        string service, string title) where TMarker : class
    {
        await StartServersAsync();
        var identity = await StartIdentityAsync();
        var database = await TestServers.CreateDatabaseAsync($"bench_{service}");
        var virtualHost = await TestServers.CreateVirtualHostAsync($"bench-{service}");
        Step($"starting the {title} service");
        var started = StartService<TMarker>(service, database, virtualHost, identity);
        using (var client = started.NewClient()) await NetworkUnderTest.WaitUntilHealthy(client);
        await started.Services.GetRequiredService<IProjectionCoordinator>().PauseAsync();
        return (started, database, identity);
    }

    /// <summary>The report's first line: when, on how many cores, the load average before and now, how long the run took.</summary>
    public string Conditions() => string.Create(CultureInfo.InvariantCulture,
        $"{DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC, {Environment.ProcessorCount} cores, load average {LoadBefore} before / {LoadAverage()} after, run took {Elapsed.TotalSeconds:0} s.");

    /// <summary>Prints the report and writes it to <paramref name="path"/>.</summary>
    public static async Task WriteReportAsync(string report, string path)
    {
        Console.WriteLine();
        Console.WriteLine(report);
        System.IO.Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        await File.WriteAllTextAsync(path, report);
        Console.WriteLine($"Written to {path}");
    }

    /// <summary>Writes the machine-readable results beside the report at <paramref name="reportPath"/>, for bench/Summary.</summary>
    public static Task WriteResultsAsync(BenchResults results, string reportPath) => results.WriteAsync(BenchResults.PathBeside(reportPath));

    /// <summary>The 1, 5 and 15 minute load averages ("?" where /proc/loadavg is missing).</summary>
    public static string LoadAverage()
    {
        try { return string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)); }
        catch (IOException) { return "?"; }
    }
}
