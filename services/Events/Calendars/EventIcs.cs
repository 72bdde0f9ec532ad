using Marten;
using Network.Events.NetworkEvents;
using Network.Platform.Http;

namespace Network.Events.Calendars;

public static class EventIcs
{
    /// <summary>
    /// GET /events/{id}.ics: public for every event that was published (others are 404, as for GET /events/{id}). The ETag is the
    /// event's version (the file only changes with the event); If-None-Match with it is a 304.
    /// </summary>
    public static async Task<IResult> Handle(Guid id, HttpContext http, IQuerySession session, TimeProvider clock, CancellationToken ct)
    {
        var e = await session.LoadAsync<NetworkEvent>(id, ct);
        if (e is null || !e.WasPublished) throw new ResourceNotFound("Event", id);
        if (http.ClientHasCurrentCopy(ETags.For(e.Version))) return Results.StatusCode(StatusCodes.Status304NotModified);
        var text = EventCalendar.Serialize([e], clock.GetUtcNow(), e.Title.De ?? e.Title.En ?? "Event");
        return Results.Text(text, EventCalendar.ContentType);
    }
}
