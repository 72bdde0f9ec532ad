using System.Net.Http.Headers;
using System.Text;
using RabbitMQ.Client;

namespace Network.Tests.Infrastructure;

/// <summary>
/// A RabbitMQ broker for tests: either one this process started (<c>rabbitmq-server</c> with a unique node name,
/// its own epmd, 127.0.0.1 on free ports, data and logs in a temporary folder, user guest/guest) or, when
/// <see cref="EnvironmentVariable"/> is set, an existing broker given by an amqp:// URI whose user may create
/// virtual hosts and set permissions (the "administrator" tag) through the HTTP API of the rabbitmq_management
/// plugin, found at <see cref="ManagementEnvironmentVariable"/> or else at http://HOST:15672/ with the same
/// credentials. Vhosts made on an external broker are left there.
/// <para>
/// Use the shared broker through <see cref="TestServers"/>. An outage test starts its own with
/// <see cref="StartDedicatedAsync"/> and then <see cref="StopAsync"/>, <see cref="KillAsync"/>, <see cref="StartAsync"/>
/// (same port, same data), <see cref="PauseAsync"/> and <see cref="ResumeAsync"/>.
/// </para>
/// </summary>
public sealed class TestRabbitMq : IAsyncDisposable
{
    /// <summary>amqp://user:password@host:port/ of an existing broker to use instead of starting one.</summary>
    public const string EnvironmentVariable = "NETWORK_TEST_RABBITMQ";

    /// <summary>Base URL of the external broker's management HTTP API (default http://HOST:15672/).</summary>
    public const string ManagementEnvironmentVariable = "NETWORK_TEST_RABBITMQ_MANAGEMENT";

    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(120);
    private readonly HttpClient? _management;
    private readonly Local? _local;
    private readonly SemaphoreSlim _lifecycle = new(1, 1);
    private ServerProcess? _broker;

    /// <summary>What a broker started here needs to start again: folder, epmd, command and environment.</summary>
    private sealed record Local(string Folder, string Program, Dictionary<string, string> Environment, ServerProcess Epmd);

    private TestRabbitMq(string host, int port, string userName, string password, Uri? managementUri, Local? local)
    {
        Host = host;
        Port = port;
        UserName = userName;
        Password = password;
        ManagementUri = managementUri;
        _local = local;
        if (managementUri is not null)
        {
            _management = new HttpClient { BaseAddress = managementUri, Timeout = TimeSpan.FromSeconds(30) };
            _management.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue(
                "Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{userName}:{password}")));
        }
    }

    public string Host { get; }

    /// <summary>The AMQP port; it stays the same across <see cref="StopAsync"/> and <see cref="StartAsync"/>.</summary>
    public int Port { get; }

    public string UserName { get; }
    public string Password { get; }

    /// <summary>The management HTTP API, or null when the broker was started without the plugin.</summary>
    public Uri? ManagementUri { get; }

    /// <summary>amqp:// URI of the default virtual host "/".</summary>
    public string AmqpUri => Uri("/");

    /// <summary>Whether the broker was given by <see cref="EnvironmentVariable"/> rather than started here.</summary>
    public bool IsExternal => _local is null;

    /// <summary>Uses an existing broker (see the class summary for what its user needs).</summary>
    public static TestRabbitMq FromUri(string amqpUri, string? managementUri = null)
    {
        var uri = new Uri(amqpUri);
        var credentials = uri.UserInfo.Split(':', 2);
        var user = credentials[0].Length > 0 ? System.Uri.UnescapeDataString(credentials[0]) : "guest";
        var password = credentials.Length > 1 ? System.Uri.UnescapeDataString(credentials[1]) : "guest";
        var management = new Uri(managementUri ?? $"http://{uri.Host}:15672/");
        return new TestRabbitMq(uri.Host, uri.Port > 0 ? uri.Port : 5672, user, password, management, null);
    }

    /// <summary>
    /// Starts a new broker with its own folder, ports and node name; dispose it to stop it. With
    /// <paramref name="management"/> it loads the management plugin, needed by <see cref="CreateVirtualHostAsync"/>
    /// (start-up takes about 1.5 s longer, a graceful stop about 5 s longer); without it, use <see cref="AmqpUri"/>.
    /// </summary>
    public static async Task<TestRabbitMq> StartDedicatedAsync(bool management = false, CancellationToken ct = default)
    {
        var program = FindServerScript();
        var epmdProgram = ServerHost.FindProgram("epmd", "/usr/lib/erlang/bin")
            ?? throw new TestServerException("epmd (Erlang) is not on PATH: install the Debian package 'rabbitmq-server'.");
        for (var attempt = 1; ; attempt++)
        {
            var folder = ServerHost.CreateFolder("rabbitmq");
            ServerProcess? epmd = null;
            try
            {
                int amqpPort = ServerHost.FreePort(), distPort = ServerHost.FreePort(), epmdPort = ServerHost.FreePort();
                int? managementPort = management ? ServerHost.FreePort() : null;
                List<string> config =
                [
                    $"listeners.tcp.1 = 127.0.0.1:{amqpPort}",
                    "log.console = true",
                    "log.console.level = info",
                    "log.file = false",
                ];
                if (management)
                    config.AddRange(
                    [
                        "management.tcp.ip = 127.0.0.1",
                        $"management.tcp.port = {managementPort}",
                        "management_agent.disable_metrics_collector = true",
                    ]);
                File.WriteAllLines(Path.Combine(folder, "rabbitmq.conf"), config);
                File.WriteAllText(Path.Combine(folder, "enabled_plugins"), management ? "[rabbitmq_management]." : "[].");
                var environment = new Dictionary<string, string>
                {
                    ["HOME"] = folder, // .erlang.cookie
                    ["ERL_EPMD_PORT"] = epmdPort.ToString(),
                    ["RABBITMQ_NODENAME"] = $"test-{Guid.NewGuid().ToString("N")[..10]}@localhost",
                    ["RABBITMQ_DIST_PORT"] = distPort.ToString(),
                    ["RABBITMQ_CONFIG_FILE"] = Path.Combine(folder, "rabbitmq.conf"),
                    ["RABBITMQ_ADVANCED_CONFIG_FILE"] = Path.Combine(folder, "advanced.config"),
                    ["RABBITMQ_CONF_ENV_FILE"] = Path.Combine(folder, "rabbitmq-env.conf"),
                    ["RABBITMQ_ENABLED_PLUGINS_FILE"] = Path.Combine(folder, "enabled_plugins"),
                    ["RABBITMQ_MNESIA_BASE"] = Path.Combine(folder, "mnesia"),
                    ["RABBITMQ_LOG_BASE"] = Path.Combine(folder, "log"),
                    ["RABBITMQ_LOGS"] = "-",
                    ["RABBITMQ_PID_FILE"] = Path.Combine(folder, "beam.pid"),
                };

                // Our own epmd (not a daemon), so that none outlives the tests.
                epmd = ServerProcess.Start("epmd", folder, epmdProgram, ["-port", epmdPort.ToString(), "-address", "127.0.0.1"]);
                await epmd.WaitUntilReadyAsync($"epmd on port {epmdPort}", async token =>
                {
                    if (!await ServerHost.AcceptsConnectionsAsync(epmdPort, token))
                        throw new TestServerException("epmd not listening yet");
                }, TimeSpan.FromSeconds(10), ct);

                var managementUri = management ? new Uri($"http://127.0.0.1:{managementPort}/") : null;
                var broker = new TestRabbitMq("127.0.0.1", amqpPort, "guest", "guest", managementUri,
                    new Local(folder, program, environment, epmd));
                await broker.StartAsync(ct);
                return broker;
            }
            catch (Exception e)
            {
                if (epmd is not null)
                    await epmd.StopAsync(Native.SIGKILL, TimeSpan.Zero, wholeGroup: true);
                ServerHost.DeleteFolder(folder);
                if (attempt < 3 && e is TestServerException && e.Message.Contains("eaddrinuse", StringComparison.OrdinalIgnoreCase))
                    continue; // lost a race for a port: try others
                throw;
            }
        }
    }

    /// <summary>
    /// Creates a brand-new virtual host (name starting with <paramref name="prefix"/>), gives the user all
    /// permissions on it and returns its amqp:// URI. Needs the management API.
    /// </summary>
    public async Task<string> CreateVirtualHostAsync(string? prefix = null, CancellationToken ct = default)
    {
        if (_management is null)
            throw new InvalidOperationException("This broker was started without the management plugin: use AmqpUri, or StartDedicatedAsync(management: true).");
        var name = $"{prefix ?? "test"}-{Guid.NewGuid().ToString("N")[..12]}";
        var escaped = System.Uri.EscapeDataString(name);
        using (var created = await _management.PutAsync($"api/vhosts/{escaped}", null, ct))
            await EnsureSuccessAsync(created, $"creating vhost {name}");
        var permissions = new StringContent("""{"configure":".*","write":".*","read":".*"}""", Encoding.UTF8, "application/json");
        using (var granted = await _management.PutAsync($"api/permissions/{escaped}/{System.Uri.EscapeDataString(UserName)}", permissions, ct))
            await EnsureSuccessAsync(granted, $"setting permissions on vhost {name}");
        return Uri(name);
    }

    /// <summary>(Re)starts a broker started here after <see cref="StopAsync"/> or <see cref="KillAsync"/>: same port, node and data.</summary>
    public async Task StartAsync(CancellationToken ct = default)
    {
        var local = LocalOnly();
        await _lifecycle.WaitAsync(ct);
        try
        {
            if (_broker is { HasExited: false })
                return;
            File.Delete(Path.Combine(local.Folder, "beam.pid")); // a stale one would name a dead process
            _broker = ServerProcess.Start("rabbitmq", local.Folder, local.Program, [], local.Environment);
            try
            {
                await _broker.WaitUntilReadyAsync($"RabbitMQ on port {Port}", async token =>
                {
                    var factory = new ConnectionFactory
                    {
                        Uri = new Uri(AmqpUri),
                        AutomaticRecoveryEnabled = false,
                        RequestedConnectionTimeout = TimeSpan.FromSeconds(5),
                    };
                    await using var connection = await factory.CreateConnectionAsync(token);
                    await connection.CloseAsync(token);
                    if (_management is not null)
                    {
                        using var response = await _management.GetAsync("api/whoami", token);
                        await EnsureSuccessAsync(response, "management API");
                    }
                }, StartTimeout, ct);
            }
            catch
            {
                await _broker.StopAsync(Native.SIGKILL, TimeSpan.Zero, wholeGroup: true);
                _broker = null;
                throw;
            }
        }
        finally
        {
            _lifecycle.Release();
        }
    }

    /// <summary>
    /// Stops the broker gracefully (it closes its clients' connections, then exits); afterwards connections to
    /// <see cref="Port"/> are refused until <see cref="StartAsync"/>.
    /// </summary>
    public Task StopAsync() => StopAsync(Native.SIGTERM, TimeSpan.FromSeconds(30));

    /// <summary>Kills the broker (SIGKILL): a crash, with no goodbye to clients. <see cref="StartAsync"/> recovers it.</summary>
    public Task KillAsync() => StopAsync(Native.SIGKILL, TimeSpan.FromSeconds(5), wholeGroup: true);

    /// <summary>Freezes the broker (SIGSTOP): its port still accepts TCP connections but nothing answers.</summary>
    public Task PauseAsync() => SignalBeamAsync(Native.SIGSTOP);

    /// <summary>Thaws a broker frozen by <see cref="PauseAsync"/> (SIGCONT).</summary>
    public Task ResumeAsync() => SignalBeamAsync(Native.SIGCONT);

    /// <summary>Stops a broker started here (SIGKILL, as its data is thrown away) and deletes its folder.</summary>
    public async ValueTask DisposeAsync()
    {
        _management?.Dispose();
        if (_local is null)
            return;
        await StopAsync(Native.SIGKILL, TimeSpan.FromSeconds(5), wholeGroup: true);
        await _local.Epmd.StopAsync(Native.SIGKILL, TimeSpan.FromSeconds(5), wholeGroup: true);
        ServerHost.DeleteFolder(_local.Folder);
    }

    private async Task StopAsync(int signal, TimeSpan grace, bool wholeGroup = false)
    {
        LocalOnly();
        await _lifecycle.WaitAsync();
        try
        {
            if (_broker is null)
                return;
            TrySignalBeam(Native.SIGCONT); // a paused broker cannot stop
            await _broker.StopAsync(signal, grace, wholeGroup); // the rabbitmq-server script passes SIGTERM on to beam
            _broker = null;
            for (var waited = 0; waited < 100 && await ServerHost.AcceptsConnectionsAsync(Port); waited++)
                await Task.Delay(50); // the port closes as the last thread of beam exits
        }
        finally
        {
            _lifecycle.Release();
        }
    }

    private Task SignalBeamAsync(int signal)
    {
        if (!TrySignalBeam(signal))
            throw new InvalidOperationException("The broker is not running.");
        return Task.CompletedTask;
    }

    /// <summary>Signals the Erlang VM itself (its pid file is written once it has booted).</summary>
    private bool TrySignalBeam(int signal)
    {
        var pidFile = Path.Combine(LocalOnly().Folder, "beam.pid");
        if (_broker is null || !File.Exists(pidFile) || !int.TryParse(File.ReadAllText(pidFile).Trim(), out var beam))
            return false;
        Native.Kill(beam, signal);
        return true;
    }

    private Local LocalOnly() =>
        _local ?? throw new InvalidOperationException("This broker was not started by the tests; it cannot be stopped or started.");

    private string Uri(string virtualHost) =>
        $"amqp://{System.Uri.EscapeDataString(UserName)}:{System.Uri.EscapeDataString(Password)}@{Host}:{Port}/{System.Uri.EscapeDataString(virtualHost)}";

    private static async Task EnsureSuccessAsync(HttpResponseMessage response, string what)
    {
        if (!response.IsSuccessStatusCode)
            throw new TestServerException(
                $"RabbitMQ management API, {what}: {(int)response.StatusCode} {response.ReasonPhrase}: {await response.Content.ReadAsStringAsync()}");
    }

    /// <summary>
    /// The real rabbitmq-server script. Debian's /usr/sbin/rabbitmq-server is a wrapper that switches to the
    /// rabbitmq user and logs to /var/log; the script behind it runs as any user with our settings.
    /// </summary>
    private static string FindServerScript()
    {
        const string debian = "/usr/lib/rabbitmq/bin/rabbitmq-server";
        if (File.Exists(debian))
            return debian;
        return ServerHost.FindProgram("rabbitmq-server")
            ?? throw new TestServerException(
                $"RabbitMQ is not installed (no {debian} nor rabbitmq-server on PATH): install the Debian package 'rabbitmq-server', " +
                $"or set {EnvironmentVariable} to the amqp:// URI of a broker.");
    }
}
