using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Network.Bench.Forum;

/// <summary>
/// The HTTP floor: an empty ASP.NET Core endpoint on Kestrel in this process (no middleware, no authentication, no
/// database) answering with bytes the service answered before, so the same response travels the same loopback to the same
/// HttpClient. No service that answers over HTTP on this machine can be faster; it shows how much of the service's cost is
/// HTTP itself. A POST reads the request body before answering, as the service must.
/// </summary>
public sealed class FloorServer : IAsyncDisposable
{
    readonly WebApplication app;
    readonly ConcurrentDictionary<string, byte[]> bodies = new();

    FloorServer(WebApplication app) => this.app = app;

    public Uri Address { get; private set; } = null!;

    public static async Task<FloorServer> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(k => k.Listen(System.Net.IPAddress.Loopback, 0));
        var app = builder.Build();
        var floor = new FloorServer(app);
        app.MapGet("/floor/{key}", (string key, HttpContext http) => floor.AnswerAsync(key, http, StatusCodes.Status200OK));
        app.MapPost("/floor/{key}", async (string key, HttpContext http) =>
        {
            await http.Request.Body.CopyToAsync(Stream.Null);
            await floor.AnswerAsync(key, http, StatusCodes.Status201Created);
        });
        await app.StartAsync();
        floor.Address = new Uri(app.Urls.First());
        return floor;
    }

    /// <summary>What GET or POST /floor/<paramref name="key"/> answers.</summary>
    public void Answer(string key, byte[] body) => bodies[key] = body;

    Task AnswerAsync(string key, HttpContext http, int status)
    {
        var body = bodies[key];
        http.Response.StatusCode = status;
        http.Response.ContentType = "application/json; charset=utf-8";
        http.Response.ContentLength = body.Length;
        return http.Response.Body.WriteAsync(body).AsTask();
    }

    public async ValueTask DisposeAsync()
    {
        await app.StopAsync();
        await app.DisposeAsync();
    }
}
