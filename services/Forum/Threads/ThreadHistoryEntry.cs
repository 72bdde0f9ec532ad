using Network.Forum.Posting;

namespace Network.Forum.Threads;

/// <summary>One moderation action or edit in a thread's history: what, on which post, who, when and why.</summary>
public sealed class ThreadHistoryEntry
{
    /// <summary>The id of the event it records.</summary>
    public Guid Id { get; set; }
    public Guid ThreadId { get; set; }
    /// <summary>PostEdited, PostHidden, PostUnhidden, ThreadLocked, ThreadUnlocked, ThreadMoved or ThreadPromoted (the reason is staff's summary).</summary>
    public string Action { get; set; } = "";
    public Guid? PostId { get; set; }
    public string? Reason { get; set; }
    public Participant By { get; set; } = new("", false, null);
    public DateTimeOffset At { get; set; }
    public Guid? FromBoardId { get; set; }
    public Guid? ToBoardId { get; set; }
    /// <summary>The thread's stream version of the event: the history's order.</summary>
    public long Version { get; set; }
}
