using System.Net;

namespace Network.Tests.Infrastructure;

/// <summary>
/// One of the platform's services as a separate OS process (<c>dotnet Network.Forum.dll</c> from its project's build
/// output, next to the test assembly's configuration), on a free loopback port, its settings in the environment, its
/// console in a log file. Unlike a <c>ServiceUnderTest</c> in the test process, it can be killed with SIGKILL, as a
/// crash or an out-of-memory kill would end it, and started again on the same port and settings.
/// </summary>
public sealed class ServiceProcess : IAsyncDisposable
{
    static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(90);
    readonly string folder;
    readonly string assembly;
    readonly Dictionary<string, string> environment;
    readonly List<string> arguments;
    readonly HttpClient health;
    ServerProcess? process;

    ServiceProcess(string name, string assembly, int port, Dictionary<string, string> environment, List<string> arguments)
    {
        Name = name;
        this.assembly = assembly;
        this.environment = environment;
        this.arguments = arguments;
        Address = new Uri($"http://127.0.0.1:{port}/");
        folder = ServerHost.CreateFolder(name);
        health = new HttpClient { BaseAddress = Address, Timeout = TimeSpan.FromSeconds(5) };
    }

    public string Name { get; }
    public Uri Address { get; }

    /// <summary>The pid of the running process (it changes at each start).</summary>
    public int? ProcessId => process is { HasExited: false } running ? running.Id : null;

    /// <summary>
    /// Starts the service built from <c>services/{project}</c> (assembly <c>Network.{project}</c>) with
    /// <paramref name="settings"/> (configuration keys as in appsettings, <c>ConnectionStrings:forum-db</c>) and waits until
    /// its <c>/health</c> says it is ready. The settings go on the command line (<c>--key=value</c>): the shell that starts
    /// the process drops environment variables whose names hold a '-', as <c>ConnectionStrings__forum-db</c> does.
    /// </summary>
    public static async Task<ServiceProcess> StartAsync(string project, IReadOnlyDictionary<string, string?> settings, CancellationToken ct = default)
    {
        var environment = new Dictionary<string, string>
        {
            ["ASPNETCORE_ENVIRONMENT"] = "Testing",
            ["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1",
        };
        var port = ServerHost.FreePort();
        environment["ASPNETCORE_URLS"] = $"http://127.0.0.1:{port}";
        var arguments = settings.Where(s => s.Value is not null).Select(s => $"--{s.Key}={s.Value}").ToList();
        var service = new ServiceProcess(project.ToLowerInvariant(), FindAssembly(project), port, environment, arguments);
        await service.StartAsync(ct);
        return service;
    }

    /// <summary>Starts the process (again, after <see cref="KillAsync"/>) and waits until it is healthy.</summary>
    public async Task StartAsync(CancellationToken ct = default)
    {
        if (process is { HasExited: false })
            return;
        process = ServerProcess.Start(Name, folder, "dotnet", [assembly, .. arguments], environment, workingDirectory: Path.GetDirectoryName(assembly));
        await process.WaitUntilReadyAsync($"{Name} at {Address}", async token =>
        {
            using var response = await health.GetAsync("health", token);
            if (response.StatusCode != HttpStatusCode.OK)
                throw new TestServerException($"{Name} answers /health with {(int)response.StatusCode}");
        }, StartTimeout, ct);
    }

    /// <summary>SIGKILL: the process ends at once, with no shutdown of its own (nothing acknowledged, nothing flushed).</summary>
    public async Task KillAsync()
    {
        if (process is null)
            return;
        await process.StopAsync(Native.SIGKILL, TimeSpan.FromSeconds(10));
        process = null;
    }

    /// <summary>The last lines of the service's console, for a failing test's message.</summary>
    public string LogTail(int lines = 40) => process?.LogTail(lines) ?? $"({Name} is not running)";

    public async ValueTask DisposeAsync()
    {
        health.Dispose();
        await KillAsync();
        ServerHost.DeleteFolder(folder);
    }

    /// <summary>services/{project}/bin/{Configuration}/{tfm}/Network.{project}.dll, the configuration and tfm being the tests' own.</summary>
    static string FindAssembly(string project)
    {
        var output = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd('/')); // tests/Network.Tests/bin/Release/net10.0
        var framework = output.Name;
        var configuration = output.Parent!.Name;
        for (var folder = output; folder is not null; folder = folder.Parent)
        {
            var candidate = Path.Combine(folder.FullName, "services", project, "bin", configuration, framework, $"Network.{project}.dll");
            if (File.Exists(candidate))
                return candidate;
        }
        throw new TestServerException(
            $"No build of services/{project} ({configuration}, {framework}) above {AppContext.BaseDirectory}: build the solution first.");
    }
}
