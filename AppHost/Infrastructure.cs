using System.Diagnostics;
using Aspire.Hosting.ApplicationModel;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Network.AppHost;

/// <summary>How PostgreSQL and RabbitMQ run.</summary>
internal enum InfrastructureMode
{
    /// <summary>Aspire's PostgreSQL and RabbitMQ containers (needs a working container runtime).</summary>
    Containers,

    /// <summary>The locally installed Debian servers as executable resources (no container engine).</summary>
    Local,
}

/// <summary>
/// Settings (configuration section <c>Infrastructure</c>, e.g. <c>--Infrastructure:Mode=local</c> or
/// <c>Infrastructure__Mode=local</c>):
/// <list type="bullet">
/// <item><c>Mode</c>: <c>auto</c> (default: containers when <c>docker info</c> answers, else local), <c>containers</c>, <c>local</c>.</item>
/// <item><c>DataDirectory</c>: local mode's state folder, default <c>../.local</c> from the AppHost project (the repository's <c>.local/</c>).</item>
/// <item><c>PostgresPort</c> (55432), <c>RabbitMqPort</c> (55672), <c>RabbitMqDistPort</c> (RabbitMqPort+1), <c>RabbitMqEpmdPort</c> (RabbitMqPort+2),
/// <c>RabbitMqManagementPort</c> (RabbitMqPort+3, the management HTTP API): local mode's ports on 127.0.0.1.</item>
/// <item><c>MailSmtpPort</c> (2525), <c>MailWebPort</c> (5390): the local mail server's SMTP port and web view on 127.0.0.1, in both modes.</item>
/// </list>
/// </summary>
internal sealed class NetworkInfrastructure
{
    internal NetworkInfrastructure(IDistributedApplicationBuilder builder, InfrastructureMode mode)
    {
        Builder = builder;
        Mode = mode;
        var section = builder.Configuration.GetSection("Infrastructure");
        var dataDirectory = section["DataDirectory"];
        DataDirectory = Path.GetFullPath(string.IsNullOrWhiteSpace(dataDirectory)
            ? Path.Combine(builder.AppHostDirectory, "..", ".local")
            : Path.Combine(builder.AppHostDirectory, dataDirectory));
        PostgresPort = section.GetValue("PostgresPort", 55432);
        RabbitMqPort = section.GetValue("RabbitMqPort", 55672);
        RabbitMqDistPort = section.GetValue("RabbitMqDistPort", RabbitMqPort + 1);
        RabbitMqEpmdPort = section.GetValue("RabbitMqEpmdPort", RabbitMqPort + 2);
        RabbitMqManagementPort = section.GetValue("RabbitMqManagementPort", RabbitMqPort + 3);
        MailSmtpPort = section.GetValue("MailSmtpPort", 2525);
        MailWebPort = section.GetValue("MailWebPort", 5390);
        ScriptsDirectory = Path.Combine(builder.AppHostDirectory, "infra");
        RepositoryDirectory = Path.GetFullPath(Path.Combine(builder.AppHostDirectory, ".."));
    }

    public IDistributedApplicationBuilder Builder { get; }
    public InfrastructureMode Mode { get; }
    public string DataDirectory { get; }
    public int PostgresPort { get; }
    public int RabbitMqPort { get; }
    public int RabbitMqDistPort { get; }
    public int RabbitMqEpmdPort { get; }
    public int RabbitMqManagementPort { get; }
    public int MailSmtpPort { get; }
    public int MailWebPort { get; }
    internal string ScriptsDirectory { get; }

    /// <summary>Where <c>.config/dotnet-tools.json</c> is, so <c>dotnet tool run</c> finds the repository's tools.</summary>
    internal string RepositoryDirectory { get; }

    /// <summary>
    /// The PostgreSQL server; add one database per service with <see cref="PostgresServer.AddDatabase"/>. Its superuser serves only
    /// the AppHost: the server's health check and the provisioning of the databases and their roles (<see cref="PostgresProvisioning"/>).
    /// </summary>
    public PostgresServer AddPostgres(string name)
    {
        var password = Builder.AddGeneratedSecret($"{name}-password", length: 32);
        if (Mode == InfrastructureMode.Containers)
        {
            // lz4 as in infra/postgres.sh: large documents (an event with its registrations, rewritten by each one)
            // compress much faster than with the default pglz (bench/results/events-latest.md).
            // Aspire's own AddDatabase would create the databases as the superuser's: the provisioning creates them instead.
            var container = Builder.AddPostgres(name, password: password).WithDataVolume($"network-{name}-data")
                .WithArgs("-c", "default_toast_compression=lz4");
            var endpoint = container.Resource.PrimaryEndpoint;
            return new PostgresServer(this, container,
                ReferenceExpression.Create($"Host={endpoint.Property(EndpointProperty.Host)};Port={endpoint.Property(EndpointProperty.Port)}"));
        }

        var server = new LocalPostgresResource(name, "bash", ScriptsDirectory, password.Resource, PostgresDataDirectory(name));
        var builder = Builder.AddResource(server)
            .WithArgs(Path.Combine(ScriptsDirectory, "postgres.sh"))
            .WithEndpoint(name: LocalPostgresResource.EndpointName, scheme: "tcp", port: PostgresPort, targetPort: PostgresPort, isProxied: false)
            .WithEnvironment("INFRA_DATA_DIR", server.DataDirectory)
            .WithEnvironment("INFRA_PORT", PostgresPort.ToString())
            .WithEnvironment("INFRA_PASSWORD", password)
            .WithIconName("Database")
            .WithPostgresHealthCheck(server.IsReady);
        return new PostgresServer(this, builder,
            ReferenceExpression.Create($"Host=127.0.0.1;Port={server.PrimaryEndpoint.Property(EndpointProperty.Port)}"));
    }

    /// <summary>
    /// Where the local PostgreSQL server keeps its cluster: <c>&lt;DataDirectory&gt;/&lt;name&gt;</c>, unless the AppHost runs as root
    /// and the <c>postgres</c> user (the server refuses to run as root) cannot enter that folder, as in a clone under <c>/root</c>.
    /// Then the cluster goes to <c>/var/lib/network/&lt;repository folder&gt;-&lt;hash of the data folder&gt;/&lt;name&gt;</c>, the same
    /// folder on every run from this clone, and <c>&lt;DataDirectory&gt;/&lt;name&gt;</c> becomes a link to it (for <c>./run.sh --reset</c>).
    /// </summary>
    string PostgresDataDirectory(string name)
    {
        var wanted = Path.Combine(DataDirectory, name);
        if (!OperatingSystem.IsLinux() || !Environment.IsPrivilegedProcess || PostgresUserCanEnter(wanted))
            return wanted;

        var link = new FileInfo(wanted);
        if (link.LinkTarget is null && Directory.Exists(wanted) && Directory.EnumerateFileSystemEntries(wanted).Any())
            return wanted; // a cluster is there already: never start another one elsewhere; postgres.sh says what is wrong

        var hash = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(DataDirectory)))[..12];
        var folder = System.Text.RegularExpressions.Regex.Replace(Path.GetFileName(RepositoryDirectory), "[^A-Za-z0-9._-]", "_");
        var placed = Path.Combine(FallbackDataRoot, $"{folder}-{hash}", name);
        Directory.CreateDirectory(placed);
        Directory.CreateDirectory(DataDirectory);
        if (link.LinkTarget is null && Directory.Exists(wanted))
            Directory.Delete(wanted); // empty: left by an earlier attempt that could not use it
        if (link.LinkTarget is null && !Directory.Exists(wanted))
            File.CreateSymbolicLink(wanted, placed);
        Notices.Add($"PostgreSQL ({name}) keeps its data in {placed} (linked from {wanted}): the 'postgres' user, which runs " +
            $"the server when the AppHost runs as root, cannot enter {DataDirectory}. To keep it beside the repository, clone into " +
            "a folder every user can enter (e.g. under /srv or /opt).");
        return placed;
    }

    /// <summary>Where <see cref="PostgresDataDirectory"/> puts a cluster the <c>postgres</c> user could not reach.</summary>
    internal const string FallbackDataRoot = "/var/lib/network";

    /// <summary>True when the <c>postgres</c> user can enter the folder or, while it does not exist yet, its nearest existing parent.</summary>
    static bool PostgresUserCanEnter(string folder)
    {
        var existing = folder;
        while (!Directory.Exists(existing) && Path.GetDirectoryName(existing) is { } parent)
            existing = parent;
        try
        {
            using var probe = Process.Start(new ProcessStartInfo("setpriv",
                ["--reuid=postgres", "--regid=postgres", "--init-groups", "--", "test", "-x", existing])
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            });
            if (probe is null)
                return true;
            probe.WaitForExit();
            return probe.ExitCode == 0;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return true; // no setpriv: postgres.sh says what is wrong
        }
    }

    /// <summary>Things the person starting the AppHost should know, written to its console once it starts.</summary>
    internal List<string> Notices { get; } = [];

    /// <summary>
    /// The RabbitMQ broker. Its administrator serves only the AppHost's health check; each service connects as its own user
    /// (<see cref="RabbitMqBroker.AddUser"/>) with rights to its own exchanges and queues (<see cref="BrokerPermissions"/>).
    /// </summary>
    public RabbitMqBroker AddRabbitMq(string name)
    {
        var password = Builder.AddGeneratedSecret($"{name}-password", length: 32);
        var users = new List<BrokerUser>();
        var virtualHosts = new List<string>();
        if (Mode == InfrastructureMode.Containers)
        {
            // The image reads every file in conf.d; ours loads the definitions (users and permissions) on every boot.
            var configuration = Path.Combine(DataDirectory, $"{name}-container");
            Directory.CreateDirectory(configuration);
            var definitions = Path.Combine(configuration, "definitions.json");
            if (!File.Exists(definitions))
                File.WriteAllText(definitions, "{}");
            File.WriteAllText(Path.Combine(configuration, "network.conf"),
                "definitions.import_backend = local_filesystem\ndefinitions.local.path = /etc/rabbitmq/network-definitions.json\n");
            var container = Builder.AddRabbitMQ(name, password: password).WithDataVolume($"network-{name}-data").WithManagementPlugin()
                .WithBindMount(definitions, "/etc/rabbitmq/network-definitions.json", isReadOnly: true)
                .WithBindMount(Path.Combine(configuration, "network.conf"), "/etc/rabbitmq/conf.d/90-network.conf", isReadOnly: true);
            container.WithEnvironment(async context =>
            {
                await BrokerDefinitions.WriteAsync(definitions, Administrator("guest", password.Resource), users, virtualHosts,
                    context.CancellationToken);
                // The broker in the container runs as a user of its own; the hashes are of 32 random characters each.
                if (!OperatingSystem.IsWindows())
                    File.SetUnixFileMode(definitions, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead);
            });
            var endpoint = container.Resource.PrimaryEndpoint;
            var management = container.GetEndpoint("management");
            return new RabbitMqBroker(container, users, virtualHosts,
                ReferenceExpression.Create($"{endpoint.Property(EndpointProperty.Host)}:{endpoint.Property(EndpointProperty.Port)}"),
                ReferenceExpression.Create($"http://{management.Property(EndpointProperty.Host)}:{management.Property(EndpointProperty.Port)}/"));
        }

        var broker = new LocalRabbitMqResource(name, "bash", ScriptsDirectory, password.Resource);
        var data = Path.Combine(DataDirectory, name);
        var builder = Builder.AddResource(broker)
            .WithArgs(Path.Combine(ScriptsDirectory, "rabbitmq.sh"))
            .WithEndpoint(name: LocalRabbitMqResource.EndpointName, scheme: "tcp", port: RabbitMqPort, targetPort: RabbitMqPort, isProxied: false)
            .WithHttpEndpoint(name: LocalRabbitMqResource.ManagementEndpointName, port: RabbitMqManagementPort, targetPort: RabbitMqManagementPort, isProxied: false)
            .WithUrlForEndpoint(LocalRabbitMqResource.ManagementEndpointName, url => url.DisplayText = "Management")
            .WithEnvironment("INFRA_DATA_DIR", data)
            .WithEnvironment("INFRA_PORT", RabbitMqPort.ToString())
            .WithEnvironment("INFRA_DIST_PORT", RabbitMqDistPort.ToString())
            .WithEnvironment("INFRA_EPMD_PORT", RabbitMqEpmdPort.ToString())
            .WithEnvironment("INFRA_MANAGEMENT_PORT", RabbitMqManagementPort.ToString())
            .WithEnvironment(async context =>
            {
                // Written just before every start, so the users' passwords always match the Aspire parameters.
                var definitions = Path.Combine(data, "definitions.json");
                await BrokerDefinitions.WriteAsync(definitions, Administrator(LocalRabbitMqResource.UserName, password.Resource),
                    users, virtualHosts, context.CancellationToken);
                context.EnvironmentVariables["INFRA_DEFINITIONS"] = definitions;
            })
            .WithIconName("Mail")
            .WithRabbitMqHealthCheck();
        return new RabbitMqBroker(builder, users, virtualHosts,
            ReferenceExpression.Create($"127.0.0.1:{broker.PrimaryEndpoint.Property(EndpointProperty.Port)}"),
            ReferenceExpression.Create($"http://127.0.0.1:{broker.ManagementEndpoint.Property(EndpointProperty.Port)}/"));
    }

    /// <summary>The AppHost's own administrator: everything on <c>/</c>, for the health checks.</summary>
    static BrokerUser Administrator(string name, ParameterResource password)
    {
        var administrator = new BrokerUser(name, password, Administrator: true);
        administrator.Permissions["/"] = BrokerPermissions.All;
        return administrator;
    }

    /// <summary>
    /// A catch-all SMTP server that keeps every mail for its web view and delivers none: smtp4dev, the repository's local
    /// dotnet tool (<c>.config/dotnet-tools.json</c>), in both modes, as no container is needed for it. Projects read it as
    /// <c>ConnectionStrings:&lt;name&gt;</c>, an smtp:// URI; its messages are kept under the data folder.
    /// </summary>
    public IResourceBuilder<IResourceWithConnectionString> AddMailServer(string name)
    {
        var dataDirectory = Path.Combine(DataDirectory, name);
        var server = new LocalMailServerResource(name, RepositoryDirectory);
        return Builder.AddResource(server)
            .WithArgs(
                "tool", "run", "smtp4dev", "--",
                $"--urls=http://127.0.0.1:{MailWebPort}",
                $"--smtpport={MailSmtpPort}",
                "--bindaddress=127.0.0.1",
                "--imapport=", "--pop3port=", // empty disables them; 0 would open them on random ports
                $"--db={Path.Combine(dataDirectory, "messages.db")}",
                $"--baseappdatapath={dataDirectory}", // instead of ~/.config/smtp4dev
                "--nousersettings", // only these arguments count, not a settings file left in the home folder
                "--hostname=localhost",
                "--messagestokeep=1000")
            .WithEndpoint(name: LocalMailServerResource.SmtpEndpointName, scheme: "tcp", port: MailSmtpPort, targetPort: MailSmtpPort, isProxied: false)
            .WithHttpEndpoint(name: LocalMailServerResource.HttpEndpointName, port: MailWebPort, targetPort: MailWebPort, isProxied: false)
            .WithUrlForEndpoint(LocalMailServerResource.HttpEndpointName, url => url.DisplayText = "Mails (web view)")
            .WithIconName("MailInbox")
            .WithMailServerHealthCheck();
    }
}

/// <summary>A PostgreSQL server of either mode.</summary>
internal sealed class PostgresServer
{
    readonly List<ServiceDatabase> _databases = [];
    readonly TaskCompletionSource _provisioned = new(TaskCreationOptions.RunContinuationsAsynchronously);
    readonly ReferenceExpression _address;

    internal PostgresServer(NetworkInfrastructure infrastructure, IResourceBuilder<IResourceWithConnectionString> server, ReferenceExpression address)
    {
        Infrastructure = infrastructure;
        Server = server;
        _address = address;
        // Once the server first answers, and before any database's health check may pass (they wait for _provisioned).
        infrastructure.Builder.Eventing.Subscribe<ResourceReadyEvent>(server.Resource, async (@event, cancellationToken) =>
        {
            var logger = @event.Services.GetRequiredService<ResourceLoggerService>().GetLogger(server.Resource);
            try
            {
                var superuser = await server.Resource.ConnectionStringExpression.GetValueAsync(cancellationToken)
                    ?? throw new InvalidOperationException($"'{server.Resource.Name}' has no connection string.");
                await PostgresProvisioning.ProvisionAsync(superuser, _databases, cancellationToken);
                logger.LogInformation("Provisioned the databases, each owned by its own login role: {Databases}",
                    string.Join(", ", _databases.Select(d => d.Name)));
                _provisioned.TrySetResult();
            }
            catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
            {
                logger.LogError(ex, "Provisioning the databases failed: {Message}", ex.Message);
                @event.Services.GetRequiredService<ILogger<PostgresServer>>()
                    .LogError(ex, "Provisioning the databases of {Resource} failed: {Message}", server.Resource.Name, ex.Message);
                Environment.ExitCode = 1;
                @event.Services.GetRequiredService<IHostApplicationLifetime>().StopApplication();
            }
        });
    }

    public NetworkInfrastructure Infrastructure { get; }
    public IResourceBuilder<IResourceWithConnectionString> Server { get; }

    /// <summary>
    /// A database and its login role of the same name, which owns it and nothing else; no other role but the superuser may
    /// connect to it. Projects read it as <c>ConnectionStrings:&lt;name&gt;</c>, with the role's credentials.
    /// </summary>
    public IResourceBuilder<IResourceWithConnectionString> AddDatabase(string name)
    {
        var password = Infrastructure.Builder.AddGeneratedSecret($"{name}-password", length: 32);
        _databases.Add(new ServiceDatabase(name, password.Resource));
        var connectionString = ReferenceExpression.Create($"{_address};Username={name};Password={password};Database={name}");
        // Checked only once the server is healthy and provisioned, so no check ever meets a server still starting or a
        // role not made yet (PostgreSQL would log each such attempt as FATAL).
        return Infrastructure.Builder.AddConnectionString(name, connectionString)
            .WithParentRelationship(Server)
            .WaitFor(Server)
            .WithPostgresHealthCheck(() => _provisioned.Task.IsCompletedSuccessfully);
    }
}

/// <summary>The RabbitMQ broker of either mode.</summary>
internal sealed class RabbitMqBroker(IResourceBuilder<IResourceWithConnectionString> server, List<BrokerUser> users, List<string> virtualHosts,
    ReferenceExpression address, ReferenceExpression managementAddress)
{
    public IResourceBuilder<IResourceWithConnectionString> Server { get; } = server;

    /// <summary>
    /// The service's own broker user (<see cref="BrokerPermissions"/>); projects read it with
    /// <see cref="InfrastructureExtensions.WithInfrastructure"/> as <c>ConnectionStrings:rabbitmq</c>, an amqp:// URI.
    /// </summary>
    public IResourceBuilder<IResourceWithConnectionString> AddUser(string service)
    {
        var password = Server.ApplicationBuilder.AddGeneratedSecret($"{Server.Resource.Name}-{service}-password", length: 32);
        var user = new BrokerUser(service, password.Resource, Administrator: false);
        user.Permissions["/"] = BrokerPermissions.For(service);
        users.Add(user);
        return Server.ApplicationBuilder
            .AddConnectionString($"{Server.Resource.Name}-{service}",
                ReferenceExpression.Create($"amqp://{service}:{password:uri}@{address}/"))
            .WithParentRelationship(Server)
            .WaitFor(Server)
            .WithRabbitMqHealthCheck();
    }

    /// <summary>
    /// The partner exchange: its own vhost, where the <paramref name="publisher"/> service's user (made with <see cref="AddUser"/>)
    /// declares and publishes to the partner exchanges, and a broker administrator for that service, which makes the partners'
    /// own users through the management HTTP API. It has the <c>administrator</c> tag (the API has no narrower one that may
    /// create users) and no permission on any vhost, so it cannot open an AMQP connection anywhere (docs/security.md).
    /// </summary>
    public PartnerExchangeBroker AddPartnerExchange(string virtualHost, string publisher)
    {
        virtualHosts.Add(virtualHost);
        users.Single(u => u.Name == publisher).Permissions[virtualHost] = BrokerPermissions.PartnerExchangePublisher;
        var name = $"{publisher}-admin";
        var password = Server.ApplicationBuilder.AddGeneratedSecret($"{Server.Resource.Name}-{name}-password", length: 32);
        users.Add(new BrokerUser(name, password.Resource, Administrator: true));
        return new PartnerExchangeBroker(virtualHost, name, password, managementAddress);
    }
}

/// <summary>What the Partners service needs of the partner exchange: its vhost, and the management API with its administrator.</summary>
internal sealed record PartnerExchangeBroker(string VirtualHost, string AdministratorName, IResourceBuilder<ParameterResource> AdministratorPassword,
    ReferenceExpression ManagementUri);

/// <summary>The local Debian PostgreSQL server, run by <c>infra/postgres.sh</c>.</summary>
internal sealed class LocalPostgresResource(string name, string command, string workingDirectory, ParameterResource password, string dataDirectory)
    : ExecutableResource(name, command, workingDirectory), IResourceWithConnectionString
{
    internal const string EndpointName = "tcp";

    public ParameterResource PasswordParameter { get; } = password;

    /// <summary>State folder given to postgres.sh; the cluster is its <c>cluster/</c> subfolder (see <c>PostgresDataDirectory</c>).</summary>
    public string DataDirectory { get; } = dataDirectory;
    public EndpointReference PrimaryEndpoint => new(this, EndpointName);

    /// <summary>
    /// The postmaster says "ready" in line 8 of postmaster.pid once it accepts connections; before
    /// that, a connection attempt is refused and logged as FATAL ("the database system is starting up").
    /// </summary>
    public bool IsReady()
    {
        try
        {
            using var stream = new FileStream(Path.Combine(DataDirectory, "cluster", "postmaster.pid"),
                FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
            using var reader = new StreamReader(stream);
            string? line = null;
            for (var i = 0; i < 8; i++)
                line = reader.ReadLine();
            return line?.Trim() == "ready";
        }
        catch (IOException)
        {
            return false;
        }
        catch (UnauthorizedAccessException)
        {
            return true; // cannot tell: let the connection attempt decide
        }
    }

    /// <summary>Npgsql connection string to the server (no database).</summary>
    public ReferenceExpression ConnectionStringExpression => ReferenceExpression.Create(
        $"Host=127.0.0.1;Port={PrimaryEndpoint.Property(EndpointProperty.Port)};Username=postgres;Password={PasswordParameter}");
}

/// <summary>The local Debian RabbitMQ broker, run by <c>infra/rabbitmq.sh</c>; its connection string is the administrator's.</summary>
internal sealed class LocalRabbitMqResource(string name, string command, string workingDirectory, ParameterResource password)
    : ExecutableResource(name, command, workingDirectory), IResourceWithConnectionString
{
    internal const string EndpointName = "tcp";
    internal const string ManagementEndpointName = "management";
    internal const string UserName = "network";

    public ParameterResource PasswordParameter { get; } = password;
    public EndpointReference PrimaryEndpoint => new(this, EndpointName);
    public EndpointReference ManagementEndpoint => new(this, ManagementEndpointName);

    /// <summary><c>amqp://network:&lt;password&gt;@127.0.0.1:&lt;port&gt;/</c></summary>
    public ReferenceExpression ConnectionStringExpression => ReferenceExpression.Create(
        $"amqp://{UserName}:{PasswordParameter:uri}@127.0.0.1:{PrimaryEndpoint.Property(EndpointProperty.Port)}/");
}

/// <summary>smtp4dev as an executable resource (<c>dotnet tool run smtp4dev</c> in the repository folder).</summary>
internal sealed class LocalMailServerResource(string name, string repositoryDirectory)
    : ExecutableResource(name, "dotnet", repositoryDirectory), IResourceWithConnectionString
{
    internal const string SmtpEndpointName = "smtp";
    internal const string HttpEndpointName = "http";

    public EndpointReference SmtpEndpoint => new(this, SmtpEndpointName);
    public EndpointReference HttpEndpoint => new(this, HttpEndpointName);

    /// <summary><c>smtp://127.0.0.1:&lt;port&gt;</c>: no TLS and no login, as smtp4dev accepts any mail.</summary>
    public ReferenceExpression ConnectionStringExpression => ReferenceExpression.Create(
        $"smtp://127.0.0.1:{SmtpEndpoint.Property(EndpointProperty.Port)}");
}

internal static class InfrastructureExtensions
{
    /// <summary>Decides the <see cref="InfrastructureMode"/> (see <see cref="NetworkInfrastructure"/>).</summary>
    public static NetworkInfrastructure AddNetworkInfrastructure(this IDistributedApplicationBuilder builder)
    {
        var configured = builder.Configuration["Infrastructure:Mode"];
        var mode = configured?.Trim().ToLowerInvariant() switch
        {
            "containers" or "container" => InfrastructureMode.Containers,
            "local" => InfrastructureMode.Local,
            null or "" or "auto" => builder.ExecutionContext.IsPublishMode || ContainerRuntimeWorks(builder.Configuration)
                ? InfrastructureMode.Containers
                : InfrastructureMode.Local,
            _ => throw new InvalidOperationException(
                $"Infrastructure:Mode must be 'auto', 'containers' or 'local', not '{configured}'."),
        };
        var infrastructure = new NetworkInfrastructure(builder, mode);
        builder.Eventing.Subscribe<BeforeStartEvent>((@event, _) =>
        {
            var logger = @event.Services.GetRequiredService<ILogger<NetworkInfrastructure>>();
            foreach (var notice in infrastructure.Notices)
                logger.LogWarning("{Notice}", notice);
            return Task.CompletedTask;
        });
        return infrastructure;
    }

    /// <summary>
    /// A secret parameter generated (letters and digits) when not configured, and persisted to the
    /// AppHost's user secrets so it stays stable across runs.
    /// </summary>
    public static IResourceBuilder<ParameterResource> AddGeneratedSecret(
        this IDistributedApplicationBuilder builder, string name, int length, int minimumLength = 1)
    {
        var configured = builder.Configuration[$"Parameters:{name}"];
        if (configured is not null && configured.Length < minimumLength)
            throw new InvalidOperationException($"Parameter '{name}' must be at least {minimumLength} characters long.");

        var generate = new GenerateParameterDefault { MinLength = length, Special = false };
        return builder.AddParameter(name, generate, secret: true, persist: true);
    }

    /// <summary>
    /// A project: plain http endpoint (no developer certificate needed), <c>/health</c> as its health check, and the
    /// AppHost's environment (Development under ./run.sh), which decides e.g. whether the provider may issue over http.
    /// </summary>
    public static IResourceBuilder<ProjectResource> AddService<TProject>(
        this IDistributedApplicationBuilder builder, string name, int? port = null)
        where TProject : IProjectMetadata, new()
    {
        return builder.AddProject<TProject>(name, options => options.ExcludeLaunchProfile = true)
            .WithHttpEndpoint(port: port is > 0 ? port : null)
            .WithHttpHealthCheck("/health")
            .WithEnvironment("DOTNET_ENVIRONMENT", builder.Environment.EnvironmentName);
    }

    /// <summary>
    /// A service that accepts the provider's tokens: they are issued by the gateway's public address, and the service
    /// reads the signing keys from the Identity service inside the AppHost (no secret is shared).
    /// </summary>
    public static IResourceBuilder<ProjectResource> WithSignIn(
        this IResourceBuilder<ProjectResource> service, EndpointReference issuer, IResourceBuilder<ProjectResource> identity)
    {
        service.WithEnvironment("Identity__Issuer", issuer);
        return identity.Resource == service.Resource ? service : service.WithReference(identity);
    }

    /// <summary>
    /// References (and waits for) the project's database and its broker user, both with credentials of its own; the broker user is
    /// passed as <c>ConnectionStrings:rabbitmq</c>, the name every service reads.
    /// </summary>
    public static IResourceBuilder<ProjectResource> WithInfrastructure(
        this IResourceBuilder<ProjectResource> project,
        IResourceBuilder<IResourceWithConnectionString> database,
        IResourceBuilder<IResourceWithConnectionString> brokerUser) =>
        project.WithReference(database).WaitFor(database)
            .WithReference(brokerUser, connectionName: "rabbitmq").WaitFor(brokerUser);

    /// <summary>The partner exchange's vhost and the management API with the service's broker administrator (<c>Partners:Amqp</c>).</summary>
    public static IResourceBuilder<ProjectResource> WithPartnerExchange(this IResourceBuilder<ProjectResource> project, PartnerExchangeBroker exchange) =>
        project.WithEnvironment("Partners__Amqp__VirtualHost", exchange.VirtualHost)
            .WithEnvironment("Partners__Amqp__Management__Uri", exchange.ManagementUri)
            .WithEnvironment("Partners__Amqp__Management__UserName", exchange.AdministratorName)
            .WithEnvironment("Partners__Amqp__Management__Password", exchange.AdministratorPassword);

    internal static IResourceBuilder<T> WithPostgresHealthCheck<T>(this IResourceBuilder<T> builder, Func<bool>? isReady = null)
        where T : IResourceWithConnectionString
    {
        var key = $"{builder.Resource.Name}-postgres-check";
        var resource = builder.Resource;
        builder.ApplicationBuilder.Services.AddHealthChecks()
            .Add(new HealthCheckRegistration(key, _ => new PostgresHealthCheck(resource, isReady), failureStatus: null, tags: null));
        return builder.WithHealthCheck(key);
    }

    internal static IResourceBuilder<T> WithRabbitMqHealthCheck<T>(this IResourceBuilder<T> builder) where T : IResourceWithConnectionString
    {
        var key = $"{builder.Resource.Name}-rabbitmq-check";
        var resource = builder.Resource;
        builder.ApplicationBuilder.Services.AddKeyedSingleton(key, (_, _) => new RabbitMqHealthCheck(resource));
        builder.ApplicationBuilder.Services.AddHealthChecks()
            .Add(new HealthCheckRegistration(key, sp => sp.GetRequiredKeyedService<RabbitMqHealthCheck>(key), failureStatus: null, tags: null));
        return builder.WithHealthCheck(key);
    }

    internal static IResourceBuilder<LocalMailServerResource> WithMailServerHealthCheck(this IResourceBuilder<LocalMailServerResource> builder)
    {
        var key = $"{builder.Resource.Name}-smtp4dev-check";
        var resource = builder.Resource;
        builder.ApplicationBuilder.Services.AddHealthChecks()
            .Add(new HealthCheckRegistration(key, _ => new MailServerHealthCheck(resource.HttpEndpoint), failureStatus: null, tags: null));
        return builder.WithHealthCheck(key);
    }

    /// <summary>True when the container runtime's daemon answers within a few seconds.</summary>
    static bool ContainerRuntimeWorks(IConfiguration configuration)
    {
        var runtime = configuration["ASPIRE_CONTAINER_RUNTIME"] ?? configuration["DOTNET_ASPIRE_CONTAINER_RUNTIME"] ?? "docker";
        try
        {
            using var process = Process.Start(new ProcessStartInfo(runtime, ["info", "--format", "{{.ServerVersion}}"])
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            });
            if (process is null)
                return false;
            process.StandardOutput.ReadToEndAsync();
            process.StandardError.ReadToEndAsync();
            if (!process.WaitForExit(TimeSpan.FromSeconds(5)))
            {
                process.Kill(entireProcessTree: true);
                return false;
            }
            return process.ExitCode == 0;
        }
        catch (Exception)
        {
            return false; // not installed
        }
    }
}
