using Marten;
using Microsoft.AspNetCore.Http.HttpResults;
using Network.Platform.Http;

namespace Network.Partners.Subscriptions.Viewing;

public static class ListSubscriptions
{
    /// <summary>GET /subscriptions: the calling partner's subscriptions, oldest first, paged (no secrets).</summary>
    public static async Task<Ok<Page<SubscriptionResponse>>> Handle(int? page, int? pageSize, HttpContext http, IQuerySession session,
        [FromKeyedServices(PartnersClock.Key)] TimeProvider clock, CancellationToken ct)
    {
        var caller = PartnerCaller.From(http.User);
        var validation = new Validation();
        var paging = Paging.Validate(page, pageSize, validation);
        validation.ThrowIfInvalid();
        var subscriptions = await session.Query<WebhookSubscription>()
            .Where(s => s.PartnerId == caller.Id && s.DeletedAt == null)
            .OrderBy(s => s.CreatedAt).ThenBy(s => s.Id)
            .ToPageAsync(paging, ct);
        var now = clock.GetUtcNow();
        return TypedResults.Ok(subscriptions.Map(s => SubscriptionResponse.From(s, now)));
    }

    /// <summary>GET /subscriptions/{id}: one of the calling partner's subscriptions, with its state and health (no secret).</summary>
    public static async Task<Ok<SubscriptionResponse>> HandleOne(Guid id, HttpContext http, IQuerySession session, [FromKeyedServices(PartnersClock.Key)] TimeProvider clock, CancellationToken ct) =>
        TypedResults.Ok(SubscriptionResponse.From(await PartnerCaller.From(http.User).OwnAsync(session, id, ct), clock.GetUtcNow()));
}
