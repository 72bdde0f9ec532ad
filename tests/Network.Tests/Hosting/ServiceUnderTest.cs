using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace Network.Tests.Hosting;

/// <summary>
/// One of the platform's services running for real on Kestrel (loopback, free port), against the test run's
/// PostgreSQL and RabbitMQ. <typeparamref name="TMarker"/> is any type from the service's assembly.
/// <paramref name="services"/> replaces what a test must control in the service, e.g. its clock.
/// </summary>
public sealed class ServiceUnderTest<TMarker>(IReadOnlyDictionary<string, string?> settings, Action<IServiceCollection>? services = null)
    : WebApplicationFactory<TMarker>
    where TMarker : class
{
    Uri? address;

    /// <summary>The service's base address on loopback.</summary>
    public Uri Address => address ?? throw new InvalidOperationException("Call Start() first.");

    /// <param name="port">0 for any free port; a port reserved with <see cref="FreePort"/> when others must know it first.</param>
    public ServiceUnderTest<TMarker> Start(int port = 0)
    {
        UseKestrel(port);
        StartServer();
        address = new Uri(ClientOptions.BaseAddress.GetLeftPart(UriPartial.Authority));
        return this;
    }

    /// <summary>A free loopback port, for a service whose address others need before it starts (the gateway is the issuer).</summary>
    public static int FreePort()
    {
        using var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        return ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
    }

    public HttpClient NewClient(string? bearerToken = null)
    {
        var client = new HttpClient { BaseAddress = Address, Timeout = TimeSpan.FromSeconds(30) };
        if (bearerToken is not null)
            client.DefaultRequestHeaders.Authorization = new("Bearer", bearerToken);
        return client;
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        foreach (var (key, value) in settings) builder.UseSetting(key, value);
        if (services is not null) builder.ConfigureTestServices(services); // after the service's own registrations: these win
    }
}
