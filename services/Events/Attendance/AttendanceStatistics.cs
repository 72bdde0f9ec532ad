using Marten;
using Network.Events.NetworkEvents;
using Network.Events.Registrations;
using Network.Events.Organisations;
using Network.Platform.Http;

namespace Network.Events.Attendance;

/// <summary>Registered (confirmed) and attended people in one group (an organisation kind or a federal state).</summary>
public sealed record AttendanceGroup(string Key, int Registered, int Attended);

public sealed record AttendanceStatisticsResponse(
    Guid? EventId, DateTimeOffset? From, DateTimeOffset? To, int Events, int Registered, int Attended, int NoShows, int Waitlisted,
    IReadOnlyList<AttendanceGroup> ByOrganisationKind, IReadOnlyList<AttendanceGroup> ByFederalState);

public static class AttendanceStatistics
{
    public const string NoOrganisation = "(none)";
    public const string Unknown = "(unknown)";

    /// <summary>Registered = confirmed registrations; no-shows = registered but not checked in; groups from the local KnownOrganisation copy.</summary>
    /// <param name="confirmed">the confirmed registrations of <paramref name="events"/>.</param>
    public static AttendanceStatisticsResponse Compute(Guid? eventId, DateTimeOffset? from, DateTimeOffset? to,
        IReadOnlyList<NetworkEvent> events, IReadOnlyList<Registration> confirmed, IReadOnlyDictionary<Guid, KnownOrganisation> organisations)
    {
        var attended = confirmed.Count(r => r.Attended);
        KnownOrganisation? Org(Registration r) => r.OrganisationId is { } id ? organisations.GetValueOrDefault(id) : null;
        string Kind(Registration r) => r.OrganisationId is null ? NoOrganisation : Org(r)?.Kind ?? Unknown;
        string State(Registration r) => r.OrganisationId is null ? NoOrganisation : Org(r)?.FederalState ?? Unknown;
        IReadOnlyList<AttendanceGroup> By(Func<Registration, string> key) =>
            [.. confirmed.GroupBy(key).OrderBy(g => g.Key, StringComparer.Ordinal)
                .Select(g => new AttendanceGroup(g.Key, g.Count(), g.Count(r => r.Attended)))];
        return new(eventId, from, to, events.Count, confirmed.Count, attended, confirmed.Count - attended,
            events.Sum(e => e.WaitingCount), By(Kind), By(State));
    }

    /// <summary>The events' confirmed registrations and the organisations they act for, then the figures.</summary>
    static async Task<AttendanceStatisticsResponse> ComputeAsync(Guid? eventId, DateTimeOffset? from, DateTimeOffset? to,
        IReadOnlyList<NetworkEvent> events, IQuerySession session, CancellationToken ct)
    {
        var eventIds = events.Select(e => e.Id).ToArray();
        var confirmed = eventIds.Length == 0 ? [] : await session.Query<Registration>()
            .Where(r => r.EventId.IsOneOf(eventIds) && r.Status == RegistrationStatus.Confirmed).ToListAsync(ct);
        var ids = confirmed.Select(r => r.OrganisationId).OfType<Guid>().Distinct().ToArray();
        var organisations = ids.Length == 0 ? new Dictionary<Guid, KnownOrganisation>()
            : (await session.LoadManyAsync<KnownOrganisation>(ct, ids)).ToDictionary(o => o.Id);
        return Compute(eventId, from, to, events, confirmed, organisations);
    }

    /// <summary>GET /events/{id}/statistics: staff only.</summary>
    public static async Task<IResult> ForEvent(Guid id, IQuerySession session, CancellationToken ct)
    {
        var e = await session.LoadAsync<NetworkEvent>(id, ct) ?? throw new ResourceNotFound("Event", id);
        return Results.Ok(await ComputeAsync(id, null, null, [e], session, ct));
    }

    /// <summary>GET /statistics/events?from=&amp;to=: staff only; events starting in [from, to), drafts and cancelled ones left out.</summary>
    public static async Task<IResult> ForPeriod(DateTimeOffset? from, DateTimeOffset? to, IQuerySession session, CancellationToken ct)
    {
        var v = new Validation();
        if (from is null) v.Add("from", "'from' is required (e.g. 2027-01-01T00:00:00+01:00).");
        if (to is null) v.Add("to", "'to' is required.");
        if (from is not null && to is not null && to <= from) v.Add("to", "'to' must be after 'from'.");
        if (from is not null && to is not null && to - from > TimeSpan.FromDays(3700)) v.Add("to", "The period must not exceed ten years.");
        v.ThrowIfInvalid();
        var events = await session.Query<NetworkEvent>()
            .Where(e => e.Start >= from!.Value && e.Start < to!.Value && e.Status != EventStatus.Draft && e.Status != EventStatus.Cancelled)
            .ToListAsync(ct);
        return Results.Ok(await ComputeAsync(null, from, to, events, session, ct));
    }
}
