using Marten;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Network.Forum.Following;
using Network.Platform.Auth;
using Network.Platform.Http;

namespace Network.Forum.Notifications;

public sealed record NotificationResponse(Guid Id, NotificationKind Kind, Guid BoardId, Guid ThreadId, Guid PostId, string ThreadTitle, DateTimeOffset At, bool Unread);

/// <param name="UnreadByThread">Unread notifications per thread (the unread counts of what the person follows).</param>
public sealed record MyNotificationsResponse(int Unread, IReadOnlyDictionary<Guid, int> UnreadByThread, Page<NotificationResponse> Notifications,
    IReadOnlyList<Guid> FollowedBoards, IReadOnlyList<Guid> FollowedThreads);

public static class MyNotifications
{
    /// <summary>At most this many unread notifications are counted (a count, not a list: the list pages).</summary>
    public const int MaxCounted = 1000;

    /// <summary>GET /notifications/mine: the caller's notifications, newest first, with what is unread (since they last marked them read).</summary>
    public static async Task<Ok<MyNotificationsResponse>> Handle(HttpContext http, IQuerySession session, [FromQuery] int? page, [FromQuery] int? pageSize, CancellationToken ct)
    {
        var validation = new Validation();
        var paging = Paging.Validate(page, pageSize, validation);
        validation.ThrowIfInvalid();
        var person = http.User.Actor().Id;
        var reader = await session.LoadAsync<Reader>(Reader.IdFor(person), ct);
        var readUpTo = reader?.NotificationsReadUpTo ?? DateTimeOffset.MinValue;
        var notifications = await session.Query<Notification>().Where(n => n.PersonId == person)
            .OrderByDescending(n => n.At).ThenBy(n => n.Id).ToPageAsync(paging, ct);
        var unread = await session.Query<Notification>().Where(n => n.PersonId == person && n.At > readUpTo)
            .Take(MaxCounted).Select(n => n.ThreadId).ToListAsync(ct);
        return TypedResults.Ok(new MyNotificationsResponse(unread.Count,
            unread.GroupBy(t => t).ToDictionary(g => g.Key, g => g.Count()),
            notifications.Map(n => new NotificationResponse(n.Id, n.Kind, n.BoardId, n.ThreadId, n.PostId, n.ThreadTitle, n.At, n.At > readUpTo)),
            reader?.FollowedBoards ?? [], reader?.FollowedThreads ?? []));
    }

    /// <summary>POST /notifications/mine/read: everything notified until now counts as read.</summary>
    public static async Task<NoContent> MarkRead(HttpContext http, IDocumentSession session, TimeProvider clock, CancellationToken ct)
    {
        var person = http.User.Actor().Id;
        var id = Reader.IdFor(person);
        var stream = await session.Events.FetchForWriting<Reader>(id, ct);
        stream.AppendOne(new NotificationsRead(id, person, clock.GetUtcNow()));
        await session.SaveChangesAsync(ct);
        return TypedResults.NoContent();
    }
}
