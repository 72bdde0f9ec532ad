using Marten;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Network.Partners.Subscriptions.Pausing;

public static class PauseSubscription
{
    /// <summary>
    /// POST /subscriptions/{id}/pause: nothing is sent until it is resumed; the events meanwhile are queued for it (in order)
    /// and sent after the resume. Pausing a paused one changes nothing.
    /// </summary>
    public static Task<Ok<SubscriptionResponse>> Pause(Guid id, HttpContext http, IDocumentSession session, [FromKeyedServices(PartnersClock.Key)] TimeProvider clock, CancellationToken ct) =>
        ChangeAsync(id, http, session, clock, s =>
        {
            if (s.Status == SubscriptionStatus.Active) s.Status = SubscriptionStatus.Paused;
        }, ct);

    /// <summary>
    /// POST /subscriptions/{id}/resume: a paused subscription, or one the service disabled (410, failing continuously), is
    /// active again; what was queued is sent, and its failure count starts anew.
    /// </summary>
    public static Task<Ok<SubscriptionResponse>> Resume(Guid id, HttpContext http, IDocumentSession session, [FromKeyedServices(PartnersClock.Key)] TimeProvider clock, CancellationToken ct) =>
        ChangeAsync(id, http, session, clock, s =>
        {
            s.Status = SubscriptionStatus.Active;
            s.DisabledReason = null;
            s.DisabledAt = null;
            s.ConsecutiveFailures = 0;
            s.FailingSince = null;
        }, ct);

    static async Task<Ok<SubscriptionResponse>> ChangeAsync(Guid id, HttpContext http, IDocumentSession session, [FromKeyedServices(PartnersClock.Key)] TimeProvider clock,
        Action<WebhookSubscription> change, CancellationToken ct)
    {
        var subscription = await PartnerCaller.From(http.User).OwnAsync(session, id, ct);
        change(subscription);
        session.Update(subscription);
        await session.SaveChangesAsync(ct);
        return TypedResults.Ok(SubscriptionResponse.From(subscription, clock.GetUtcNow()));
    }
}
