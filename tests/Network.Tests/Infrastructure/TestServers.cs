namespace Network.Tests.Infrastructure;

/// <summary>
/// The test servers shared by the whole test run: one PostgreSQL server, one RabbitMQ broker and one SMTP server per
/// test process, started on first use (thread-safe), on free ports in temporary folders, and stopped when the
/// process exits. <see cref="TestPostgres.EnvironmentVariable"/>, <see cref="TestRabbitMq.EnvironmentVariable"/> and
/// <see cref="TestSmtp.EnvironmentVariable"/> point them at existing servers instead. Typical use, one database and one
/// vhost per test class, new mail addresses per test:
/// <code>
/// var db = await TestServers.CreateDatabaseAsync();      // Npgsql connection string of a new empty database
/// var amqp = await TestServers.CreateVirtualHostAsync(); // amqp:// URI of a new empty vhost
/// var smtp = await TestServers.Smtp;                     // smtp.ConnectionString; smtp.WaitForMailToAsync(address, ...)
/// </code>
/// Never stop the shared servers; an outage test uses <see cref="StartDedicatedRabbitMqAsync"/>.
/// </summary>
public static class TestServers
{
    private static readonly Lazy<Task<TestPostgres>> SharedPostgres = new(() => Task.Run(async () =>
        Environment.GetEnvironmentVariable(TestPostgres.EnvironmentVariable) is { Length: > 0 } connectionString
            ? TestPostgres.FromConnectionString(connectionString)
            : await TestPostgres.StartDedicatedAsync()));

    private static readonly Lazy<Task<TestRabbitMq>> SharedRabbitMq = new(() => Task.Run(async () =>
        Environment.GetEnvironmentVariable(TestRabbitMq.EnvironmentVariable) is { Length: > 0 } uri
            ? TestRabbitMq.FromUri(uri, Environment.GetEnvironmentVariable(TestRabbitMq.ManagementEnvironmentVariable))
            : await TestRabbitMq.StartDedicatedAsync(management: true)));

    private static readonly Lazy<Task<TestSmtp>> SharedSmtp = new(() => Task.Run(async () =>
        Environment.GetEnvironmentVariable(TestSmtp.EnvironmentVariable) is { Length: > 0 } value
            ? TestSmtp.FromEnvironment(value)
            : await TestSmtp.StartDedicatedAsync()));

    /// <summary>The shared PostgreSQL server (started by the first caller; a failed start fails every caller).</summary>
    public static Task<TestPostgres> Postgres => SharedPostgres.Value;

    /// <summary>The shared RabbitMQ broker, with the management API (started by the first caller).</summary>
    public static Task<TestRabbitMq> RabbitMq => SharedRabbitMq.Value;

    /// <summary>The shared catch-all SMTP server with its mailbox reader (started by the first caller).</summary>
    public static Task<TestSmtp> Smtp => SharedSmtp.Value;

    /// <summary>Connection string of a brand-new empty database on the shared server.</summary>
    public static async Task<string> CreateDatabaseAsync(string? prefix = null, CancellationToken ct = default) =>
        await (await Postgres).CreateDatabaseAsync(prefix, ct);

    /// <summary>amqp:// URI of a brand-new virtual host on the shared broker, with all permissions for its user.</summary>
    public static async Task<string> CreateVirtualHostAsync(string? prefix = null, CancellationToken ct = default) =>
        await (await RabbitMq).CreateVirtualHostAsync(prefix, ct);

    /// <summary>
    /// A broker of the caller's own (own port, folder and node), always started locally, for tests that stop,
    /// kill, pause or restart it; dispose it at the end. Without <paramref name="management"/> use its
    /// <see cref="TestRabbitMq.AmqpUri"/> (vhost "/").
    /// </summary>
    public static Task<TestRabbitMq> StartDedicatedRabbitMqAsync(bool management = false, CancellationToken ct = default) =>
        TestRabbitMq.StartDedicatedAsync(management, ct);
}
