using System.Collections.Concurrent;
using System.Net;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Network.Partners.Safety;
using Network.Tests.Hosting;
using Network.Tests.Identity;
using Xunit;

namespace Network.Tests.Partners;

/// <summary>A resolver whose answers the test sets per host name (what DNS would say), for the rebinding case.</summary>
public sealed class ScriptedResolver : IHostResolver
{
    public ConcurrentDictionary<string, IPAddress[]> Answers { get; } = new(StringComparer.OrdinalIgnoreCase);

    public Task<IPAddress[]> ResolveAsync(string host, CancellationToken ct) =>
        Answers.TryGetValue(host, out var addresses) ? Task.FromResult(addresses) : Dns.GetHostAddressesAsync(host, ct);
}

/// <summary>A network whose Partners service allows no loopback receiver (as production), with a scripted resolver.</summary>
public sealed class AddressGuardFixture : IAsyncLifetime
{
    public ScriptedResolver Resolver { get; } = new();
    public NetworkUnderTest Network { get; private set; } = null!;

    public async Task InitializeAsync() => Network = await NetworkUnderTest.StartAsync(partners: new PartnersUnderTest
    {
        Settings = new Dictionary<string, string?> { ["Partners:Delivery:AllowLoopback"] = "false" },
        Services = services => services.AddSingleton<IHostResolver>(Resolver),
    });

    public async Task DisposeAsync()
    {
        if (Network is not null) await Network.DisposeAsync();
    }
}

/// <summary>
/// The SSRF guard with loopback not allowed: every internal address, in every spelling, is refused at registration with
/// a reason naming the address and its range, and nothing is delivered; a name whose DNS answer turns internal after
/// registration is refused at the delivery's connect. The tests never connect anywhere but loopback: the private
/// ranges are refused before any connection, and the only receiver listens on loopback.
/// </summary>
public class AddressGuardTests(AddressGuardFixture fixture) : IClassFixture<AddressGuardFixture>
{
    NetworkUnderTest Network => fixture.Network;

    public static TheoryData<string, string> InternalAddresses => new()
    {
        { "http://127.0.0.1:{port}/webhooks", "127.0.0.1, a loopback address" },
        { "http://localhost:{port}/webhooks", "resolves to" }, // a DNS name that resolves to loopback
        { "http://10.1.2.3/webhooks", "10.1.2.3, a private address (10.0.0.0/8)" },
        { "http://172.16.0.1/webhooks", "172.16.0.1, a private address (172.16.0.0/12)" },
        { "http://172.31.255.254/webhooks", "172.31.255.254, a private address (172.16.0.0/12)" },
        { "http://192.168.1.1/webhooks", "192.168.1.1, a private address (192.168.0.0/16)" },
        { "http://169.254.169.254/latest/meta-data", "169.254.169.254, the cloud metadata address" },
        { "http://100.64.0.1/webhooks", "100.64.0.1, in the shared address space of carrier-grade NAT" },
        { "http://0.0.0.0:{port}/webhooks", "0.0.0.0, in 0.0.0.0/8" },
        { "http://224.0.0.1/webhooks", "224.0.0.1, a multicast address" },
        { "http://[::1]:{port}/webhooks", "::1, the loopback address (::1)" },
        { "http://[fc00::1]/webhooks", "fc00::1, a unique-local address (fc00::/7)" },
        { "http://[fd12:3456::1]/webhooks", "fd12:3456::1, a unique-local address (fc00::/7)" },
        { "http://[fe80::1]/webhooks", "fe80::1, a link-local address (fe80::/10)" },
        { "http://[::ffff:127.0.0.1]:{port}/webhooks", "an IPv4-mapped form of 127.0.0.1, a loopback address" },
        { "http://[::ffff:169.254.169.254]/webhooks", "an IPv4-mapped form of 169.254.169.254, the cloud metadata address" },
        { "http://2130706433:{port}/webhooks", "127.0.0.1, a loopback address" },      // decimal
        { "http://017700000001:{port}/webhooks", "127.0.0.1, a loopback address" },    // octal
        { "http://0177.0.0.1:{port}/webhooks", "127.0.0.1, a loopback address" },      // octal, dotted
        { "http://0x7f.0.0.1:{port}/webhooks", "127.0.0.1, a loopback address" },      // hex, dotted
        { "http://0x7f000001:{port}/webhooks", "127.0.0.1, a loopback address" },      // hex
        { "http://127.1:{port}/webhooks", "127.0.0.1, a loopback address" },           // short form
        { "http://3232235777/webhooks", "192.168.1.1, a private address (192.168.0.0/16)" }, // decimal 192.168.1.1
    };

    [Theory]
    [MemberData(nameof(InternalAddresses))]
    public async Task An_internal_address_is_refused_at_registration_with_a_reason_and_nothing_is_delivered(string url, string reason)
    {
        await using var receiver = await PartnerReceiver.StartAsync();
        var partner = await PartnerClient.CreateAsync(Network, "Curious partner");
        var attempt = url.Replace("{port}", receiver.Url.Port.ToString());

        var problem = await (await partner.Http.PostJson($"{PartnerClient.Api}/subscriptions",
            new { url = attempt, eventTypes = new[] { "*" } })).AssertProblem(HttpStatusCode.BadRequest);

        var message = string.Join(" ", problem.GetProperty("errors").GetProperty("url").EnumerateArray().Select(e => e.GetString()));
        Assert.Contains(reason, message);
        var list = await (await partner.Http.GetAsync($"{PartnerClient.Api}/subscriptions")).ReadAs<JsonElement>();
        Assert.Equal(0, list.GetProperty("totalItems").GetInt32());
        Assert.Equal(0, receiver.Requests);
    }

    [Fact]
    public async Task A_name_whose_DNS_answer_turns_internal_after_registration_is_refused_at_the_connect_and_the_log_says_why()
    {
        await using var receiver = await PartnerReceiver.StartAsync();
        var partner = await PartnerClient.CreateAsync(Network, "Rebinding partner");
        var host = $"rebind-{Guid.NewGuid():N}.partner.test";
        // At registration the name resolves to a public documentation address (TEST-NET-3): nothing connects to it, no event is owed yet.
        fixture.Resolver.Answers[host] = [IPAddress.Parse("203.0.113.10")];
        var subscription = await partner.SubscribeAsync(new Uri($"http://{host}:{receiver.Url.Port}/webhooks"), "network.directory.organisation.verified.v1");
        // Then its DNS answer changes to the receiver's loopback address.
        fixture.Resolver.Answers[host] = [IPAddress.Loopback];

        await Network.RegisterOrganisationAsync($"Verein Umweg {Guid.NewGuid():N}"[..28]);

        var attempt = (await partner.WaitForAttemptAsync(subscription.Id(), _ => true, "the refused attempt")).Single();
        Assert.Equal(JsonValueKind.Null, attempt.GetProperty("status").ValueKind);
        Assert.Contains($"Refused by the address guard: The host {host} resolves to 127.0.0.1, a loopback address.", attempt.GetProperty("error").GetString());
        Assert.Equal("retrying", attempt.GetProperty("outcome").GetString());
        Assert.Equal(0, receiver.Requests);
    }

    [Theory]
    [InlineData("ftp://partner.example/webhooks", "The URL must use https or http.")]
    [InlineData("https://user:secret@partner.example/webhooks", "must not carry a user name or password")]
    [InlineData("/webhooks", "absolute http(s) address")]
    public async Task A_url_that_is_no_webhook_address_is_refused(string url, string reason)
    {
        var partner = await PartnerClient.CreateAsync(Network, "Sloppy partner");
        var problem = await (await partner.Http.PostJson($"{PartnerClient.Api}/subscriptions", new { url, eventTypes = new[] { "*" } }))
            .AssertProblem(HttpStatusCode.BadRequest);
        Assert.Contains(reason, problem.GetProperty("errors").GetProperty("url")[0].GetString());
    }
}
