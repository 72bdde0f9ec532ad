namespace Network.Events.AdvisoryRequests;

/// <summary>
/// When and where the session takes place: a venue (with its municipality) or an online link, or both; and the event
/// (kind AdvisorySession or Training) it became, when it had an organiser.
/// </summary>
public sealed record ScheduledSession(
    DateTimeOffset Start, DateTimeOffset End, string? Venue, string? MunicipalityAgs, string? OnlineLink, Guid? EventId = null);
