using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;

namespace Network.Tests.Hosting;

/// <summary>
/// One of the platform's services running for real on Kestrel (loopback, free port), against the test run's
/// PostgreSQL and RabbitMQ. <typeparamref name="TMarker"/> is any type from the service's assembly.
/// </summary>
public sealed class ServiceUnderTest<TMarker>(IReadOnlyDictionary<string, string?> settings) : WebApplicationFactory<TMarker>
    where TMarker : class
{
    Uri? address;

    /// <summary>The service's base address on loopback.</summary>
    public Uri Address => address ?? throw new InvalidOperationException("Call Start() first.");

    public ServiceUnderTest<TMarker> Start()
    {
        UseKestrel(0);
        StartServer();
        address = new Uri(ClientOptions.BaseAddress.GetLeftPart(UriPartial.Authority));
        return this;
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
    }
}
