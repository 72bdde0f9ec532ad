namespace Network.Events.AdvisoryRequests;

/// <summary>What can happen to an advisory request: the events of its stream, all marked so its snapshot takes only these.</summary>
public interface IAdvisoryRequestEvent;

// Domain events of an advisory request's stream: past tense, carrying who (the actor's subject) and when.
public sealed record AdvisoryRequestReceived(
    Guid RequestId, string Topic, AdvisoryKind Kind, string MunicipalityAgs, Guid? OrganisationId,
    IReadOnlyList<DateOnly> PreferredDates, string Needs, string By, DateTimeOffset At) : IAdvisoryRequestEvent;

public sealed record AdvisoryRequestAccepted(Guid RequestId, string By, DateTimeOffset At) : IAdvisoryRequestEvent;

public sealed record AdvisoryRequestDeclined(Guid RequestId, string Reason, string By, DateTimeOffset At) : IAdvisoryRequestEvent;

public sealed record AdviserAssigned(Guid RequestId, Adviser Adviser, string By, DateTimeOffset At) : IAdvisoryRequestEvent;

public sealed record AdvisorySessionScheduled(Guid RequestId, ScheduledSession Session, string By, DateTimeOffset At) : IAdvisoryRequestEvent;

public sealed record AdvisoryRequestClosed(Guid RequestId, string Summary, string By, DateTimeOffset At) : IAdvisoryRequestEvent;
