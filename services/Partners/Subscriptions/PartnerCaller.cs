using System.Security.Claims;
using Marten;
using Network.Partners.Catalogue;
using Network.Platform.Auth;
using Network.Platform.Http;

namespace Network.Partners.Subscriptions;

/// <summary>
/// The partner system calling, from its token: its client id (the subject) and the services whose public events it may
/// see, which are the API scopes (audiences) staff granted it among the services of the catalogue.
/// </summary>
public sealed record PartnerCaller(string Id, IReadOnlyList<string> Services)
{
    public static PartnerCaller From(ClaimsPrincipal user)
    {
        var granted = user.FindAll("aud").Select(c => c.Value)
            .Concat(user.FindAll("scope").SelectMany(c => c.Value.Split(' ', StringSplitOptions.RemoveEmptyEntries)))
            .ToHashSet(StringComparer.Ordinal);
        return new PartnerCaller(user.FindFirstValue(NetworkClaims.Subject) ?? throw new Forbidden("The token names no partner."),
            [.. PublicEvents.Services.Where(granted.Contains)]);
    }

    /// <summary>The caller's own subscription; another partner's, or a deleted one, is not found (never a 403 that tells it exists).</summary>
    public async Task<WebhookSubscription> OwnAsync(IQuerySession session, Guid id, CancellationToken ct) =>
        await session.LoadAsync<WebhookSubscription>(id, ct) is { DeletedAt: null } subscription && subscription.PartnerId == Id
            ? subscription
            : throw new ResourceNotFound("Subscription", id);
}
