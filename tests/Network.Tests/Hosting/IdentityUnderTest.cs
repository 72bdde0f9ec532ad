using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text.Json;
using Marten;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Network.Identity.Accounts;
using Network.Identity.People;
using Network.Identity.SignIn;
using Network.Tests.Infrastructure;
using Xunit;

namespace Network.Tests.Hosting;

/// <summary>A person signed in through the provider's token endpoint: their subject (account id) and access token.</summary>
public sealed record SignedIn(string Subject, string Name, string Email, string AccessToken, string? RefreshToken = null);

/// <summary>
/// The Identity service (the OpenID Connect provider) running for real: its own database, the test run's broker
/// vhost and SMTP server, keys in a temporary folder. Tokens come from its token endpoint, never minted by a test.
/// <see cref="PersonAsync"/> gives a test a person as the provider would know them after an invitation and the
/// Directory's membership events: the account and the read model are written through the provider's own stores
/// (given this state), and the token is asked for with the password grant like any script would.
/// </summary>
public sealed class IdentityUnderTest : IAsyncDisposable
{
    public const string StaffEmail = "staff@network.example";
    public static readonly string StaffPassword = "staff-" + Convert.ToBase64String(RandomNumberGenerator.GetBytes(18));
    /// <summary>Every test person's password (long enough for the rules).</summary>
    public const string PersonPassword = "correct horse battery staple";

    readonly IReadOnlyDictionary<string, string?> settings;
    readonly int port;

    IdentityUnderTest(ServiceUnderTest<Network.Identity.IntegrationEvents> service, string issuer, string database, string keysDirectory,
        IReadOnlyDictionary<string, string?> settings, int port)
    {
        Service = service;
        Issuer = issuer;
        Database = database;
        KeysDirectory = keysDirectory;
        this.settings = settings;
        this.port = port;
    }

    public ServiceUnderTest<Network.Identity.IntegrationEvents> Service { get; }

    /// <summary>The public address tokens name as their issuer (the gateway's, when there is one).</summary>
    public string Issuer { get; }
    public string Database { get; }
    public string KeysDirectory { get; }

    /// <summary>Where token requests go: the gateway when the network has one, else the provider itself.</summary>
    public Uri TokenAddress { get; set; } = null!;

    public string StaffToken { get; private set; } = "";

    /// <param name="issuer">The public address (the gateway's); null when the provider stands alone and is its own issuer.</param>
    /// <param name="settings">More settings, e.g. a lockout limit for one test.</param>
    public static async Task<IdentityUnderTest> StartAsync(string rabbitMq, string? issuer = null, IReadOnlyDictionary<string, string?>? settings = null)
    {
        var database = await TestServers.CreateDatabaseAsync("identity");
        var smtp = await TestServers.Smtp;
        var keys = System.IO.Directory.CreateTempSubdirectory("network-identity-keys-").FullName;
        var standalone = issuer is null;
        var port = standalone ? ServiceUnderTest<Network.Identity.IntegrationEvents>.FreePort() : 0;
        issuer ??= $"http://127.0.0.1:{port}/";
        var all = new Dictionary<string, string?>
        {
            ["ConnectionStrings:identity-db"] = database,
            ["ConnectionStrings:rabbitmq"] = rabbitMq,
            ["ConnectionStrings:mail"] = smtp.ConnectionString,
            ["Identity:Issuer"] = issuer,
            ["Identity:Keys:Directory"] = keys,
            ["Identity:BootstrapStaff:Email"] = StaffEmail,
            ["Identity:BootstrapStaff:Password"] = StaffPassword,
            // The test run asks for thousands of tokens from one address, and hashes hundreds of passwords.
            ["Identity:SignInRateLimitPerMinute"] = "0",
            [$"{Network.Platform.Http.RateLimits.Section}:WritesPerMinute"] = "0",
            ["Identity:PasswordHashIterations"] = "1000",
            // A test class may run longer than the 5 minutes of production; expiry itself is tested on its own.
            ["Identity:AccessTokenLifetime"] = "01:00:00",
            ["Logging:LogLevel:Default"] = "Warning",
        };
        // A null value takes a default of the test run back to the provider's own.
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
            if (value is null) all.Remove(key);
            else all[key] = value;
        ServiceUnderTest<Network.Identity.IntegrationEvents> service;
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                service = new ServiceUnderTest<Network.Identity.IntegrationEvents>(all).Start(port);
                break;
            }
            // A standalone provider is its own issuer on a port chosen first; another test's service may take it in between.
            catch (IOException e) when (standalone && attempt < 3 && e.InnerException is Microsoft.AspNetCore.Connections.AddressInUseException)
            {
                port = ServiceUnderTest<Network.Identity.IntegrationEvents>.FreePort();
                all["Identity:Issuer"] = issuer = $"http://127.0.0.1:{port}/";
            }
        }
        var identity = new IdentityUnderTest(service, issuer, database, keys, all, port) { TokenAddress = service.Address };
        await NetworkUnderTest.WaitUntilHealthy(service.NewClient());
        return identity;
    }

    /// <summary>Stops the provider and starts it again on the same database, keys folder and address (a standalone one only).</summary>
    public async Task<IdentityUnderTest> RestartAsync()
    {
        if (port == 0) throw new InvalidOperationException("Only a standalone provider (its own issuer) restarts on its address.");
        await Service.DisposeAsync();
        var service = new ServiceUnderTest<Network.Identity.IntegrationEvents>(settings).Start(port);
        await NetworkUnderTest.WaitUntilHealthy(service.NewClient());
        return new IdentityUnderTest(service, Issuer, Database, KeysDirectory, settings, port) { TokenAddress = service.Address };
    }

    /// <summary>What a service needs to trust this provider: its issuer, and where to read its keys (service discovery).</summary>
    public void AddTrust(IDictionary<string, string?> settings)
    {
        settings["Identity:Issuer"] = Issuer;
        settings["services:identity-api:http:0"] = Service.Address.ToString();
    }

    /// <summary>Signs the bootstrap staff account in (once) and remembers its access token.</summary>
    public async Task SignInStaffAsync() => StaffToken = (await PasswordGrantAsync(StaffEmail, StaffPassword)).AccessToken;

    /// <summary>
    /// A person recorded in the Directory who acts for <paramref name="organisations"/> and activated their account, signed in.
    /// </summary>
    public async Task<SignedIn> PersonAsync(string name = "Pat Person", params Guid[] organisations)
    {
        var personId = Guid.CreateVersion7();
        var email = $"person-{personId:N}@test.network.example";
        await using (var scope = Service.Services.CreateAsyncScope())
        {
            var now = DateTimeOffset.UtcNow;
            var accounts = scope.ServiceProvider.GetRequiredService<UserManager<Account>>();
            var created = await accounts.CreateAsync(new Account
            {
                Id = personId, PersonId = personId, UserName = email, Email = email, EmailConfirmed = true,
                DisplayName = name, CreatedAt = now, ActivatedAt = now, LockoutEnabled = true,
            }, PersonPassword);
            Assert.True(created.Succeeded, string.Join("; ", created.Errors.Select(e => e.Description)));

            await using var session = scope.ServiceProvider.GetRequiredService<IDocumentStore>().LightweightSession();
            var person = new KnownPerson { Id = personId };
            person.Recorded(name, 1);
            foreach (var organisation in organisations) person.Joined(organisation, "Member", name, 2);
            session.Store(person);
            await session.SaveChangesAsync();
        }
        return await PasswordGrantAsync(email, PersonPassword);
    }

    /// <summary>The password grant of the first-party command-line client, as the README's curl walk does it.</summary>
    public async Task<SignedIn> PasswordGrantAsync(string email, string password, string? scope = null, string? oneTimeCode = null)
    {
        var response = await RequestTokenAsync(new Dictionary<string, string?>
        {
            ["grant_type"] = "password",
            ["client_id"] = FirstPartyClients.Cli,
            ["username"] = email,
            ["password"] = password,
            ["scope"] = scope,
            [TokenEndpoint.OneTimeCodeParameter] = oneTimeCode,
        });
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"Sign-in of {email} failed: {(int)response.StatusCode} {body}");
        var json = JsonDocument.Parse(body).RootElement;
        var token = json.GetProperty("access_token").GetString()!;
        return new SignedIn(SubjectOf(token), NameOf(token), email, token,
            json.TryGetProperty("refresh_token", out var refresh) ? refresh.GetString() : null);
    }

    /// <summary>POSTs a form to the token endpoint (null values are left out) and returns the raw answer.</summary>
    public async Task<HttpResponseMessage> RequestTokenAsync(IReadOnlyDictionary<string, string?> form, string? basicAuth = null)
    {
        using var client = new HttpClient { BaseAddress = TokenAddress, Timeout = TimeSpan.FromSeconds(30) };
        if (basicAuth is not null) client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Basic", basicAuth);
        return await client.PostAsync("/connect/token",
            new FormUrlEncodedContent(form.Where(f => f.Value is not null).Select(f => KeyValuePair.Create(f.Key, f.Value!))));
    }

    public static JsonElement Payload(string jwt) =>
        JsonDocument.Parse(Microsoft.IdentityModel.Tokens.Base64UrlEncoder.Decode(jwt.Split('.')[1])).RootElement;

    static string SubjectOf(string jwt) => Payload(jwt).GetProperty("sub").GetString()!;
    static string NameOf(string jwt) => Payload(jwt).TryGetProperty("name", out var name) ? name.GetString()! : "";

    public async ValueTask DisposeAsync()
    {
        await Service.DisposeAsync();
        try { System.IO.Directory.Delete(KeysDirectory, recursive: true); } catch (IOException) { }
    }
}
