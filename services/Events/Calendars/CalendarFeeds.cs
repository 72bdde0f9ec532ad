using Marten;
using Network.Events.NetworkEvents;
using Network.Events.Registrations;
using Network.Platform.Auth;
using Network.Platform.Http;

namespace Network.Events.Calendars;

/// <summary>A person's secret feed: only the SHA-256 hash of the token is stored; one feed per person (Id = token subject).</summary>
public sealed class CalendarFeed
{
    public string Id { get; set; } = "";
    public string TokenHash { get; set; } = "";
    public DateTimeOffset CreatedAt { get; set; }
}

public sealed record CalendarFeedResponse(string Url, DateTimeOffset CreatedAt);

public static class CalendarFeeds
{
    /// <summary>What a browser saves the feed as (calendar apps that subscribe to the address do not ask).</summary>
    public const string FeedFileName = "network-meine-veranstaltungen.ics";

    /// <summary>
    /// POST /calendar-feeds/mine: a new secret URL (absolute, as the caller reached the service: through the gateway,
    /// the gateway's, ready to paste into a calendar app); the previous one (if any) stops working at once.
    /// </summary>
    public static async Task<IResult> Create(HttpContext http, IDocumentSession session, TimeProvider clock, CancellationToken ct)
    {
        var me = http.User.Actor().Id;
        var token = SecretTokens.New();
        var feed = new CalendarFeed { Id = me, TokenHash = SecretTokens.Hash(token), CreatedAt = clock.GetUtcNow() };
        session.Store(feed); // overwrites the person's previous feed: the old hash is gone
        await session.SaveChangesAsync(ct);
        var path = $"/calendar-feeds/{token}.ics";
        return Results.Created(path, new CalendarFeedResponse(PublicLinks.Absolute(http.Request, path), feed.CreatedAt));
    }

    /// <summary>GET /calendar-feeds/{token}.ics: the owner's confirmed and waitlisted events (cancelled events as cancelled).</summary>
    public static async Task<IResult> Get(string token, HttpContext http, IQuerySession session, TimeProvider clock, CancellationToken ct)
    {
        if (token.Length is < 40 or > 64) throw new ResourceNotFound("Calendar feed", "unknown");
        var hash = SecretTokens.Hash(token);
        var feed = await session.Query<CalendarFeed>().Where(f => f.TokenHash == hash).FirstOrDefaultAsync(ct)
            ?? throw new ResourceNotFound("Calendar feed", "unknown");
        var person = feed.Id;
        var eventIds = await session.Query<Registration>()
            .Where(r => r.PersonId == person && r.Status != RegistrationStatus.Cancelled)
            .Select(r => r.EventId).ToListAsync(ct);
        var events = eventIds.Count == 0 ? [] : await session.LoadManyAsync<NetworkEvent>(ct, eventIds.Distinct().ToArray());
        var mine = events.Where(e => e.WasPublished).OrderBy(e => e.Start);
        var text = EventCalendar.Serialize(mine, clock.GetUtcNow(), "Meine Veranstaltungen / My events");
        // Calendar clients poll feeds: the same content (DTSTAMP is each event's last change) has the same ETag, so
        // an unchanged feed is a 304 without a body.
        if (http.ClientHasCurrentCopy(ETags.ForContent(text))) return Results.StatusCode(StatusCodes.Status304NotModified);
        DownloadNames.Announce(http.Response, FeedFileName);
        return Results.Text(text, EventCalendar.ContentType);
    }
}
