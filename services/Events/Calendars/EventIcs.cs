using Marten;
using Network.Events.NetworkEvents;
using Network.Platform.Http;
using Network.Platform.Time;

namespace Network.Events.Calendars;

public static class EventIcs
{
    /// <summary>
    /// GET /events/{id}.ics: public for every event that was published (others are 404, as for GET /events/{id}). The ETag is the
    /// event's version (the file only changes with the event); If-None-Match with it is a 304. Saved as
    /// "&lt;title&gt;-&lt;first day&gt;.ics" (see <see cref="FileName"/>).
    /// </summary>
    public static async Task<IResult> Handle(Guid id, HttpContext http, IQuerySession session, TimeProvider clock, CancellationToken ct)
    {
        var e = await session.LoadAsync<NetworkEvent>(id, ct);
        if (e is null || !e.WasPublished) throw new ResourceNotFound("Event", id);
        if (http.ClientHasCurrentCopy(ETags.For(e.Version))) return Results.StatusCode(StatusCodes.Status304NotModified);
        var text = EventCalendar.Serialize([e], clock.GetUtcNow(), e.Title.De ?? e.Title.En ?? "Event");
        DownloadNames.Announce(http.Response, FileName(e));
        return Results.Text(text, EventCalendar.ContentType);
    }

    public static string FileName(NetworkEvent e) => $"{FileStem(e)}.ics";

    /// <summary>"bundeskonferenz-kommunale-entwicklungspolitik-2027-03-14": the title and the first day in Berlin (files of the event are named by it).</summary>
    public static string FileStem(NetworkEvent e) =>
        $"{DownloadNames.Slug(e.Title.De ?? e.Title.En, "event")}-{BerlinTime.WallClock(e.Start):yyyy-MM-dd}";
}
