using Network.Forum.Posting;
using Network.Platform.Aggregates;

namespace Network.Forum.Threads;

/// <summary>
/// A thread's decision state: where it is, whether it is locked, how many posts it has and when it last moved. The posts
/// themselves are documents of their own (<see cref="Posts.Post"/>), so this snapshot stays the same small size however
/// long the thread grows, and a reply costs the same on the 10,000th post as on the second. The stream version is the ETag.
/// </summary>
public sealed record ForumThread : IAggregate<ForumThread>
{
    public Guid Id { get; init; }
    public Guid BoardId { get; init; }
    public string Title { get; init; } = "";
    public Participant StartedBy { get; init; } = new("", false, null);
    public Guid FirstPostId { get; init; }
    public DateTimeOffset StartedAt { get; init; }
    public bool Locked { get; init; }
    public int PostCount { get; init; }
    /// <summary>When the last post was written (the thread lists' order, newest first); to the microsecond, as PostgreSQL keeps it.</summary>
    public DateTimeOffset LastActivityAt { get; init; }
    /// <summary>When staff promoted it to a proposed good practice (once).</summary>
    public DateTimeOffset? PromotedAt { get; init; }
    public long Version { get; set; }

    /// <summary>The one fold of a thread (Marten's snapshot, the answers of writes and the specifications use it).</summary>
    public static ForumThread? When(ForumThread? state, object @event) => (state, @event) switch
    {
        (_, ThreadStarted e) => new ForumThread
        {
            Id = e.ThreadId, BoardId = e.BoardId, Title = e.Title, StartedBy = e.Author, FirstPostId = e.PostId, StartedAt = e.At,
            PostCount = 1, LastActivityAt = e.At,
        },
        (null, _) => null,
        (_, PostAdded e) => state with { PostCount = e.Number, LastActivityAt = e.At },
        (_, ThreadLocked) => state with { Locked = true },
        (_, ThreadUnlocked) => state with { Locked = false },
        (_, ThreadMoved e) => state with { BoardId = e.ToBoardId },
        (_, ThreadPromoted e) => state with { PromotedAt = e.At },
        _ => state,
    };

    /// <summary>A moment as PostgreSQL stores it (microseconds), so a keyset cursor taken from a document matches its column.</summary>
    public static DateTimeOffset Stored(DateTimeOffset moment) => new(moment.UtcTicks - moment.UtcTicks % 10, TimeSpan.Zero);
}
