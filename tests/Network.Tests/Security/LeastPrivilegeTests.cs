using System.Text;
using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;
using Aspire.Hosting.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Network.Tests.AppHost;
using Npgsql;
using RabbitMQ.Client;
using RabbitMQ.Client.Exceptions;
using Xunit;

namespace Network.Tests.Security;

/// <summary>
/// The AppHost's own provisioning (local mode: infra/postgres.sh, infra/rabbitmq.sh and the AppHost's roles and definitions)
/// with the services left out, started once for these tests from a data folder under a parent only root may enter.
/// </summary>
public sealed class ProvisionedInfrastructure : IAsyncLifetime
{
    internal static readonly string[] Services = ["directory", "forum", "events", "knowledge", "identity", "partners"];
    static readonly string[] LeftOut = ["identity-api", "directory-api", "forum-api", "events-api", "knowledge-api", "partners-api", "gateway", "mail"];

    readonly DirectoryInfo _privateParent = System.IO.Directory.CreateTempSubdirectory("network-private-");
    DistributedApplication? _app;

    /// <summary>The AppHost's data folder; its parent has mode 0700, so the postgres user cannot enter it.</summary>
    public string DataDirectory => Path.Combine(_privateParent.FullName, "clone", ".local");

    public Dictionary<string, string> DatabaseConnections { get; } = [];
    public Dictionary<string, string> BrokerConnections { get; } = [];

    /// <summary>The names of the resources each project referenced in the AppHost's model, before they were left out.</summary>
    public Dictionary<string, string[]> References { get; } = [];

    public async Task InitializeAsync()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(150));
        if (!OperatingSystem.IsWindows())
            File.SetUnixFileMode(_privateParent.FullName, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        var ports = AppHostProcess.FreePorts(7);
        var builder = await DistributedApplicationTestingBuilder.CreateAsync<global::Projects.AppHost>(
            AppHostProcess.LocalModeArguments(DataDirectory, ports), timeout.Token);
        builder.Services.AddLogging(logging => logging
            .AddFilter("Microsoft.Extensions.Diagnostics.HealthChecks", LogLevel.None)
            .AddFilter("Aspire.Hosting.Dcp", LogLevel.Warning));
        foreach (var project in builder.Resources.Where(r => LeftOut.Contains(r.Name)).ToList())
        {
            References[project.Name] = [.. project.Annotations.OfType<ResourceRelationshipAnnotation>()
                .Where(r => r.Type == "Reference").Select(r => r.Resource.Name).Distinct()];
            builder.Resources.Remove(project);
        }

        _app = await builder.BuildAsync(timeout.Token);
        await _app.StartAsync(timeout.Token);
        var waited = new List<string> { "postgres", "rabbitmq" };
        foreach (var service in Services)
        {
            waited.AddRange([$"{service}-db", $"rabbitmq-{service}"]);
        }
        await Task.WhenAll(waited.Select(name => _app.ResourceNotifications.WaitForResourceHealthyAsync(name, timeout.Token)));
        foreach (var service in Services)
        {
            DatabaseConnections[service] = (await _app.GetConnectionStringAsync($"{service}-db", timeout.Token))!;
            BrokerConnections[service] = (await _app.GetConnectionStringAsync($"rabbitmq-{service}", timeout.Token))!;
        }
    }

    public async Task DisposeAsync()
    {
        var placed = new FileInfo(Path.Combine(DataDirectory, "postgres")).LinkTarget;
        if (_app is not null)
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
        }
        await AppHostProcess.DeleteWhenServersAreGoneAsync(_privateParent);
        if (placed is not null && placed.StartsWith("/var/lib/network/", StringComparison.Ordinal))
            await AppHostProcess.DeleteWhenServersAreGoneAsync(new DirectoryInfo(Path.GetDirectoryName(placed)!));
    }
}

[Collection(nameof(AppHostCollection))]
public sealed class LeastPrivilegeTests(ProvisionedInfrastructure infrastructure) : IClassFixture<ProvisionedInfrastructure>
{
    [Fact]
    public void From_a_folder_the_postgres_user_cannot_enter_the_cluster_is_placed_where_it_can_and_linked_from_the_data_folder()
    {
        var link = new FileInfo(Path.Combine(infrastructure.DataDirectory, "postgres"));
        Assert.NotNull(link.LinkTarget);
        // Named after the repository's folder (where the AppHost project lives), one folder per data folder.
        var repository = Path.GetFileName(Path.GetDirectoryName(global::Projects.AppHost.ProjectPath));
        Assert.StartsWith($"/var/lib/network/{repository}-", link.LinkTarget);
        Assert.EndsWith("/postgres", link.LinkTarget);
        var version = Path.Combine(link.LinkTarget, "cluster", "PG_VERSION");
        Assert.True(File.Exists(version), $"no cluster at {link.LinkTarget}");
        Assert.Equal(PostgresUserId(), OwnerOf(Path.Combine(link.LinkTarget, "cluster")));
    }

    [Fact]
    public async Task A_services_database_role_reaches_its_own_database_only_and_has_no_powers_beyond_it()
    {
        foreach (var service in ProvisionedInfrastructure.Services)
        {
            var own = new NpgsqlConnectionStringBuilder(infrastructure.DatabaseConnections[service]) { Pooling = false };
            Assert.Equal($"{service}-db", own.Username);
            await using (var connection = new NpgsqlConnection(own.ConnectionString))
            {
                await connection.OpenAsync();
                // As the owner it makes its schema (what Marten and EF Core do at start).
                await Execute(connection, "CREATE TABLE IF NOT EXISTS least_privilege_probe (id int)");
                await using var powers = new NpgsqlCommand(
                    "SELECT rolsuper, rolcreatedb, rolcreaterole, rolreplication FROM pg_roles WHERE rolname = current_user", connection);
                await using var reader = await powers.ExecuteReaderAsync();
                Assert.True(await reader.ReadAsync());
                Assert.Equal((false, false, false, false), (reader.GetBoolean(0), reader.GetBoolean(1), reader.GetBoolean(2), reader.GetBoolean(3)));
            }

            foreach (var other in ProvisionedInfrastructure.Services.Where(s => s != service))
            {
                var foreign = new NpgsqlConnectionStringBuilder(own.ConnectionString) { Database = $"{other}-db" };
                await using var connection = new NpgsqlConnection(foreign.ConnectionString);
                var refused = await Assert.ThrowsAsync<PostgresException>(() => connection.OpenAsync());
                Assert.Equal(PostgresErrorCodes.InsufficientPrivilege, refused.SqlState); // "permission denied for database"
            }
        }
    }

    [Fact]
    public async Task A_services_broker_user_publishes_to_its_own_exchanges_and_is_refused_on_another_services()
    {
        const string verified = "Network.Contracts.Directory:OrganisationVerified";
        await using var directory = await Connect("directory");
        await using var forum = await Connect("forum");

        // The Directory declares its exchange and publishes to it, confirmed by the broker.
        await using (var channel = await ConfirmingChannel(directory))
        {
            await channel.ExchangeDeclareAsync(verified, ExchangeType.Fanout, durable: true);
            await channel.BasicPublishAsync(verified, "", mandatory: false, Encoding.UTF8.GetBytes("{}"));
        }

        // The Forum may bind a queue of its own to it (so it receives the Directory's events) ...
        await using (var channel = await forum.CreateChannelAsync())
        {
            await channel.ExchangeDeclareAsync(verified, ExchangeType.Fanout, durable: true);
            await channel.QueueDeclareAsync("forum-least-privilege-probe", durable: false, exclusive: false, autoDelete: true);
            await channel.QueueBindAsync("forum-least-privilege-probe", verified, "");
        }

        // ... but may not publish to it: the broker closes the channel with ACCESS_REFUSED (403).
        await using (var channel = await ConfirmingChannel(forum))
        {
            var refused = await Assert.ThrowsAnyAsync<Exception>(async () =>
                await channel.BasicPublishAsync(verified, "", mandatory: false, Encoding.UTF8.GetBytes("{}")));
            Assert.Equal(403, ReplyCode(refused, channel));
        }

        // Nor declare, bind to or consume the Directory's queues.
        await using (var channel = await directory.CreateChannelAsync())
            await channel.QueueDeclareAsync("directory-least-privilege-probe", durable: false, exclusive: false, autoDelete: false);
        await using (var channel = await forum.CreateChannelAsync())
        {
            var refused = await Assert.ThrowsAnyAsync<Exception>(() =>
                channel.BasicGetAsync("directory-least-privilege-probe", autoAck: true));
            Assert.Equal(403, ReplyCode(refused, channel));
        }
        await using (var channel = await directory.CreateChannelAsync())
            await channel.QueueDeleteAsync("directory-least-privilege-probe");
    }

    [Fact]
    public async Task The_partners_user_publishes_to_the_partner_exchanges_on_their_vhost_and_may_not_declare_queues_there()
    {
        await using var partners = await Connect("partners", virtualHost: "partners");
        await using (var channel = await ConfirmingChannel(partners))
        {
            await channel.ExchangeDeclareAsync("network.partners.directory", ExchangeType.Topic, durable: true);
            await channel.BasicPublishAsync("network.partners.directory", "network.directory.organisation.verified.v1", mandatory: false,
                Encoding.UTF8.GetBytes("{}"));
        }
        await using (var channel = await partners.CreateChannelAsync())
        {
            var refused = await Assert.ThrowsAnyAsync<Exception>(() =>
                channel.QueueDeclareAsync("partners-least-privilege-probe", durable: false, exclusive: false, autoDelete: true));
            Assert.Equal(403, ReplyCode(refused, channel));
        }
        // The other services have no right on the partners' vhost at all: the broker refuses the connection (530). RabbitMQ.Client
        // 7.2 returns the connection before the refusal arrives (seen here), so the refusal shows on its first use.
        var forum = await Assert.ThrowsAnyAsync<Exception>(async () =>
        {
            await using var connection = await Connect("forum", virtualHost: "partners");
            await using var channel = await connection.CreateChannelAsync();
        });
        Assert.Contains("access to vhost 'partners' refused for user 'forum'", forum.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Each_service_references_its_own_database_and_broker_user_and_the_gateway_neither()
    {
        foreach (var service in ProvisionedInfrastructure.Services)
        {
            var references = infrastructure.References[$"{service}-api"];
            if (service == "partners")
            {
                // The partner exchange: the broker's management endpoint (its address, not the administrator's connection
                // string) and the password of the Partners broker administrator, a user of its own (docs/security.md).
                Assert.Contains("rabbitmq", references);
                Assert.Contains("rabbitmq-partners-admin-password", references);
                Assert.DoesNotContain("rabbitmq-password", references);
                references = [.. references.Where(r => r is not ("rabbitmq" or "rabbitmq-partners-admin-password"))];
            }
            Assert.Contains($"{service}-db", references);
            Assert.Contains($"rabbitmq-{service}", references);
            Assert.DoesNotContain("postgres", references);
            Assert.DoesNotContain("rabbitmq", references);
            Assert.Single(references, r => r.EndsWith("-db", StringComparison.Ordinal));
            Assert.Single(references, r => r.StartsWith("rabbitmq", StringComparison.Ordinal));
        }
        Assert.DoesNotContain(infrastructure.References["gateway"], r => r.EndsWith("-db", StringComparison.Ordinal) || r.StartsWith("rabbitmq", StringComparison.Ordinal) || r == "postgres");
    }

    async Task<IConnection> Connect(string service, string? virtualHost = null)
    {
        var factory = new ConnectionFactory { Uri = new Uri(infrastructure.BrokerConnections[service]), AutomaticRecoveryEnabled = false };
        if (virtualHost is not null) factory.VirtualHost = virtualHost;
        return await factory.CreateConnectionAsync();
    }

    static Task<IChannel> ConfirmingChannel(IConnection connection) =>
        connection.CreateChannelAsync(new CreateChannelOptions(publisherConfirmationsEnabled: true, publisherConfirmationTrackingEnabled: true));

    /// <summary>The AMQP reply code the broker closed the channel with.</summary>
    static int ReplyCode(Exception refused, IChannel channel) => refused switch
    {
        OperationInterruptedException { ShutdownReason: { } reason } => reason.ReplyCode,
        _ when channel.CloseReason is { } reason => reason.ReplyCode,
        _ => throw new Xunit.Sdk.XunitException($"Not refused by the broker: {refused}"),
    };

    static async Task Execute(NpgsqlConnection connection, string sql)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    static uint PostgresUserId() => uint.Parse(File.ReadLines("/etc/passwd").First(l => l.StartsWith("postgres:", StringComparison.Ordinal)).Split(':')[2]);

    static uint OwnerOf(string path)
    {
        var stat = System.Diagnostics.Process.Start(new System.Diagnostics.ProcessStartInfo("stat", ["-c", "%u", path]) { RedirectStandardOutput = true })!;
        var owner = stat.StandardOutput.ReadToEnd().Trim();
        stat.WaitForExit();
        return uint.Parse(owner);
    }
}
