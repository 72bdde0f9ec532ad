using System.Text.RegularExpressions;

namespace Network.Events.AdvisoryRequests;

/// <summary>Free advice (a consultation) or a training for the requester's people.</summary>
public enum AdvisoryKind { Advice, Training }

/// <summary>Received -> Accepted (adviser assigned) -> Scheduled -> Closed, or Received/Accepted -> Declined.</summary>
public enum AdvisoryRequestStatus { Received, Accepted, Declined, Scheduled, Closed }

/// <summary>Who gives the advice: a name, and the staff subject when the adviser is a staff member with an account.</summary>
public sealed record Adviser(string Name, string? Subject);

/// <summary>
/// When and where the session takes place: a venue (with its municipality) or an online link, or both; and the event
/// (kind AdvisorySession or Training) it became, when it had an organiser.
/// </summary>
public sealed record ScheduledSession(
    DateTimeOffset Start, DateTimeOffset End, string? Venue, string? MunicipalityAgs, string? OnlineLink, Guid? EventId = null);

// Domain events of an advisory request's stream: past tense, carrying who (the actor's subject) and when.
public sealed record AdvisoryRequestReceived(
    Guid RequestId, string Topic, AdvisoryKind Kind, string MunicipalityAgs, Guid? OrganisationId,
    IReadOnlyList<DateOnly> PreferredDates, string Needs, string By, DateTimeOffset At);

public sealed record AdvisoryRequestAccepted(Guid RequestId, string By, DateTimeOffset At);

public sealed record AdvisoryRequestDeclined(Guid RequestId, string Reason, string By, DateTimeOffset At);

public sealed record AdviserAssigned(Guid RequestId, Adviser Adviser, string By, DateTimeOffset At);

public sealed record AdvisorySessionScheduled(Guid RequestId, ScheduledSession Session, string By, DateTimeOffset At);

public sealed record AdvisoryRequestClosed(Guid RequestId, string Summary, string By, DateTimeOffset At);

/// <summary>
/// A request for advice or a training as its events built it; kept inline as the read model the API serves.
/// <see cref="RequestedBy"/> (the token subject who asked) and staff are the only ones who may see it.
/// </summary>
public sealed record AdvisoryRequest(
    Guid Id,
    string Topic,
    AdvisoryKind Kind,
    string MunicipalityAgs,
    Guid? OrganisationId,
    IReadOnlyList<DateOnly> PreferredDates,
    string Needs,
    string RequestedBy,
    DateTimeOffset RequestedAt,
    AdvisoryRequestStatus Status)
{
    /// <summary>The stream version (set by Marten): the ETag.</summary>
    public long Version { get; set; }

    public string? DeclineReason { get; init; }
    public Adviser? Adviser { get; init; }
    public ScheduledSession? Session { get; init; }
    public string? OutcomeSummary { get; init; }
    public DateTimeOffset? ClosedAt { get; init; }

    public static AdvisoryRequest Create(AdvisoryRequestReceived e) => new(
        e.RequestId, e.Topic, e.Kind, e.MunicipalityAgs, e.OrganisationId, e.PreferredDates, e.Needs, e.By, e.At,
        AdvisoryRequestStatus.Received);

    public AdvisoryRequest Apply(AdvisoryRequestAccepted e) => this with { Status = AdvisoryRequestStatus.Accepted };

    public AdvisoryRequest Apply(AdvisoryRequestDeclined e) =>
        this with { Status = AdvisoryRequestStatus.Declined, DeclineReason = e.Reason, ClosedAt = e.At };

    public AdvisoryRequest Apply(AdviserAssigned e) => this with { Adviser = e.Adviser };

    public AdvisoryRequest Apply(AdvisorySessionScheduled e) => this with { Status = AdvisoryRequestStatus.Scheduled, Session = e.Session };

    public AdvisoryRequest Apply(AdvisoryRequestClosed e) =>
        this with { Status = AdvisoryRequestStatus.Closed, OutcomeSummary = e.Summary, ClosedAt = e.At };
}

/// <summary>Limits and formats shared by the advisory request use cases.</summary>
public static partial class AdvisoryRules
{
    public const int MaxTopicLength = 200;
    public const int MaxTextLength = 4000;
    public const int MaxReasonLength = 1000;
    public const int MaxNameLength = 200;
    public const int MaxPreferredDates = 10;

    public static bool IsWebLink(string? value) => Network.Platform.Http.WebAddresses.IsValid(value);
}
