using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Network.Tests.Gateway;

/// <summary>A stand-in downstream service on a free loopback port that records what reached it.</summary>
public sealed class FakeService : IAsyncDisposable
{
    public sealed record SeenRequest(string Method, string Path, string Query, IReadOnlyDictionary<string, string> Headers);

    public const string ETag = "\"7\"";

    readonly WebApplication _app;
    readonly ConcurrentQueue<SeenRequest> _seen = new();

    FakeService(WebApplication app) => _app = app;

    public string Address => _app.Urls.Single();
    public IReadOnlyCollection<SeenRequest> Seen => _seen;

    public static async Task<FakeService> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var service = new FakeService(app);
        app.Run(async http =>
        {
            service._seen.Enqueue(new SeenRequest(
                http.Request.Method,
                http.Request.Path.Value ?? "",
                http.Request.QueryString.Value ?? "",
                http.Request.Headers.ToDictionary(h => h.Key, h => h.Value.ToString(), StringComparer.OrdinalIgnoreCase)));
            http.Response.Headers.ETag = ETag;
            await http.Response.WriteAsync($"reached {http.Request.Path}");
        });
        await app.StartAsync();
        return service;
    }

    /// <summary>An address where nothing listens, for a service that is down.</summary>
    public static string UnusedAddress()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return $"http://127.0.0.1:{((IPEndPoint)listener.LocalEndpoint).Port}";
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
