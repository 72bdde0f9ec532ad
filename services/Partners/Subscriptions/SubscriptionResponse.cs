namespace Network.Partners.Subscriptions;

/// <param name="Secret">Only in the answers that made it (creation, rotation): it is never shown again.</param>
/// <param name="PreviousSecretValidUntil">During a rotation: until when the previous secret still signs every delivery too.</param>
public sealed record SubscriptionResponse(Guid Id, string Url, IReadOnlyList<string> EventTypes, string? Description, IReadOnlyList<string> Services,
    SubscriptionStatus Status, string? DisabledReason, DateTimeOffset? DisabledAt, DateTimeOffset CreatedAt, int ConsecutiveFailures,
    DateTimeOffset? FailingSince, DateTimeOffset? PreviousSecretValidUntil, string? Secret = null)
{
    public static SubscriptionResponse From(WebhookSubscription s, DateTimeOffset now, string? secret = null) =>
        new(s.Id, s.Url, s.EventTypes, s.Description, s.Scopes, s.Status, s.DisabledReason, s.DisabledAt, s.CreatedAt, s.ConsecutiveFailures,
            s.FailingSince, s.Secrets.Where(x => x.ValidUntil > now).Select(x => x.ValidUntil).Max(), secret);
}
