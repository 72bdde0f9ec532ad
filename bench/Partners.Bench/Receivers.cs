using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Network.Bench.Partners;

/// <summary>One request a receiver took, kept to check its signature after the measurements (not while they run).</summary>
public sealed record SampleRequest(string WebhookId, string Timestamp, string Signature, string ContentType, string Body);

/// <summary>
/// What the receivers got on one path (the service's webhooks, or the raw client's posts): per receiver and
/// <c>webhook-id</c> when it first arrived, how many requests came (duplicates are the difference), the bytes of their
/// bodies, and each receiver's first request as it came.
/// </summary>
public sealed class Arrivals(int receivers)
{
    readonly ConcurrentDictionary<(int Receiver, string WebhookId), DateTimeOffset> first = new();
    readonly SampleRequest?[] samples = new SampleRequest?[receivers];
    int requests;
    long bytes;

    public int Distinct => first.Count;
    public int Requests => Volatile.Read(ref requests);
    public long Bytes => Interlocked.Read(ref bytes);
    public IReadOnlyList<SampleRequest?> Samples => samples;

    public bool TryGet(int receiver, string webhookId, out DateTimeOffset at) => first.TryGetValue((receiver, webhookId), out at);

    public void Record(int receiver, string webhookId, DateTimeOffset at, int length, Func<SampleRequest> sample)
    {
        Interlocked.Increment(ref requests);
        Interlocked.Add(ref bytes, length);
        first.TryAdd((receiver, webhookId), at);
        if (Volatile.Read(ref samples[receiver]) is null) Interlocked.CompareExchange(ref samples[receiver], sample(), null);
    }

    /// <summary>Waits until <paramref name="expected"/> distinct (receiver, webhook-id) pairs arrived, or nothing new came for <paramref name="quiet"/>.</summary>
    public async Task<bool> WaitForAsync(int expected, TimeSpan quiet)
    {
        var last = Distinct;
        var since = Clock.Now;
        while (Distinct < expected)
        {
            await Task.Delay(10);
            if (Distinct != last) (last, since) = (Distinct, Clock.Now);
            else if (System.Diagnostics.Stopwatch.GetElapsedTime(since) > quiet) return false;
        }
        return true;
    }
}

/// <summary>
/// A partner's receiver doing only what any receiver must: read the whole body, note the <c>webhook-id</c> and the time,
/// answer 204 at once. No signature check or parsing per request (the bench checks each receiver's first request of
/// each path afterwards), so the receivers cost both paths the same and as little as possible. Kestrel on 127.0.0.1,
/// a free port; <see cref="ServicePath"/> is the subscription's URL, <see cref="RawPath"/> the raw client's.
/// </summary>
public sealed class WebhookReceiver : IAsyncDisposable
{
    public const string ServicePath = "webhooks";
    public const string RawPath = "raw";
    readonly WebApplication app;

    WebhookReceiver(WebApplication app, int index) => (this.app, Index) = (app, index);

    public int Index { get; }
    public Uri ServiceUrl { get; private set; } = null!;
    public Uri RawUrl { get; private set; } = null!;

    public static async Task<WebhookReceiver> StartAsync(int index, Arrivals service, Arrivals raw)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(k => k.Listen(System.Net.IPAddress.Loopback, 0));
        var app = builder.Build();
        var receiver = new WebhookReceiver(app, index);
        app.MapPost("/{path}", async (string path, HttpContext http) =>
        {
            var arrivals = path switch { ServicePath => service, RawPath => raw, _ => null };
            if (arrivals is null)
            {
                http.Response.StatusCode = StatusCodes.Status404NotFound;
                return;
            }
            using var body = new MemoryStream();
            await http.Request.Body.CopyToAsync(body);
            var at = DateTimeOffset.UtcNow;
            var headers = http.Request.Headers;
            var webhookId = headers["webhook-id"].ToString();
            arrivals.Record(index, webhookId, at, (int)body.Length, () => new SampleRequest(webhookId, headers["webhook-timestamp"].ToString(),
                headers["webhook-signature"].ToString(), http.Request.ContentType ?? "", System.Text.Encoding.UTF8.GetString(body.ToArray())));
            http.Response.StatusCode = StatusCodes.Status204NoContent;
        });
        await app.StartAsync();
        var address = new Uri(app.Urls.First());
        receiver.ServiceUrl = new Uri(address, ServicePath);
        receiver.RawUrl = new Uri(address, RawPath);
        return receiver;
    }

    public async ValueTask DisposeAsync()
    {
        await app.StopAsync();
        await app.DisposeAsync();
    }
}
