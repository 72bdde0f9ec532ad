using System.Net;
using System.Text.Json;
using Network.Tests.Hosting;
using Network.Tests.Identity;
using Xunit;

namespace Network.Tests.Partners;

/// <summary>A partner system as the tests drive it: its client of the gateway (with its own token), where its people read mail, and the partner API's routes.</summary>
/// <param name="Id">The partner's record in the Identity service (staff revoke it by this id).</param>
public sealed record PartnerClient(Guid Id, string ClientId, string ContactEmail, HttpClient Http)
{
    public const string Api = "/api/partners";

    public async Task<JsonElement> SubscribeAsync(Uri url, params string[] eventTypes) =>
        await (await Http.PostJson($"{Api}/subscriptions", new { url = url.ToString(), eventTypes })).ReadAs<JsonElement>(HttpStatusCode.Created);

    public async Task<JsonElement> SubscriptionAsync(Guid id) => await (await Http.GetAsync($"{Api}/subscriptions/{id}")).ReadAs<JsonElement>();

    /// <summary>The delivery log, newest attempt first.</summary>
    public async Task<IReadOnlyList<JsonElement>> AttemptsAsync(Guid subscription, int pageSize = 100, int page = 1) =>
        [.. (await (await Http.GetAsync($"{Api}/subscriptions/{subscription}/attempts?pageSize={pageSize}&page={page}")).ReadAs<JsonElement>())
            .GetProperty("items").EnumerateArray()];

    public async Task<IReadOnlyList<JsonElement>> DeliveriesAsync(Guid subscription, string? state = null) =>
        [.. (await (await Http.GetAsync($"{Api}/subscriptions/{subscription}/deliveries?pageSize=100{(state is null ? "" : "&state=" + state)}"))
            .ReadAs<JsonElement>()).GetProperty("items").EnumerateArray()];

    /// <summary>Waits until the log has an attempt that matches.</summary>
    public Task<IReadOnlyList<JsonElement>> WaitForAttemptAsync(Guid subscription, Func<JsonElement, bool> matches, string what, int seconds = 30) =>
        Eventually.Until(() => AttemptsAsync(subscription), attempts => attempts.Any(matches), TimeSpan.FromSeconds(seconds), what);

    public static readonly string[] AllScopes = ["directory", "forum", "events", "knowledge", "partners"];

    /// <summary>A partner client staff created with <paramref name="scopes"/>, signed in with client credentials.</summary>
    public static async Task<PartnerClient> CreateAsync(NetworkUnderTest network, string name, params string[] scopes)
    {
        var created = await Identity.Partners.CreateAsync(network, name, scopes.Length == 0 ? AllScopes : scopes);
        var token = await Identity.Partners.ClientCredentialsAsync(network, created);
        return new PartnerClient(created.Id, created.ClientId, created.ContactEmail, network.Gateway.NewClient(token));
    }
}

public static class Webhooks
{
    /// <summary>Waits until the receiver has verified webhooks that match, at least <paramref name="count"/>.</summary>
    public static async Task<IReadOnlyList<ReceivedWebhook>> WaitForAsync(this PartnerReceiver receiver, Func<ReceivedWebhook, bool> matches,
        int count = 1, int seconds = 30, string? what = null)
    {
        await Eventually.Until(() => Task.FromResult(receiver.Received.Count(matches)), n => n >= count, TimeSpan.FromSeconds(seconds),
            $"{what ?? $"{count} webhook(s)"} at {receiver.Url} (rejected: {string.Join(" | ", receiver.Rejected.Take(5))})");
        return [.. receiver.Received.Where(matches)];
    }

    public static JsonElement Data(this ReceivedWebhook webhook) => Assert.IsType<JsonElement>(webhook.Event.Data);

    public static bool About(this ReceivedWebhook webhook, Guid subject) => webhook.Event.Subject == subject.ToString();

    public static Guid Id(this JsonElement json) => json.GetProperty("id").GetGuid();
}
