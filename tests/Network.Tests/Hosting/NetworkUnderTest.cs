using System.Security.Cryptography;
using Network.Platform.Auth;
using Network.Tests.Infrastructure;
using Xunit;

namespace Network.Tests.Hosting;

/// <summary>
/// Directory, Forum and Events running for real, each on its own fresh database, talking over their own RabbitMQ
/// virtual host, so a test class sees only its own data and messages; the Gateway in front of them.
/// </summary>
public sealed class NetworkUnderTest : IAsyncDisposable
{
    public static readonly string SigningKey = Convert.ToBase64String(RandomNumberGenerator.GetBytes(48));

    public required ServiceUnderTest<Network.Directory.IntegrationEvents> Directory { get; init; }
    public required ServiceUnderTest<Network.Forum.Organisations.MemberOrganisation> Forum { get; init; }
    public required ServiceUnderTest<Network.Gateway.GatewayMarker> Gateway { get; init; }
    public required ServiceUnderTest<Network.Events.EventsMarker> Events { get; init; }
    public required string DirectoryDatabase { get; init; }
    public required string EventsDatabase { get; init; }
    public required string ForumDatabase { get; init; }
    public required string RabbitMq { get; init; }

    public static async Task<NetworkUnderTest> StartAsync(string? rabbitMq = null)
    {
        var directoryDb = await TestServers.CreateDatabaseAsync("directory");
        var forumDb = await TestServers.CreateDatabaseAsync("forum");
        var eventsDb = await TestServers.CreateDatabaseAsync("events");
        rabbitMq ??= await TestServers.CreateVirtualHostAsync();

        var directory = new ServiceUnderTest<Network.Directory.IntegrationEvents>(Settings("directory-db", directoryDb, rabbitMq)).Start();
        var forum = new ServiceUnderTest<Network.Forum.Organisations.MemberOrganisation>(Settings("forum-db", forumDb, rabbitMq)).Start();
        // Ready as the AppHost's WaitFor means it: the Forum's queues and bindings exist before anything is published.
        var events = new ServiceUnderTest<Network.Events.EventsMarker>(Settings("events-db", eventsDb, rabbitMq)).Start();
        await Task.WhenAll(WaitUntilHealthy(directory.NewClient()), WaitUntilHealthy(forum.NewClient()), WaitUntilHealthy(events.NewClient()));
        var gateway = new ServiceUnderTest<Network.Gateway.GatewayMarker>(new Dictionary<string, string?>
        {
            ["services:directory-api:http:0"] = directory.Address.ToString(),
            ["services:forum-api:http:0"] = forum.Address.ToString(),
            ["services:events-api:http:0"] = events.Address.ToString(),
            [NetworkTokens.SigningKeyConfigKey] = SigningKey,
            ["Auth:BootstrapStaffPassword"] = BootstrapStaffPassword,
            ["Logging:LogLevel:Default"] = "Warning",
        }).Start();
        return new NetworkUnderTest
        {
            Directory = directory, Forum = forum, Gateway = gateway, Events = events, EventsDatabase = eventsDb, DirectoryDatabase = directoryDb, ForumDatabase = forumDb, RabbitMq = rabbitMq,
        };
    }

    static Task WaitUntilHealthy(HttpClient client) => Eventually.Until(
        () => client.GetAsync("/health"), r => r.IsSuccessStatusCode, TimeSpan.FromSeconds(60), $"{client.BaseAddress} to be healthy");

    /// <summary>The settings a service is started with in tests: its database, the broker, the token key.</summary>
    public static Dictionary<string, string?> Settings(string database, string connectionString, string rabbitMq) => new()
    {
        [$"ConnectionStrings:{database}"] = connectionString,
        ["ConnectionStrings:rabbitmq"] = rabbitMq,
        [NetworkTokens.SigningKeyConfigKey] = SigningKey,
        // The services' own logs would drown the test output; warnings and errors still show.
        ["Logging:LogLevel:Default"] = "Warning",
    };

    /// <summary>The bootstrap staff account's password the Gateway is given (the AppHost generates one).</summary>
    public static readonly string BootstrapStaffPassword = Convert.ToBase64String(RandomNumberGenerator.GetBytes(18));

    public static string StaffToken { get; } =
        NetworkTokens.Create(SigningKey, "staff-1", "Sam Staff", [Roles.Staff]);

    public static string MemberToken(params Guid[] organisations) =>
        NetworkTokens.Create(SigningKey, $"member-{Guid.NewGuid():N}", "Mia Member", [Roles.Member], organisations);

    /// <summary>Another Directory process on the same database and broker, as a second replica would run.</summary>
    public async Task<ServiceUnderTest<Network.Directory.IntegrationEvents>> StartDirectoryReplicaAsync()
    {
        var replica = new ServiceUnderTest<Network.Directory.IntegrationEvents>(Settings("directory-db", DirectoryDatabase, RabbitMq)).Start();
        await WaitUntilHealthy(replica.NewClient());
        return replica;
    }

    public HttpClient DirectoryAsStaff() => Directory.NewClient(StaffToken);

    public async ValueTask DisposeAsync()
    {
        await Gateway.DisposeAsync();
        await Events.DisposeAsync();
        await Forum.DisposeAsync();
        await Directory.DisposeAsync();
    }
}

/// <summary>xunit class fixture: one running network per test class.</summary>
public sealed class NetworkFixture : IAsyncLifetime
{
    public NetworkUnderTest Network { get; private set; } = null!;

    public async Task InitializeAsync() => Network = await NetworkUnderTest.StartAsync();

    public async Task DisposeAsync() => await Network.DisposeAsync();
}
