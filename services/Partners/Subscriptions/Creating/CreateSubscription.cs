using Marten;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using Network.Partners.Feed;
using Network.Partners.Safety;
using Network.Platform.Http;

namespace Network.Partners.Subscriptions.Creating;

/// <param name="Url">Where to POST the webhooks: https (http only in development), a host that is not internal.</param>
/// <param name="EventTypes">Catalogue types or wildcards: <c>network.directory.*</c>, <c>network.knowledge.item.published.v1</c>, <c>*</c>.</param>
public sealed record CreateSubscriptionRequest(string? Url, IReadOnlyList<string>? EventTypes, string? Description);

public static class CreateSubscription
{
    public const int MaxDescription = 500;

    /// <summary>
    /// POST /subscriptions: a partner subscribes to public events at a URL of its own. The URL is checked by the address
    /// guard now (its host's current addresses too) and again at every delivery. The answer carries the signing secret,
    /// once. The subscription receives the events recorded from now on, of the services the partner's token has scopes for.
    /// </summary>
    public static async Task<Created<SubscriptionResponse>> Handle(CreateSubscriptionRequest request, HttpContext http, IDocumentSession session,
        WebhookAddresses addresses, SecretProtection protection, IOptions<PartnersOptions> options, [FromKeyedServices(PartnersClock.Key)] TimeProvider clock,
        CancellationToken ct)
    {
        var caller = PartnerCaller.From(http.User);
        var validation = new Validation();
        var url = await ValidateUrlAsync(request.Url, addresses, validation, ct);
        var types = ValidateEventTypes(request.EventTypes, validation);
        validation.MaxLength("description", request.Description, MaxDescription);
        validation.ThrowIfInvalid();

        var existing = await session.Query<WebhookSubscription>().CountAsync(s => s.PartnerId == caller.Id && s.DeletedAt == null, ct);
        if (existing >= options.Value.MaxSubscriptionsPerPartner)
            throw new DomainRuleViolation($"A partner may have {options.Value.MaxSubscriptionsPerPartner} subscriptions; delete one first.",
                title: "Too many subscriptions");

        var now = clock.GetUtcNow();
        var subscription = new WebhookSubscription
        {
            Id = Guid.CreateVersion7(now), PartnerId = caller.Id, Url = url!.ToString(), EventTypes = types, Description = request.Description?.Trim(),
            Scopes = [.. caller.Services], Status = SubscriptionStatus.Active, CreatedAt = now,
            StartsAfter = await FeedPosition.LatestAsync(session, ct),
        };
        var secret = subscription.AddSecret(protection, now);
        session.Insert(subscription);
        await session.SaveChangesAsync(ct);
        http.Response.Headers.CacheControl = "no-store";
        return TypedResults.Created($"/subscriptions/{subscription.Id}", SubscriptionResponse.From(subscription, now, secret));
    }

    public static async Task<Uri?> ValidateUrlAsync(string? url, WebhookAddresses addresses, Validation validation, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(url))
        {
            validation.Add("url", "'url' is required.");
            return null;
        }
        if (addresses.RefuseUrl(url.Trim(), out var uri) is { } refused)
        {
            validation.Add("url", refused);
            return null;
        }
        if (await addresses.RefuseAsync(uri!, ct) is { } unsafeHost)
        {
            validation.Add("url", unsafeHost);
            return null;
        }
        return uri;
    }

    public static List<string> ValidateEventTypes(IReadOnlyList<string>? filters, Validation validation)
    {
        var types = filters?.Select(f => f?.Trim() ?? "").Distinct(StringComparer.Ordinal).ToList() ?? [];
        if (types.Count == 0) validation.Add("eventTypes", "Name at least one event type or wildcard, e.g. network.directory.*.");
        if (types.Count > EventTypeFilter.MaxFilters) validation.Add("eventTypes", $"At most {EventTypeFilter.MaxFilters} event type filters.");
        foreach (var type in types)
            if (EventTypeFilter.Refuse(type) is { } refused) validation.Add("eventTypes", refused);
        return types;
    }
}
