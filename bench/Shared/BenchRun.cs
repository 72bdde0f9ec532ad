using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Security.Cryptography;
using Marten.Events.Daemon.Coordination;
using Microsoft.Extensions.DependencyInjection;
using Network.Platform.Auth;
using Network.Tests.Hosting;
using Network.Tests.Infrastructure;

namespace Network.Bench;

/// <summary>
/// What every bench run does around its measurements: the clock and the load average, PostgreSQL and RabbitMQ
/// (the tests' helpers), the service under test, the report, and at the end (also after a failure) disposing what
/// the run owns and stopping the servers this process started.
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

    public static string NewSigningKey() => Convert.ToBase64String(RandomNumberGenerator.GetBytes(48));

    /// <summary>
    /// Starts the service whose assembly holds <typeparamref name="TMarker"/> on Kestrel, owned by the run: its database
    /// (ConnectionStrings:<paramref name="service"/>-db), the RabbitMQ virtual host, the token signing key, warnings only.
    /// </summary>
    public ServiceUnderTest<TMarker> StartService<TMarker>(string service, string database, string virtualHost, string signingKey)
        where TMarker : class =>
        Own(new ServiceUnderTest<TMarker>(new Dictionary<string, string?>
        {
            [$"ConnectionStrings:{service}-db"] = database,
            ["ConnectionStrings:rabbitmq"] = virtualHost,
            [NetworkTokens.SigningKeyConfigKey] = signingKey,
            ["Logging:LogLevel:Default"] = "Warning",
        }).Start());

    /// <summary>
    /// For a bench of a service's write path: the servers, a fresh database (bench_<paramref name="service"/>) and virtual
    /// host (bench-<paramref name="service"/>), the service with a new signing key, healthy, its outbox daemon paused
    /// (it would publish every write to RabbitMQ meanwhile, on the same cores; Outbox.Bench measures it on its own).
    /// </summary>
    public async Task<(ServiceUnderTest<TMarker> Service, string Database, string SigningKey)> StartServiceWithOutboxPausedAsync<TMarker>(
        string service, string title) where TMarker : class
    {
        await StartServersAsync();
        var database = await TestServers.CreateDatabaseAsync($"bench_{service}");
        var virtualHost = await TestServers.CreateVirtualHostAsync($"bench-{service}");
        Step($"starting the {title} service");
        var signingKey = NewSigningKey();
        var started = StartService<TMarker>(service, database, virtualHost, signingKey);
        await WaitUntilHealthyAsync(started, $"the {title} service to be healthy");
        await started.Services.GetRequiredService<IProjectionCoordinator>().PauseAsync();
        return (started, database, signingKey);
    }

    /// <summary>Waits up to 60 s for the service to answer GET /health with 200.</summary>
    static async Task WaitUntilHealthyAsync<TMarker>(ServiceUnderTest<TMarker> service, string what) where TMarker : class
    {
        using var client = service.NewClient();
        await Eventually.Until(async () =>
        {
            try { return (await client.GetAsync("/health")).StatusCode; }
            catch (HttpRequestException) { return default; }
        }, status => status == HttpStatusCode.OK, TimeSpan.FromSeconds(60), what);
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

    /// <summary>The 1, 5 and 15 minute load averages ("?" where /proc/loadavg is missing).</summary>
    public static string LoadAverage()
    {
        try { return string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)); }
        catch (IOException) { return "?"; }
    }
}
