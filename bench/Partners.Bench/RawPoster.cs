using System.Net.Http.Headers;
using StandardWebhooks;

namespace Network.Bench.Partners;

/// <summary>
/// The fair raw baseline: the same webhooks without the service. The same CloudEvents bodies (built as the service builds
/// them, so of the same size) POSTed by a plain HttpClient to the same receivers with the same headers, the
/// <c>webhook-timestamp</c> of the moment and a Standard Webhooks signature computed per post with the receiver's own
/// secret (the StandardWebhooks package, as the service signs), the answer read; as many in flight as the service's
/// <c>Partners:Delivery:MaxConcurrency</c>. No feed, no fan-out, no delivery state, no log: what sending the webhooks
/// alone costs on this machine.
/// </summary>
public sealed class RawPoster : IDisposable
{
    public const string PathName = "raw HttpClient, same bodies and signatures";
    readonly HttpClient http = new(new SocketsHttpHandler { AllowAutoRedirect = false, UseProxy = false, UseCookies = false })
    {
        Timeout = TimeSpan.FromSeconds(10),
    };
    readonly IReadOnlyList<BenchPartner> partners;
    readonly StandardWebhook[] signers;

    public RawPoster(IReadOnlyList<BenchPartner> partners)
    {
        this.partners = partners;
        signers = [.. partners.Select(p => new StandardWebhook(p.Secret))];
    }

    /// <summary>Post <paramref name="k"/>: event k / receivers to receiver k % receivers (each event to every receiver in turn, as the fan-out queues them).</summary>
    public async Task<bool> PostAsync(IReadOnlyList<(string WebhookId, byte[] Body, string Text)> events, int k, CancellationToken ct)
    {
        var (webhookId, body, text) = events[k / partners.Count];
        var receiver = k % partners.Count;
        var now = DateTimeOffset.UtcNow;
        using var request = new HttpRequestMessage(HttpMethod.Post, partners[receiver].Receiver.RawUrl) { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/cloudevents+json") { CharSet = "utf-8" };
        request.Headers.Add("webhook-id", webhookId);
        request.Headers.Add("webhook-timestamp", now.ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture));
        request.Headers.Add("webhook-signature", signers[receiver].Sign(webhookId, now, text));
        using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, ct);
        await CountingSink.DrainAsync(await response.Content.ReadAsStreamAsync(ct));
        return response.IsSuccessStatusCode;
    }

    public void Dispose() => http.Dispose();
}
