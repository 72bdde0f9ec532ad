using Marten;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Network.Partners.Subscriptions.Deleting;

public static class DeleteSubscription
{
    /// <summary>
    /// DELETE /subscriptions/{id}: nothing more is sent or queued, its secrets are forgotten; the delivery log stays with the
    /// service (the record is kept as deleted, so its id is never reused).
    /// </summary>
    public static async Task<NoContent> Handle(Guid id, HttpContext http, IDocumentSession session, [FromKeyedServices(PartnersClock.Key)] TimeProvider clock, CancellationToken ct)
    {
        var subscription = await PartnerCaller.From(http.User).OwnAsync(session, id, ct);
        subscription.DeletedAt = clock.GetUtcNow();
        subscription.Secrets = [];
        session.Update(subscription);
        await session.SaveChangesAsync(ct);
        return TypedResults.NoContent();
    }
}
