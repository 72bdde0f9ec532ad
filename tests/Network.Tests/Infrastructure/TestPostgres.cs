using System.Text;
using Npgsql;

namespace Network.Tests.Infrastructure;

/// <summary>
/// A PostgreSQL server for tests: either one this process started (initdb in a temporary folder, 127.0.0.1 on a
/// free port, trust authentication, durability off for speed) or, when <see cref="EnvironmentVariable"/> is set,
/// an existing server given by an Npgsql connection string whose user may CREATE DATABASE. Each
/// <see cref="CreateDatabaseAsync"/> makes a brand-new empty database. Databases made on an external server
/// are left there (their names start with the prefix, "test" by default).
/// Use the shared instance through <see cref="TestServers"/>; a test that restarts the server starts its own with
/// <see cref="StartDedicatedAsync"/> and then <see cref="StopAsync"/> and <see cref="StartAsync"/> (same port, same data).
/// </summary>
public sealed class TestPostgres : IAsyncDisposable
{
    /// <summary>Npgsql connection string of an existing server to use instead of starting one.</summary>
    public const string EnvironmentVariable = "NETWORK_TEST_POSTGRES";

    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(60);
    private readonly SemaphoreSlim _createLock = new(1, 1);
    private readonly SemaphoreSlim _lifecycle = new(1, 1);
    private readonly Local? _local;
    private ServerProcess? _server;
    private readonly string? _folder;

    /// <summary>What a server started here needs to start again: its programs, data folder, port and user.</summary>
    private sealed record Local(string Bin, string Data, int Port, string? User);

    private TestPostgres(string connectionString, ServerProcess? server, string? folder, Local? local = null)
    {
        ConnectionString = connectionString;
        _server = server;
        _folder = folder;
        _local = local;
    }

    /// <summary>Connection string of the server's administrative database (superuser "postgres" when local).</summary>
    public string ConnectionString { get; }

    private int _disposed;

    /// <summary>Whether the server was given by <see cref="EnvironmentVariable"/> rather than started here.</summary>
    public bool IsExternal => _local is null;

    /// <summary>Uses an existing server; its user must be allowed to CREATE DATABASE.</summary>
    public static TestPostgres FromConnectionString(string connectionString) => new(connectionString, null, null);

    /// <summary>Starts a new local server (its own folder and port); dispose it to stop it.</summary>
    public static async Task<TestPostgres> StartDedicatedAsync(CancellationToken ct = default)
    {
        var bin = FindBinFolder();
        for (var attempt = 1; ; attempt++)
        {
            var folder = ServerHost.CreateFolder("postgres");
            try
            {
                return await InitialiseAndStartAsync(bin, folder, ct);
            }
            catch (TestServerException e) when (attempt < 3 && e.Message.Contains("already in use", StringComparison.OrdinalIgnoreCase))
            {
                ServerHost.DeleteFolder(folder); // lost a race for the port: try another one
            }
            catch
            {
                ServerHost.DeleteFolder(folder);
                throw;
            }
        }
    }

    private static async Task<TestPostgres> InitialiseAndStartAsync(string bin, string folder, CancellationToken ct)
    {
        // postgres refuses to run as root: then initdb and postgres run as the "postgres" user.
        var user = Environment.IsPrivilegedProcess ? "postgres" : null;
        if (user is not null)
            await ServerProcess.RunAsync("chown", [$"{user}:", folder], folder, ct: ct);

        var data = Path.Combine(folder, "data");
        await ServerProcess.RunAsync(Path.Combine(bin, "initdb"),
            ["-D", data, "-U", "postgres", "--auth=trust", "--encoding=UTF8", "--locale=C.UTF-8", "--no-sync"],
            folder, user, ct: ct);

        var local = new Local(bin, data, ServerHost.FreePort(), user);
        var admin = new NpgsqlConnectionStringBuilder
        {
            Host = "127.0.0.1",
            Port = local.Port,
            Username = "postgres",
            Database = "postgres",
            IncludeErrorDetail = true,
        }.ConnectionString;
        var server = await RunAsync(local, folder, admin, ct);
        return new TestPostgres(admin, server, folder, local);
    }

    /// <summary>Starts postgres on the data folder and port of <paramref name="local"/> and waits until it accepts connections.</summary>
    private static async Task<ServerProcess> RunAsync(Local local, string folder, string admin, CancellationToken ct)
    {
        var server = ServerProcess.Start("postgres", folder, Path.Combine(local.Bin, "postgres"),
        [
            "-D", local.Data, "-p", local.Port.ToString(),
            "-c", "listen_addresses=127.0.0.1",
            "-c", "unix_socket_directories=", // TCP only: no socket path length limit, no lock file in /tmp
            "-c", "max_connections=1000", // every test class runs its own services (daemons, pools) at the same time
            "-c", "fsync=off",
            "-c", "synchronous_commit=off",
            "-c", "full_page_writes=off",
            "-c", "wal_level=minimal",
            "-c", "max_wal_senders=0",
            "-c", "max_wal_size=1GB",
            "-c", "checkpoint_timeout=30min",
            "-c", "jit=off",
            "-c", "default_toast_compression=lz4", // large documents (an event with its registrations) compress 5-10x faster than pglz
        ], user: local.User, exitSignal: Native.SIGQUIT);
        try
        {
            await server.WaitUntilReadyAsync($"PostgreSQL on port {local.Port}", async token =>
            {
                await using var connection = new NpgsqlConnection(admin + ";Pooling=false;Timeout=5");
                await connection.OpenAsync(token);
            }, StartTimeout, ct);
        }
        catch
        {
            await server.StopAsync(Native.SIGQUIT, TimeSpan.FromSeconds(5));
            throw;
        }
        return server;
    }

    /// <summary>
    /// Stops a server started here with PostgreSQL's fast shutdown (SIGINT: open transactions are rolled back, every
    /// client is disconnected, the data is kept); connections to its port are refused until <see cref="StartAsync"/>.
    /// </summary>
    public async Task StopAsync()
    {
        var local = LocalOnly();
        await _lifecycle.WaitAsync();
        try
        {
            if (_server is null)
                return;
            await _server.StopAsync(Native.SIGINT, TimeSpan.FromSeconds(30));
            _server = null;
            for (var waited = 0; waited < 100 && await ServerHost.AcceptsConnectionsAsync(local.Port); waited++)
                await Task.Delay(50);
        }
        finally
        {
            _lifecycle.Release();
        }
    }

    /// <summary>Starts a server stopped by <see cref="StopAsync"/> again: same port, same data.</summary>
    public async Task StartAsync(CancellationToken ct = default)
    {
        var local = LocalOnly();
        await _lifecycle.WaitAsync(ct);
        try
        {
            if (_server is { HasExited: false })
                return;
            _server = await RunAsync(local, _folder!, ConnectionString, ct);
        }
        finally
        {
            _lifecycle.Release();
        }
    }

    private Local LocalOnly() =>
        _local ?? throw new InvalidOperationException("This PostgreSQL server was not started by the tests; it cannot be stopped or started.");

    /// <summary>
    /// Creates a brand-new empty database with a unique name starting with <paramref name="prefix"/> and returns
    /// its connection string.
    /// </summary>
    public async Task<string> CreateDatabaseAsync(string? prefix = null, CancellationToken ct = default)
    {
        var name = $"{Sanitize(prefix ?? "test")}_{Guid.NewGuid().ToString("N")[..12]}";
        await _createLock.WaitAsync(ct);
        try
        {
            await using var connection = new NpgsqlConnection(ConnectionString);
            await connection.OpenAsync(ct);
            await using var command = new NpgsqlCommand($"CREATE DATABASE \"{name}\"", connection);
            await command.ExecuteNonQueryAsync(ct);
        }
        finally
        {
            _createLock.Release();
        }
        return new NpgsqlConnectionStringBuilder(ConnectionString) { Database = name }.ConnectionString;
    }

    /// <summary>Stops a local server (immediate shutdown) and deletes its folder; nothing for an external one. Idempotent.</summary>
    public async ValueTask DisposeAsync()
    {
        if (_local is null || Interlocked.Exchange(ref _disposed, 1) == 1)
            return;
        if (_server is not null)
            await _server.StopAsync(Native.SIGQUIT, TimeSpan.FromSeconds(10));
        ServerHost.DeleteFolder(_folder!);
    }

    private static string Sanitize(string prefix)
    {
        var name = new StringBuilder();
        foreach (var c in prefix.ToLowerInvariant())
            name.Append(c is >= 'a' and <= 'z' or >= '0' and <= '9' or '_' ? c : '_');
        return name.Length == 0 ? "test" : name.ToString()[..Math.Min(name.Length, 40)];
    }

    /// <summary>The folder of initdb and postgres: from PATH, else the newest /usr/lib/postgresql/N/bin.</summary>
    private static string FindBinFolder()
    {
        var debian = System.IO.Directory.Exists("/usr/lib/postgresql")
            ? System.IO.Directory.GetDirectories("/usr/lib/postgresql")
                .Select(d => (Version: int.TryParse(Path.GetFileName(d), out var v) ? v : 0, Bin: Path.Combine(d, "bin")))
                .OrderByDescending(d => d.Version)
                .Select(d => d.Bin)
            : [];
        var initdb = ServerHost.FindProgram("initdb", debian)
            ?? throw new TestServerException(
                $"PostgreSQL is not installed (no initdb on PATH nor in /usr/lib/postgresql/*/bin): install the Debian package " +
                $"'postgresql', or set {EnvironmentVariable} to the connection string of a server.");
        var real = new FileInfo(initdb).ResolveLinkTarget(returnFinalTarget: true)?.FullName ?? initdb;
        return Path.GetDirectoryName(real)!;
    }
}
