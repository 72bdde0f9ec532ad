using JasperFx.Events;
using Marten;
using Marten.Events.Projections;
using Network.Forum.Moderation.Flagging;
using Network.Forum.Moderation.Queue;
using Network.Forum.Posting;
using Network.Forum.Posts;

namespace Network.Forum.Threads;

/// <summary>
/// Keeps a thread's posts, flags, moderation queue entries and history in step with its stream, inline (the append's
/// transaction). A new post is inserted without a read; a change reads the one document it concerns, never the thread's
/// other posts. Partial: JasperFx's source generator registers the document types it writes.
/// </summary>
public sealed partial class ThreadContentProjection : EventProjection
{
    public ThreadContentProjection() => IncludeType<IThreadEvent>();

    public override async ValueTask ApplyAsync(IDocumentOperations operations, IEvent e, CancellationToken cancellation)
    {
        switch (e.Data)
        {
            case ThreadStarted started:
                operations.Insert(Post.Create(started.ThreadId, started.PostId, 1, started.Content, started.Author, started.OrganisationId, started.At));
                break;
            case PostAdded added:
                operations.Insert(Post.Create(added.ThreadId, added.PostId, added.Number, added.Content, added.Author, added.OrganisationId, added.At));
                break;
            case PostEdited edited:
                await ChangePost(operations, edited.PostId, edited, cancellation);
                History(operations, e, edited.ThreadId, "PostEdited", edited.PostId, null, edited.By, edited.At);
                break;
            case PostFlagged flagged:
                await ChangePost(operations, flagged.PostId, flagged, cancellation);
                operations.Insert(new Flag
                {
                    Id = Flag.IdFor(flagged.PostId, flagged.By.Id), PostId = flagged.PostId, ThreadId = flagged.ThreadId, By = flagged.By.Id,
                    Reason = flagged.Reason, At = flagged.At,
                });
                var entry = await operations.LoadAsync<FlaggedPost>(flagged.PostId, cancellation)
                    ?? new FlaggedPost { Id = flagged.PostId, ThreadId = flagged.ThreadId, BoardId = flagged.BoardId, FirstFlaggedAt = flagged.At };
                entry.FlagCount++;
                entry.Reasons.Add(flagged.Reason);
                entry.Open = true;
                operations.Store(entry);
                break;
            case PostHidden hidden:
                await ChangePost(operations, hidden.PostId, hidden, cancellation);
                await CloseQueueEntry(operations, hidden.PostId, cancellation);
                History(operations, e, hidden.ThreadId, "PostHidden", hidden.PostId, hidden.Reason, hidden.By, hidden.At);
                break;
            case PostUnhidden unhidden:
                await ChangePost(operations, unhidden.PostId, unhidden, cancellation);
                await CloseQueueEntry(operations, unhidden.PostId, cancellation);
                History(operations, e, unhidden.ThreadId, "PostUnhidden", unhidden.PostId, unhidden.Reason, unhidden.By, unhidden.At);
                break;
            case ThreadLocked locked:
                History(operations, e, locked.ThreadId, "ThreadLocked", null, locked.Reason, locked.By, locked.At);
                break;
            case ThreadUnlocked unlocked:
                History(operations, e, unlocked.ThreadId, "ThreadUnlocked", null, unlocked.Reason, unlocked.By, unlocked.At);
                break;
            case ThreadPromoted promoted:
                History(operations, e, promoted.ThreadId, "ThreadPromoted", null, promoted.Summary, promoted.By, promoted.At);
                break;
            case ThreadMoved moved:
                History(operations, e, moved.ThreadId, "ThreadMoved", null, moved.Reason, moved.By, moved.At, moved.FromBoardId, moved.ToBoardId);
                // The queue is filtered by board: the thread's (few) flagged posts move with it.
                foreach (var flaggedPost in await operations.Query<FlaggedPost>().Where(f => f.ThreadId == moved.ThreadId).ToListAsync(cancellation))
                {
                    flaggedPost.BoardId = moved.ToBoardId;
                    operations.Store(flaggedPost);
                }
                break;
        }
    }

    static async Task ChangePost(IDocumentOperations operations, Guid postId, object change, CancellationToken ct)
    {
        if (await operations.LoadAsync<Post>(postId, ct) is not { } post) return;
        post.Apply(change);
        operations.Update(post);
    }

    static async Task CloseQueueEntry(IDocumentOperations operations, Guid postId, CancellationToken ct)
    {
        if (await operations.LoadAsync<FlaggedPost>(postId, ct) is not { } entry) return;
        entry.Open = false;
        operations.Store(entry);
    }

    static void History(IDocumentOperations operations, IEvent e, Guid threadId, string action, Guid? postId, string? reason, Participant by,
        DateTimeOffset at, Guid? from = null, Guid? to = null) =>
        operations.Insert(new ThreadHistoryEntry
        {
            Id = e.Id, ThreadId = threadId, Action = action, PostId = postId, Reason = reason, By = by, At = at,
            FromBoardId = from, ToBoardId = to, Version = e.Version,
        });
}
