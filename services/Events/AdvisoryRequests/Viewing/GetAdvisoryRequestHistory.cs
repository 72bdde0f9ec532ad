using Marten;
using Microsoft.AspNetCore.Http.HttpResults;
using Network.Platform.Http;

namespace Network.Events.AdvisoryRequests.Viewing;

/// <summary>One step of a request: what happened, who did it (the actor's subject) and when.</summary>
public sealed record AdvisoryRequestHistoryEntry(long Version, DateTimeOffset At, string By, string Change, string Summary);

public static class GetAdvisoryRequestHistory
{
    public static IReadOnlyList<AdvisoryRequestHistoryEntry> Describe(IEnumerable<object> events)
    {
        var entries = new List<AdvisoryRequestHistoryEntry>();
        long version = 0;
        foreach (var e in events)
        {
            version++;
            AdvisoryRequestHistoryEntry? entry = e switch
            {
                AdvisoryRequestReceived r => new(version, r.At, r.By, "Received",
                    $"{r.Kind} requested on '{r.Topic}' for municipality {r.MunicipalityAgs}."),
                AdvisoryRequestAccepted a => new(version, a.At, a.By, "Accepted", "Accepted."),
                AdvisoryRequestDeclined d => new(version, d.At, d.By, "Declined", $"Declined: {d.Reason}"),
                AdviserAssigned a => new(version, a.At, a.By, "AdviserAssigned", $"Adviser: {a.Adviser.Name}."),
                AdvisorySessionScheduled s => new(version, s.At, s.By, "Scheduled",
                    $"Session from {s.Session.Start:yyyy-MM-dd HH:mm zzz} to {s.Session.End:yyyy-MM-dd HH:mm zzz}" +
                    (s.Session.Venue is { } venue ? $" at {venue}" : "") + (s.Session.OnlineLink is { } link ? $" online: {link}" : "") + "."),
                AdvisoryRequestClosed c => new(version, c.At, c.By, "Closed", $"Closed: {c.Summary}"),
                _ => null,
            };
            if (entry is not null) entries.Add(entry);
        }
        return entries;
    }

    /// <summary>GET /advisory-requests/{id}/history: the requester and staff (403 for anybody else).</summary>
    public static async Task<Ok<IReadOnlyList<AdvisoryRequestHistoryEntry>>> Handle(
        Guid id, HttpContext http, IQuerySession session, CancellationToken ct)
    {
        var request = await session.LoadAsync<AdvisoryRequest>(id, ct) ?? throw new ResourceNotFound("Advisory request", id);
        AdvisoryRequestAccess.Ensure(http.User, request);
        var events = await session.Events.FetchStreamAsync(id, token: ct);
        return TypedResults.Ok(Describe(events.OrderBy(e => e.Version).Select(e => e.Data)));
    }
}
