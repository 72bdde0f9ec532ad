using JasperFx.Events;
using Marten;
using Marten.Events.Projections;
using Network.Forum.Following;
using Network.Forum.Members;
using Network.Forum.Posts;
using Network.Forum.Threads;

namespace Network.Forum.Notifications;

/// <summary>
/// Turns new threads and posts into notifications for the people concerned: followers of the board (a new thread), followers
/// of the thread (a reply), the author of a quoted post, the people acting for a mentioned organisation; never the writer.
/// Asynchronous (the daemon, HotCold across replicas): a post's transaction does not wait for its readers' notifications, so
/// posting costs the same however many follow.
/// </summary>
public sealed partial class NotificationsProjection : EventProjection
{
    public NotificationsProjection()
    {
        IncludeType<ThreadStarted>();
        IncludeType<PostAdded>();
    }

    public override async ValueTask ApplyAsync(IDocumentOperations operations, IEvent e, CancellationToken cancellation)
    {
        var notified = new Dictionary<string, NotificationKind>();
        switch (e.Data)
        {
            case ThreadStarted started:
                foreach (var reader in await operations.Query<Reader>().Where(r => r.FollowedBoards.Contains(started.BoardId)).ToListAsync(cancellation))
                    notified.TryAdd(reader.PersonId, NotificationKind.NewThread);
                await Mentions(operations, started.Content.Mentions, notified, cancellation);
                Write(operations, e, notified, started.Author.Id, started.BoardId, started.ThreadId, started.PostId, started.Title, started.At);
                break;
            case PostAdded added:
                if (added.Content.QuotedPostId is { } quoted && await operations.LoadAsync<Post>(quoted, cancellation) is { } quotedPost)
                    notified.TryAdd(quotedPost.AuthorId, NotificationKind.Quote);
                await Mentions(operations, added.Content.Mentions, notified, cancellation);
                foreach (var reader in await operations.Query<Reader>().Where(r => r.FollowedThreads.Contains(added.ThreadId)).ToListAsync(cancellation))
                    notified.TryAdd(reader.PersonId, NotificationKind.Reply);
                var title = (await operations.LoadAsync<ForumThread>(added.ThreadId, cancellation))?.Title ?? "";
                Write(operations, e, notified, added.Author.Id, added.BoardId, added.ThreadId, added.PostId, title, added.At);
                break;
        }
    }

    static async Task Mentions(IDocumentOperations operations, IReadOnlyList<Guid> organisations, Dictionary<string, NotificationKind> notified, CancellationToken ct)
    {
        foreach (var organisation in organisations)
            foreach (var member in await operations.Query<ForumMember>().Where(m => m.ActingFor.Contains(organisation)).ToListAsync(ct))
                notified.TryAdd(member.Id.ToString(), NotificationKind.Mention);
    }

    static void Write(IDocumentOperations operations, IEvent e, Dictionary<string, NotificationKind> notified, string writer,
        Guid board, Guid thread, Guid post, string title, DateTimeOffset at)
    {
        foreach (var (person, kind) in notified.Where(n => n.Key != writer))
            operations.Store(new Notification
            {
                Id = Notification.IdFor(e.Id, person), PersonId = person, Kind = kind, BoardId = board, ThreadId = thread, PostId = post,
                ThreadTitle = title, At = at,
            });
    }
}
