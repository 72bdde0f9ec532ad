using System.Globalization;
using System.Text.Json;
using Marten;
using Microsoft.AspNetCore.Http.HttpResults;
using Network.Partners.Catalogue;
using Network.Partners.Subscriptions;
using Network.Platform.Http;

namespace Network.Partners.Feed.Replay;

/// <summary>A public event as the replay lists it: the CloudEvent's attributes and data, and its feed position.</summary>
public sealed record ReplayedEvent(long Position, string Id, string Type, string Source, string Subject, DateTimeOffset Time, long SourceVersion,
    string? Link, JsonElement Data);

public static class ReplayEvents
{
    /// <summary>
    /// GET /events?after=&amp;since=&amp;type=&amp;pageSize=&amp;cursor=: the public events the calling partner may see (the services of its
    /// scopes), oldest first, from a feed position (<c>after</c>, e.g. the <c>sequence</c> of the last webhook received) or
    /// a time the feed recorded them (<c>since</c>), optionally of some types (<c>type</c>, repeatable, wildcards as in
    /// subscriptions). Keyset paging: <c>next</c> is the cursor of the following page. A partner that was down catches up
    /// here; what is listed is never followed by an earlier position later.
    /// </summary>
    public static async Task<Ok<KeysetPage<ReplayedEvent>>> Handle(long? after, DateTimeOffset? since, string[]? type, int? pageSize, string? cursor,
        HttpContext http, IQuerySession session, CancellationToken ct)
    {
        var caller = PartnerCaller.From(http.User);
        var validation = new Validation();
        var size = Keyset.ValidateSize(pageSize, validation);
        if (after < 0) validation.Add("after", "'after' is a feed position: 0 or more.");
        if (after is not null && since is not null) validation.Add("since", "Give either 'after' or 'since', not both.");
        validation.Moment("since", since);
        var filters = type?.Where(t => !string.IsNullOrWhiteSpace(t)).Select(t => t.Trim()).ToList() ?? [];
        foreach (var filter in filters)
            if (EventTypeFilter.Refuse(filter) is { } refused) validation.Add("type", refused);
        var from = Keyset.Decode(cursor, 1, "cursor", validation) is [var position] && long.TryParse(position, NumberStyles.None, CultureInfo.InvariantCulture, out var p)
            ? p : (long?)null;
        validation.ThrowIfInvalid();

        var types = PublicEvents.All
            .Where(t => caller.Services.Contains(t.Service) && (filters.Count == 0 || EventTypeFilter.Matches(filters, t.Type)))
            .Select(t => t.Type).ToArray();
        var query = session.Query<FeedEntry>().Where(e => e.Type.IsOneOf(types));
        var floor = from ?? after;
        if (floor is { } f) query = query.Where(e => e.Id > f);
        else if (since is { } s) query = query.Where(e => e.RecordedAt >= s);
        var rows = await query.OrderBy(e => e.Id).Take(size + 1).ToListAsync(ct);
        var page = rows.ToKeysetPage(size, e => Keyset.Encode(e.Id.ToString(CultureInfo.InvariantCulture)));
        return TypedResults.Ok(page.Map(e => new ReplayedEvent(e.Id, e.EventId.ToString(), e.Type, $"/network/{e.Service}", e.Subject.ToString(),
            e.OccurredAt, e.SourceVersion, e.Link, e.Data)));
    }
}
