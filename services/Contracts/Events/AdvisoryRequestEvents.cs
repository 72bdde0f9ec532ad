namespace Network.Contracts.Events;

// Integration events the Events service publishes about advisory and training requests. Additive changes only.
// Version is the request stream's version after the change. The requester's free text (what they need) and their
// identity stay in the Events service; partners learn what was asked for, where, and how it ended.

/// <param name="Kind"><c>Advice</c> or <c>Training</c>.</param>
/// <param name="MunicipalityAgs">The municipality's 8-digit official key (Amtlicher Gemeindeschlüssel).</param>
public sealed record AdvisoryRequestReceived(
    Guid RequestId,
    string Topic,
    string Kind,
    string MunicipalityAgs,
    Guid? OrganisationId,
    long Version,
    DateTimeOffset ReceivedAt);

/// <summary>A session was scheduled (or rescheduled: the same request again with a higher version).</summary>
public sealed record AdvisoryRequestScheduled(
    Guid RequestId,
    DateTimeOffset Start,
    DateTimeOffset End,
    string? MunicipalityAgs,
    bool Online,
    long Version,
    DateTimeOffset ScheduledAt);

/// <param name="Outcome"><c>Completed</c> (closed with a summary after its session) or <c>Declined</c> (at triage).</param>
/// <param name="Summary">The outcome summary, or the reason it was declined.</param>
public sealed record AdvisoryRequestClosed(
    Guid RequestId,
    string Outcome,
    string Summary,
    long Version,
    DateTimeOffset ClosedAt);
