namespace Network.Contracts.Partners;

/// <summary>
/// The Partners service stopped delivering to a partner's webhook subscription: its receiver answered 410 Gone, or every
/// attempt failed for too long. The Identity service, which holds the partner's contact address (Partners holds none), mails
/// the contact. Sent once per disabling; a subscription the partner resumes and that is disabled again is a second notice.
/// </summary>
/// <param name="PartnerClientId">The partner client's OAuth client id (its tokens' subject).</param>
/// <param name="Url">The subscription's receiver address, for the partner's people to recognise it.</param>
/// <param name="Reason">Why, in words (e.g. "The receiver answered 410 Gone ...").</param>
/// <param name="ResumeLink">The partner API's address that resumes the subscription (POST with the partner's token).</param>
public sealed record PartnerSubscriptionDisabled(
    Guid SubscriptionId,
    string PartnerClientId,
    string Url,
    string Reason,
    string ResumeLink,
    DateTimeOffset DisabledAt);
