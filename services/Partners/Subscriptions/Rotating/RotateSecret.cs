using Marten;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;

namespace Network.Partners.Subscriptions.Rotating;

public static class RotateSecret
{
    /// <summary>
    /// POST /subscriptions/{id}/secret-rotation: a new signing secret, shown in this answer only. The previous one stays
    /// valid for the overlap (<c>Partners:SecretOverlap</c>, 24 h by default): meanwhile every delivery carries a signature
    /// by each, so the receiver can switch whenever it likes. A secret older than the previous one ends now.
    /// </summary>
    public static async Task<Ok<SubscriptionResponse>> Handle(Guid id, HttpContext http, IDocumentSession session, IOptions<PartnersOptions> options,
        SecretProtection protection, [FromKeyedServices(PartnersClock.Key)] TimeProvider clock, CancellationToken ct)
    {
        var subscription = await PartnerCaller.From(http.User).OwnAsync(session, id, ct);
        var now = clock.GetUtcNow();
        subscription.Secrets = [.. subscription.Secrets.Where(s => s.ValidUntil is null).Select(s => s with { ValidUntil = now + options.Value.SecretOverlap })];
        var secret = subscription.AddSecret(protection, now);
        session.Update(subscription);
        await session.SaveChangesAsync(ct);
        http.Response.Headers.CacheControl = "no-store";
        return TypedResults.Ok(SubscriptionResponse.From(subscription, now, secret));
    }
}
