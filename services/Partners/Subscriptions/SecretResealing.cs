using JasperFx;
using Marten;

namespace Network.Partners.Subscriptions;

/// <summary>
/// Once at start: every signing secret not encrypted under the current key (one under a previous key, or one stored before
/// encryption) is encrypted under it, so a replaced key can be dropped from <c>Partners:PreviousSecretsKeys</c> after one
/// start with the new one. A subscription another replica or the partner changed meanwhile is left for the next start.
/// </summary>
public sealed class SecretResealing(IDocumentStore store, SecretProtection protection, ILogger<SecretResealing> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stopping)
    {
        try
        {
            var resealed = await ResealAsync(store, protection, stopping);
            if (resealed > 0) logger.LogInformation("Re-encrypted the signing secrets of {Count} subscriptions under key {KeyId}.", resealed, protection.CurrentKeyId);
        }
        catch (Exception e) when (!stopping.IsCancellationRequested)
        {
            logger.LogWarning(e, "Re-encrypting the signing secrets failed; they are tried again at the next start.");
        }
    }

    public static async Task<int> ResealAsync(IDocumentStore store, SecretProtection protection, CancellationToken ct)
    {
        await using var query = store.QuerySession();
        // Subscriptions are few (at most Partners:MaxSubscriptionsPerPartner per partner); the JSON check happens here.
        var all = await query.Query<WebhookSubscription>().Where(s => s.DeletedAt == null).ToListAsync(ct);
        var resealed = 0;
        foreach (var id in all.Where(s => s.Secrets.Any(x => !protection.IsCurrent(x.Secret))).Select(s => s.Id))
        {
            // Loaded again by the session that writes it, which so knows the version it read (optimistic concurrency).
            await using var session = store.LightweightSession();
            if (await session.LoadAsync<WebhookSubscription>(id, ct) is not { } stale) continue;
            stale.Secrets = [.. stale.Secrets.Select(x => protection.IsCurrent(x.Secret) ? x
                : x with { Secret = protection.Protect(protection.Unprotect(x.Secret, stale.Id), stale.Id) })];
            session.Update(stale);
            try
            {
                await session.SaveChangesAsync(ct);
                resealed++;
            }
            catch (ConcurrencyException)
            {
                // changed meanwhile (a rotation writes under the current key anyway)
            }
        }
        return resealed;
    }
}
