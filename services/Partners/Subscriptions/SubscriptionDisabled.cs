namespace Network.Partners.Subscriptions;

/// <summary>
/// Marten event on the subscription's own stream, appended in the transaction that disabled it (410, or failing for too long):
/// the outbox publishes it, and the Identity service mails the partner's contact. The feed's fan-out reads only
/// <see cref="Feed.PartnerEvent"/>s, so this never reaches a partner's feed.
/// </summary>
/// <param name="ResumeLink">Where the partner resumes it (the gateway's address of POST /subscriptions/{id}/resume).</param>
public sealed record SubscriptionDisabled(Guid SubscriptionId, string PartnerId, string Url, string Reason, string ResumeLink, DateTimeOffset At);
