using System.Diagnostics;
using System.Net;
using System.Text;
using Microsoft.Extensions.Options;
using Network.Partners.Feed;
using Network.Partners.Safety;
using StandardWebhooks;

namespace Network.Partners.Delivery;

/// <summary>What one attempt came to.</summary>
/// <param name="Status">The receiver's status; null when there was no answer.</param>
/// <param name="RetryAfter">The receiver's <c>Retry-After</c> on a 429 or 503.</param>
public sealed record AttemptResult(bool Accepted, int? Status, TimeSpan Duration, string? Error, TimeSpan? RetryAfter = null)
{
    public bool Gone => Status == (int)HttpStatusCode.Gone;
}

/// <summary>
/// Sends one feed event to one receiver: a CloudEvents 1.0 structured-mode JSON body (<see cref="PublicCloudEvents"/>)
/// signed per Standard Webhooks with the StandardWebhooks package: <c>webhook-id</c> (the event id, the same on every attempt, so receivers drop duplicates), <c>webhook-timestamp</c> (the attempt's time, Unix
/// seconds), <c>webhook-signature</c> (<c>v1,&lt;base64 HMAC-SHA256 of id.timestamp.body&gt;</c>, one per valid secret,
/// space-separated, during a rotation). The client follows no redirect, connects only through the SSRF guard, has a
/// connect and a response timeout, and reads at most <see cref="DeliveryOptions.MaxResponseBytes"/> of the answer.
/// </summary>
public sealed class WebhookSender(IHttpClientFactory clients, IOptions<DeliveryOptions> options, [FromKeyedServices(PartnersClock.Key)] TimeProvider clock)
{
    public const string ClientName = "partner-webhooks";

    /// <summary>The <c>webhook-signature</c> value: one <c>v1,</c> signature per secret, space-separated.</summary>
    public static string Signature(IEnumerable<string> secrets, string webhookId, DateTimeOffset timestamp, string body) =>
        string.Join(' ', secrets.Select(secret => new StandardWebhook(secret).Sign(webhookId, timestamp, body)));

    public async Task<AttemptResult> SendAsync(Uri url, PartnerEvent e, long position, IReadOnlyList<string> secrets, CancellationToken ct)
    {
        var (body, contentType) = PublicCloudEvents.Encode(PublicCloudEvents.From(e, position));
        var now = clock.GetUtcNow();
        var bodyText = Encoding.UTF8.GetString(body);
        using var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = new ByteArrayContent(body) };
        request.Content.Headers.TryAddWithoutValidation("Content-Type", contentType);
        var webhookId = e.Id.ToString();
        request.Headers.Add("webhook-id", webhookId);
        request.Headers.Add("webhook-timestamp", now.ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture));
        request.Headers.Add("webhook-signature", Signature(secrets, webhookId, now, bodyText));

        var started = Stopwatch.GetTimestamp();
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeout.CancelAfter(options.Value.ResponseTimeout);
        try
        {
            using var response = await clients.CreateClient(ClientName).SendAsync(request, HttpCompletionOption.ResponseHeadersRead, timeout.Token);
            var answer = await ReadCappedAsync(response, timeout.Token);
            var status = (int)response.StatusCode;
            var duration = Stopwatch.GetElapsedTime(started);
            if (response.IsSuccessStatusCode) return new AttemptResult(true, status, duration, null);
            if (status is >= 300 and < 400)
                return new AttemptResult(false, status, duration,
                    $"Redirect to {response.Headers.Location?.ToString() ?? "(no Location)"} not followed: webhooks follow no redirects; register the final URL.");
            var retryAfter = status is 429 or 503 ? RetryAfter(response, now) : null;
            return new AttemptResult(false, status, duration, $"The receiver answered {status} {response.ReasonPhrase}{(answer.Length > 0 ? ": " + answer : "")}", retryAfter);
        }
        catch (HttpRequestException refused) when (refused.InnerException is WebhookAddressRefused guard)
        {
            return new AttemptResult(false, null, Stopwatch.GetElapsedTime(started), "Refused by the address guard: " + guard.Message);
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            return new AttemptResult(false, null, Stopwatch.GetElapsedTime(started),
                $"No complete answer within {options.Value.ResponseTimeout.TotalSeconds:0.#} s.");
        }
        catch (HttpRequestException failed)
        {
            return new AttemptResult(false, null, Stopwatch.GetElapsedTime(started), "Could not reach the receiver: " + (failed.InnerException?.Message ?? failed.Message));
        }
    }

    /// <summary>
    /// At most the configured number of bytes of the answer; the log keeps the first 1,000 characters as text. The buffer is
    /// rented (most answers are empty, and a new 64 KiB array per attempt was most of what an attempt allocated).
    /// </summary>
    async Task<string> ReadCappedAsync(HttpResponseMessage response, CancellationToken ct)
    {
        var cap = Math.Max(options.Value.MaxResponseBytes, 0);
        var buffer = System.Buffers.ArrayPool<byte>.Shared.Rent(Math.Max(cap, 1));
        try
        {
            await using var stream = await response.Content.ReadAsStreamAsync(ct);
            var read = 0;
            while (read < cap && await stream.ReadAsync(buffer.AsMemory(read, cap - read), ct) is var n and > 0) read += n;
            var text = Encoding.UTF8.GetString(buffer, 0, read);
            return text.Length > 1000 ? text[..1000] + "…" : text;
        }
        finally
        {
            System.Buffers.ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    static TimeSpan? RetryAfter(HttpResponseMessage response, DateTimeOffset now) => response.Headers.RetryAfter switch
    {
        { Delta: { } delta } => delta,
        { Date: { } date } => date > now ? date - now : TimeSpan.Zero,
        _ => null,
    };

    /// <summary>The webhook client's handler: no redirects, no proxy (it would connect for us, past the guard), the guard's connect callback.</summary>
    public static SocketsHttpHandler Handler(WebhookAddresses addresses, DeliveryOptions options) => new()
    {
        AllowAutoRedirect = false,
        UseProxy = false,
        UseCookies = false,
        ConnectTimeout = options.ConnectTimeout,
        ConnectCallback = addresses.ConnectAsync,
        PooledConnectionLifetime = TimeSpan.FromMinutes(1), // a pooled connection is not re-checked: keep them short-lived
        MaxResponseHeadersLength = 64,
    };
}
