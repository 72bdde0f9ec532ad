using Marten.Schema;

namespace Network.Partners.Subscriptions;

public enum SubscriptionStatus { Active, Paused, Disabled }

/// <summary>
/// A signing secret (<c>whsec_</c> + base64 of 32 random bytes) as stored: <see cref="Secret"/> is encrypted
/// (<see cref="SecretProtection"/>); one that is being replaced has an end.
/// </summary>
public sealed record SigningSecret(string Secret, DateTimeOffset CreatedAt, DateTimeOffset? ValidUntil);

/// <summary>
/// A partner's webhook subscription: where to deliver, which event types, the signing secrets. Paused: deliveries are
/// queued and wait; Disabled (by the service: 410, or failing continuously; or never delivered again until resumed):
/// nothing is queued. <see cref="StartsAfter"/> is the feed position when it was created: it receives what comes later
/// (what came before can be replayed).
/// </summary>
[UseOptimisticConcurrency]
public sealed class WebhookSubscription
{
    public Guid Id { get; set; }
    /// <summary>The partner client's id (its tokens' subject).</summary>
    public string PartnerId { get; set; } = "";
    public string Url { get; set; } = "";
    public List<string> EventTypes { get; set; } = [];
    public string? Description { get; set; }
    /// <summary>The partner scopes (services) its token had when it created the subscription: it receives those services' events.</summary>
    public List<string> Scopes { get; set; } = [];
    public List<SigningSecret> Secrets { get; set; } = [];
    public SubscriptionStatus Status { get; set; }
    public string? DisabledReason { get; set; }
    public DateTimeOffset? DisabledAt { get; set; }
    public long StartsAfter { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset? DeletedAt { get; set; }

    /// <summary>Failed attempts since the last accepted one, and since when it has been failing.</summary>
    public int ConsecutiveFailures { get; set; }
    public DateTimeOffset? FailingSince { get; set; }

    public bool IsDeleted => DeletedAt is not null;

    /// <summary>The secrets that sign a delivery at <paramref name="now"/>, decrypted: the current one, and the previous one during its overlap.</summary>
    public IReadOnlyList<string> SecretsValidAt(DateTimeOffset now, SecretProtection protection) =>
        [.. Secrets.Where(s => s.ValidUntil is null || s.ValidUntil > now).Select(s => protection.Unprotect(s.Secret, Id))];

    /// <summary>A new signing secret, stored encrypted from <paramref name="now"/> on; the answer shows the plain one once.</summary>
    public string AddSecret(SecretProtection protection, DateTimeOffset now)
    {
        var secret = SigningSecrets.New();
        Secrets.Add(new SigningSecret(protection.Protect(secret, Id), now, null));
        return secret;
    }

    public bool Receives(string type, string service) =>
        !IsDeleted && Status != SubscriptionStatus.Disabled && Scopes.Contains(service) && EventTypeFilter.Matches(EventTypes, type);
}
