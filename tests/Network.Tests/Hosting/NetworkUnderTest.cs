using Network.Tests.Infrastructure;
using Xunit;

namespace Network.Tests.Hosting;

/// <summary>
/// Directory, Forum, Events, Knowledge, Partners and Identity running for real, each on its own fresh database, talking over their own
/// RabbitMQ virtual host, so a test class sees only its own data and messages; the Gateway in front of them, whose
/// address is the provider's issuer (as in the AppHost). Every token comes from the provider's token endpoint.
/// </summary>
public sealed class NetworkUnderTest : IAsyncDisposable
{
    public required ServiceUnderTest<Network.Directory.IntegrationEvents> Directory { get; init; }
    public required ServiceUnderTest<Network.Forum.Organisations.MemberOrganisation> Forum { get; init; }
    public required ServiceUnderTest<Network.Gateway.GatewayMarker> Gateway { get; init; }
    public required ServiceUnderTest<Network.Events.EventsMarker> Events { get; init; }
    public required ServiceUnderTest<Network.Knowledge.IntegrationEvents> Knowledge { get; init; }
    public required ServiceUnderTest<Network.Partners.PartnersOptions> Partners { get; init; }
    public required IdentityUnderTest Identity { get; init; }
    public required string DirectoryDatabase { get; init; }
    public required string EventsDatabase { get; init; }
    public required string ForumDatabase { get; init; }
    public required string KnowledgeDatabase { get; init; }
    public required string PartnersDatabase { get; init; }
    public required string RabbitMq { get; init; }

    /// <summary>The bootstrap staff account's access token, from the provider (valid for the provider's access-token lifetime).</summary>
    public string StaffToken => Identity.StaffToken;

    /// <param name="identitySettings">More settings for the Identity service, e.g. a lockout limit for one test class.</param>
    /// <param name="forumSettings">More settings for the Forum, e.g. digest periods of seconds.</param>
    /// <param name="partners">Settings and services of the Partners service for one test class (its clock, its address guard's resolver).</param>
    public static async Task<NetworkUnderTest> StartAsync(string? rabbitMq = null, IReadOnlyDictionary<string, string?>? identitySettings = null,
        PartnersUnderTest? partners = null, IReadOnlyDictionary<string, string?>? forumSettings = null)
    {
        // The gateway's port is chosen before the provider starts (it is the issuer); another test class's service may
        // take it in between. Then the whole network starts again on a new port.
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await TryStartAsync(rabbitMq, identitySettings, partners ?? new PartnersUnderTest(), forumSettings);
            }
            catch (Exception e) when (attempt < 3 && GatewayDidNotStart(e))
            {
            }
        }
    }

    static async Task<NetworkUnderTest> TryStartAsync(string? rabbitMq, IReadOnlyDictionary<string, string?>? identitySettings, PartnersUnderTest partnersSetup,
        IReadOnlyDictionary<string, string?>? forumSettings)
    {
        var directoryDb = await TestServers.CreateDatabaseAsync("directory");
        var forumDb = await TestServers.CreateDatabaseAsync("forum");
        var eventsDb = await TestServers.CreateDatabaseAsync("events");
        var knowledgeDb = await TestServers.CreateDatabaseAsync("knowledge");
        var partnersDb = await TestServers.CreateDatabaseAsync("partners");
        rabbitMq ??= await TestServers.CreateVirtualHostAsync();
        var gatewayPort = ServiceUnderTest<Network.Gateway.GatewayMarker>.FreePort();

        var identity = await IdentityUnderTest.StartAsync(rabbitMq, $"http://127.0.0.1:{gatewayPort}/", identitySettings);
        var directory = new ServiceUnderTest<Network.Directory.IntegrationEvents>(Settings(identity, "directory-db", directoryDb, rabbitMq)).Start();
        var forumConfiguration = Settings(identity, "forum-db", forumDb, rabbitMq);
        foreach (var (key, value) in forumSettings ?? new Dictionary<string, string?>()) forumConfiguration[key] = value;
        var forum = new ServiceUnderTest<Network.Forum.Organisations.MemberOrganisation>(forumConfiguration).Start();
        var events = new ServiceUnderTest<Network.Events.EventsMarker>(Settings(identity, "events-db", eventsDb, rabbitMq)).Start();
        var knowledge = new ServiceUnderTest<Network.Knowledge.IntegrationEvents>(Settings(identity, "knowledge-db", knowledgeDb, rabbitMq)).Start();
        var partnersSettings = PartnersSettings(identity, partnersDb, rabbitMq);
        partnersSettings["Partners:PublicApiAddress"] = $"http://127.0.0.1:{gatewayPort}/";
        // The tests' receivers listen on loopback; the SSRF tests turn this off again.
        partnersSettings["Partners:Delivery:AllowLoopback"] = "true";
        partnersSettings["Partners:Delivery:PollInterval"] = "00:00:00.050";
        // The partner exchange on a virtual host of the class's own, its users made through the shared broker's management API.
        var broker = await TestServers.RabbitMq;
        partnersSettings["Partners:Amqp:VirtualHost"] = Uri.UnescapeDataString(new Uri(await broker.CreateVirtualHostAsync("partners")).AbsolutePath.TrimStart('/'));
        partnersSettings["Partners:Amqp:Management:Uri"] = broker.ManagementUri?.ToString();
        partnersSettings["Partners:Amqp:Management:UserName"] = broker.UserName;
        partnersSettings["Partners:Amqp:Management:Password"] = broker.Password;
        foreach (var (key, value) in partnersSetup.Settings) partnersSettings[key] = value;
        var partners = new ServiceUnderTest<Network.Partners.PartnersOptions>(partnersSettings, partnersSetup.Services).Start();
        // Ready as the AppHost's WaitFor means it: the consumers' queues and bindings exist before anything is published.
        await Task.WhenAll(WaitUntilHealthy(directory.NewClient()), WaitUntilHealthy(forum.NewClient()), WaitUntilHealthy(events.NewClient()),
            WaitUntilHealthy(knowledge.NewClient()), WaitUntilHealthy(partners.NewClient()));
        var gateway = new ServiceUnderTest<Network.Gateway.GatewayMarker>(new Dictionary<string, string?>
        {
            ["services:directory-api:http:0"] = directory.Address.ToString(),
            ["services:forum-api:http:0"] = forum.Address.ToString(),
            ["services:events-api:http:0"] = events.Address.ToString(),
            ["services:knowledge-api:http:0"] = knowledge.Address.ToString(),
            ["services:partners-api:http:0"] = partners.Address.ToString(),
            ["services:identity-api:http:0"] = identity.Service.Address.ToString(),
            ["Logging:LogLevel:Default"] = "Warning",
        });
        try
        {
            gateway.Start(gatewayPort);
        }
        catch
        {
            await gateway.DisposeAsync();
            await partners.DisposeAsync();
            await knowledge.DisposeAsync();
            await events.DisposeAsync();
            await forum.DisposeAsync();
            await directory.DisposeAsync();
            await identity.DisposeAsync();
            throw;
        }
        identity.TokenAddress = gateway.Address;
        await identity.SignInStaffAsync();
        return new NetworkUnderTest
        {
            Directory = directory, Forum = forum, Gateway = gateway, Events = events, Knowledge = knowledge, Partners = partners, Identity = identity,
            EventsDatabase = eventsDb, DirectoryDatabase = directoryDb, ForumDatabase = forumDb, KnowledgeDatabase = knowledgeDb,
            PartnersDatabase = partnersDb, RabbitMq = rabbitMq,
        };
    }

    // Its port was taken meanwhile (Kestrel's AddressInUse), or WebApplicationFactory found the gateway's server already
    // started when it set the port (seen once in a fresh-clone run on a busy machine): either way a new try on a new port.
    static bool GatewayDidNotStart(Exception e) =>
        e is IOException { InnerException: Microsoft.AspNetCore.Connections.AddressInUseException }
        || e is InvalidOperationException && e.Message.Contains("IServerAddressesFeature", StringComparison.Ordinal);

    public static Task WaitUntilHealthy(HttpClient client) => Eventually.Until(
        async () =>
        {
            try { return await client.GetAsync("/health"); }
            catch (HttpRequestException) { return new HttpResponseMessage(System.Net.HttpStatusCode.ServiceUnavailable); }
        },
        r => r.IsSuccessStatusCode, TimeSpan.FromSeconds(60), $"{client.BaseAddress} to be healthy");

    /// <summary>The settings a service is started with in tests: its database, the broker, the provider it trusts.</summary>
    /// <summary>The Partners service's settings: <see cref="Settings(IdentityUnderTest, string, string, string)"/> and a fresh key for its signing secrets.</summary>
    public static Dictionary<string, string?> PartnersSettings(IdentityUnderTest identity, string connectionString, string rabbitMq)
    {
        var settings = Settings(identity, "partners-db", connectionString, rabbitMq);
        settings["Partners:SecretsKey"] = Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32));
        return settings;
    }

    public static Dictionary<string, string?> Settings(IdentityUnderTest identity, string database, string connectionString, string rabbitMq)
    {
        var settings = new Dictionary<string, string?>
        {
            [$"ConnectionStrings:{database}"] = connectionString,
            ["ConnectionStrings:rabbitmq"] = rabbitMq,
            // The services' own logs would drown the test output; warnings and errors still show.
            ["Logging:LogLevel:Default"] = "Warning",
            // Tests and benches send thousands of requests as one client; the limits are tested on their own (RateLimitTests).
            [$"{Network.Platform.Http.RateLimits.Section}:WritesPerMinute"] = "0",
            [$"{Network.Platform.Http.RateLimits.Section}:ExpensiveReadsPerMinute"] = "0",
        };
        identity.AddTrust(settings);
        return settings;
    }

    /// <summary>The settings of another replica of one of this network's services.</summary>
    public Dictionary<string, string?> Settings(string database, string connectionString) => Settings(Identity, database, connectionString, RabbitMq);

    /// <summary>A new person acting for <paramref name="organisations"/>, signed in through the gateway.</summary>
    public Task<SignedIn> PersonAsync(string name, params Guid[] organisations) => Identity.PersonAsync(name, organisations);

    /// <summary>A client of the gateway for a new person acting for <paramref name="organisations"/>.</summary>
    public async Task<HttpClient> MemberAsync(params Guid[] organisations) =>
        Gateway.NewClient((await Identity.PersonAsync("Mia Member", organisations)).AccessToken);

    /// <summary>Another Directory process on the same database and broker, as a second replica would run.</summary>
    public async Task<ServiceUnderTest<Network.Directory.IntegrationEvents>> StartDirectoryReplicaAsync(
        IReadOnlyDictionary<string, string?>? extra = null)
    {
        var settings = Settings("directory-db", DirectoryDatabase);
        foreach (var (key, value) in extra ?? new Dictionary<string, string?>()) settings[key] = value;
        var replica = new ServiceUnderTest<Network.Directory.IntegrationEvents>(settings).Start();
        await WaitUntilHealthy(replica.NewClient());
        return replica;
    }

    public HttpClient DirectoryAsStaff() => Directory.NewClient(StaffToken);

    public async ValueTask DisposeAsync()
    {
        await Gateway.DisposeAsync();
        await Partners.DisposeAsync();
        await Knowledge.DisposeAsync();
        await Events.DisposeAsync();
        await Forum.DisposeAsync();
        await Directory.DisposeAsync();
        await Identity.DisposeAsync();
    }
}

/// <summary>What a test class sets in the Partners service: more settings, and services it replaces (a fake clock, a resolver).</summary>
public sealed record PartnersUnderTest
{
    public IReadOnlyDictionary<string, string?> Settings { get; init; } = new Dictionary<string, string?>();
    public Action<Microsoft.Extensions.DependencyInjection.IServiceCollection>? Services { get; init; }
}

/// <summary>xunit class fixture: one running network per test class.</summary>
public sealed class NetworkFixture : IAsyncLifetime
{
    public NetworkUnderTest Network { get; private set; } = null!;

    public async Task InitializeAsync() => Network = await NetworkUnderTest.StartAsync();

    public async Task DisposeAsync()
    {
        if (Network is not null) await Network.DisposeAsync(); // null when the start failed (that failure is the test's)
    }
}
