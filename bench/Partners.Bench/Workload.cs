using System.Net.Http.Json;
using System.Text.Json;
using MassTransit;
using Network.Contracts.Directory;
using Network.Partners.Catalogue;
using Network.Partners.Delivery;
using Network.Partners.Feed;
using Network.Tests.Hosting;

namespace Network.Bench.Partners;

/// <summary>A partner of the bench: its receiver, the signing secret its subscription was given, and its client of the Partners API (its token).</summary>
public sealed record BenchPartner(WebhookReceiver Receiver, Guid SubscriptionId, string Secret, HttpClient Api) : IDisposable
{
    /// <summary>POST /subscriptions/{id}/pause or /resume, as the partner.</summary>
    public async Task ChangeAsync(string change)
    {
        using var response = await Api.PostAsync($"/subscriptions/{SubscriptionId}/{change}", null);
        response.EnsureSuccessStatusCode();
    }

    public void Dispose() => Api.Dispose();
}

/// <summary>
/// The bench's partners, set up as a partner does it: staff create a partner client with the directory and partners
/// scopes at the sign-in provider, the partner signs in with client credentials and subscribes its receiver to
/// organisation registrations through the Partners API (which checks the URL and returns the secret once).
/// </summary>
public static class BenchPartners
{
    public const string EventType = "network.directory.organisation.registered.v1";

    public static async Task<BenchPartner> SubscribeAsync(IdentityUnderTest identity, ServiceUnderTest<Network.Partners.PartnersOptions> service,
        WebhookReceiver receiver)
    {
        using var staff = identity.Service.NewClient(identity.StaffToken);
        var created = await Read(await staff.PostAsJsonAsync("/partners",
            new { name = $"Bench partner {receiver.Index + 1}", scopes = new[] { "directory", "partners" }, contactEmail = $"bench-{receiver.Index + 1}@partner.example" }));
        var clientId = created.GetProperty("clientId").GetString()!;
        var clientSecret = created.GetProperty("clientSecret").GetString()!;
        var basic = Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes($"{Uri.EscapeDataString(clientId)}:{Uri.EscapeDataString(clientSecret)}"));
        var token = (await Read(await identity.RequestTokenAsync(new Dictionary<string, string?> { ["grant_type"] = "client_credentials" }, basic)))
            .GetProperty("access_token").GetString()!;
        var partner = service.NewClient(token);
        var subscription = await Read(await partner.PostAsJsonAsync("/subscriptions",
            new { url = receiver.ServiceUrl.ToString(), eventTypes = new[] { EventType }, description = "bench receiver" }));
        return new BenchPartner(receiver, subscription.GetProperty("id").GetGuid(), subscription.GetProperty("secret").GetString()!, partner);
    }

    static async Task<JsonElement> Read(HttpResponseMessage response)
    {
        using (response)
        {
            var body = await response.Content.ReadAsStringAsync();
            if (!response.IsSuccessStatusCode)
                throw new InvalidOperationException($"{response.RequestMessage?.Method} {response.RequestMessage?.RequestUri}: {(int)response.StatusCode} {body}");
            return JsonDocument.Parse(body).RootElement.Clone();
        }
    }
}

/// <summary>One public event of the bench: the Directory's integration message and when the bench published it.</summary>
public sealed class BenchEvent(Guid messageId, OrganisationRegistered message)
{
    public Guid MessageId { get; } = messageId;
    public string WebhookId { get; } = messageId.ToString();
    public OrganisationRegistered Message { get; } = message;
    public DateTimeOffset PublishedAt { get; set; }

    /// <summary>An organisation registration as the Directory publishes it (a full public profile), each about a new organisation.</summary>
    public static BenchEvent New(int i)
    {
        var now = DateTimeOffset.UtcNow;
        return new BenchEvent(Guid.CreateVersion7(now), new OrganisationRegistered(Guid.CreateVersion7(now), FormattableString.Invariant($"Verein Bench {i:00000} e. V."),
            "MigrantOrganisation", "05314000", "Bildungsarbeit und Begegnung in Bonn", 1, now, "NW", ["education", "climate-justice"], ["GH", "TG"],
            ["de", "en", "fr"], [4, 13], "Public", "Wir verbinden Menschen.", "We connect people.", "https://example.org/verein"));
    }

    /// <summary>
    /// The webhook body the service sends for this event at feed position <paramref name="position"/>: the feed event as the
    /// consumer records it (the catalogue's payload and link) encoded by the sender (CloudEvents structured mode). The
    /// raw baseline posts these bytes, so both paths carry bodies of the same size.
    /// </summary>
    public byte[] Body(long position, string publicApiAddress)
    {
        var type = PublicEvents.For(typeof(OrganisationRegistered));
        var facts = type.Describe(Message);
        var data = JsonSerializer.SerializeToElement(facts.Payload, type.Payload, PublicEventsConsumer.PayloadJson);
        var feedEvent = new PartnerEvent(MessageId, type.Type, type.Service, facts.Subject, facts.SourceVersion, facts.OccurredAt, data,
            publicApiAddress + facts.ApiPath);
        return PublicCloudEvents.Encode(PublicCloudEvents.From(feedEvent, position)).Body;
    }

    /// <summary>Published as the Directory's outbox publishes (its Marten event id as the message id), stamped now.</summary>
    public Task PublishAsync(IBus bus)
    {
        PublishedAt = DateTimeOffset.UtcNow;
        return bus.Publish(Message with { RegisteredAt = PublishedAt }, context => context.MessageId = MessageId);
    }
}
