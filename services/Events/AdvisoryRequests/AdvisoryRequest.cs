using Network.Platform.Aggregates;

namespace Network.Events.AdvisoryRequests;

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
    AdvisoryRequestStatus Status) : IAggregate<AdvisoryRequest>
{
    /// <summary>The stream version (set by Marten): the ETag.</summary>
    public long Version { get; set; }

    public string? DeclineReason { get; init; }
    public Adviser? Adviser { get; init; }
    public ScheduledSession? Session { get; init; }
    public string? OutcomeSummary { get; init; }
    public DateTimeOffset? ClosedAt { get; init; }

    /// <summary>The one fold of a request: the state after <paramref name="event"/> (null before the stream's first).</summary>
    public static AdvisoryRequest? When(AdvisoryRequest? state, object @event) => (state, @event) switch
    {
        (_, AdvisoryRequestReceived e) => new AdvisoryRequest(
            e.RequestId, e.Topic, e.Kind, e.MunicipalityAgs, e.OrganisationId, e.PreferredDates, e.Needs, e.By, e.At,
            AdvisoryRequestStatus.Received),
        (null, _) => null,
        (_, AdvisoryRequestAccepted) => state with { Status = AdvisoryRequestStatus.Accepted },
        (_, AdvisoryRequestDeclined e) => state with { Status = AdvisoryRequestStatus.Declined, DeclineReason = e.Reason, ClosedAt = e.At },
        (_, AdviserAssigned e) => state with { Adviser = e.Adviser },
        (_, AdvisorySessionScheduled e) => state with { Status = AdvisoryRequestStatus.Scheduled, Session = e.Session },
        (_, AdvisoryRequestClosed e) => state with { Status = AdvisoryRequestStatus.Closed, OutcomeSummary = e.Summary, ClosedAt = e.At },
        _ => state,
    };
}
