using Marten;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Network.Platform.Auth;
using Network.Platform.Http;

namespace Network.Events.NetworkEvents.Viewing;

public static class ListEvents
{
    /// <summary>
    /// GET /events?kind=&amp;municipalityAgs=&amp;from=&amp;to=&amp;page=&amp;pageSize=: what was published for the public,
    /// everything for staff; ordered by start. from/to select events that overlap the period.
    /// </summary>
    public static async Task<Ok<Page<EventResponse>>> Handle(
        HttpContext http, IQuerySession session, [FromQuery] EventKind? kind, [FromQuery] string? municipalityAgs,
        [FromQuery] DateTimeOffset? from, [FromQuery] DateTimeOffset? to, [FromQuery] int? page, [FromQuery] int? pageSize,
        CancellationToken ct)
    {
        var v = new Validation();
        var (p, size) = Paging.Validate(page, pageSize, v);
        if (from is not null && to is not null && to < from) v.Add("to", "'to' must not be before 'from'.");
        v.ThrowIfInvalid();

        IQueryable<NetworkEvent> query = session.Query<NetworkEvent>();
        if (!http.User.IsStaff()) query = query.Where(e => e.WasPublished);
        if (kind is { } k) query = query.Where(e => e.Kind == k);
        if (!string.IsNullOrWhiteSpace(municipalityAgs)) query = query.Where(e => e.MunicipalityAgs == municipalityAgs);
        if (from is { } f) query = query.Where(e => e.End >= f);
        if (to is { } t) query = query.Where(e => e.Start <= t);

        var events = await query.OrderBy(e => e.Start).ThenBy(e => e.Id).ToPageAsync((p, size), ct);
        return TypedResults.Ok(events.Map(EventResponse.From));
    }
}
