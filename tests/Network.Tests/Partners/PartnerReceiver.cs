using System.Collections.Concurrent;
using System.Net.Mime;
using CloudNative.CloudEvents;
using CloudNative.CloudEvents.SystemTextJson;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using StandardWebhooks;
using StandardWebhooks.Diagnostics;

namespace Network.Tests.Partners;

/// <summary>A webhook as the receiver took it: the CloudEvent as CloudNative.CloudEvents parsed it, and its headers.</summary>
public sealed record ReceivedWebhook(CloudEvent Event, string WebhookId, string Timestamp, string Signature, DateTimeOffset ReceivedAt);

/// <summary>
/// A partner's receiver, as a partner would write it with the public libraries, not the service's code: a small Kestrel app
/// on loopback that checks every request's signature with the StandardWebhooks package's verifier (against the secrets
/// it knows) and parses the body with CloudNative.CloudEvents' structured-mode JSON formatter. What verifies and parses
/// is <see cref="Received"/>; what does not, <see cref="Rejected"/> with the library's reason. It answers what
/// <see cref="Answer"/> says (200 by default), which is how a test takes it "down" (503) or makes it answer 410, 429 or a redirect.
/// </summary>
public sealed class PartnerReceiver : IAsyncDisposable
{
    readonly WebApplication app;
    readonly ConcurrentQueue<ReceivedWebhook> received = new();
    readonly ConcurrentQueue<string> rejected = new();
    int requests;

    PartnerReceiver(WebApplication app) => this.app = app;

    public Uri Url { get; private set; } = null!;

    /// <summary>The signing secrets this receiver accepts (any one must verify).</summary>
    public IReadOnlyList<string> Secrets { get; set; } = [];

    /// <summary>The answer to each request: status and headers (default 200).</summary>
    public Func<HttpResponse, Task> Answer { get; set; } = response =>
    {
        response.StatusCode = StatusCodes.Status204NoContent;
        return Task.CompletedTask;
    };

    /// <summary>
    /// The receiver is down for every webhook signed before this time (by its <c>webhook-timestamp</c>, the sender's clock):
    /// it answers 503 without looking at it. A test sets it to the end of a downtime it simulates on the sender's clock.
    /// </summary>
    public DateTimeOffset DownUntil { get; set; } = DateTimeOffset.MinValue;

    public IReadOnlyList<ReceivedWebhook> Received => [.. received];
    public IReadOnlyList<string> Rejected => [.. rejected];
    public int Requests => Volatile.Read(ref requests);

    public static async Task<PartnerReceiver> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseKestrel().UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var receiver = new PartnerReceiver(app);
        app.MapPost("/{**path}", receiver.HandleAsync);
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        receiver.Url = new Uri(address.Replace("[::]", "127.0.0.1") + "/webhooks");
        return receiver;
    }

    async Task HandleAsync(HttpContext http)
    {
        Interlocked.Increment(ref requests);
        using var reader = new StreamReader(http.Request.Body);
        var body = await reader.ReadToEndAsync();
        if (long.TryParse(http.Request.Headers["webhook-timestamp"], out var signedAt) && DateTimeOffset.FromUnixTimeSeconds(signedAt) < DownUntil)
        {
            http.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
            return;
        }
        Verify(http.Request, body);
        await Answer(http.Response);
    }

    void Verify(HttpRequest request, string body)
    {
        var failures = new List<string>();
        var verified = false;
        // StandardWebhooks 1.1.2's Verify compares only the first of several space-separated signatures (its loop ends
        // when no space follows the current one), so during a rotation a receiver that knows only the other secret would
        // fail. The library verifies each signature of the header on its own here; the HMAC check stays the library's.
        var signatures = request.Headers["webhook-signature"].ToString().Split(' ', StringSplitOptions.RemoveEmptyEntries);
        foreach (var secret in Secrets)
        {
            if (verified) break;
            foreach (var signature in signatures)
            {
                var headers = new HeaderDictionary
                {
                    ["webhook-id"] = request.Headers["webhook-id"], ["webhook-timestamp"] = request.Headers["webhook-timestamp"],
                    ["webhook-signature"] = signature,
                };
                try
                {
                    new StandardWebhook(secret).Verify(body, headers);
                    verified = true;
                    break;
                }
                catch (WebhookVerificationException e)
                {
                    failures.Add(e.Message);
                }
            }
        }
        if (!verified)
        {
            rejected.Enqueue($"{request.Headers["webhook-id"]}: signature: {string.Join("; ", failures.DefaultIfEmpty("no secret known"))}");
            return;
        }
        try
        {
            var cloudEvent = new JsonEventFormatter().DecodeStructuredModeMessage(
                new MemoryStream(System.Text.Encoding.UTF8.GetBytes(body)), new ContentType(request.ContentType!), extensionAttributes: null);
            if (!cloudEvent.IsValid) throw new ArgumentException("the CloudEvent lacks required attributes");
            received.Enqueue(new ReceivedWebhook(cloudEvent, request.Headers["webhook-id"]!, request.Headers["webhook-timestamp"]!,
                request.Headers["webhook-signature"]!, DateTimeOffset.UtcNow));
        }
        catch (Exception e) when (e is ArgumentException or FormatException or InvalidOperationException or System.Text.Json.JsonException)
        {
            rejected.Enqueue($"{request.Headers["webhook-id"]}: CloudEvent: {e.Message}");
        }
    }

    public async ValueTask DisposeAsync()
    {
        await app.StopAsync();
        await app.DisposeAsync();
    }
}
