namespace Network.Forum.Following;

/// <summary>What a reader does for themself: the events of their reader stream (the marker lets the snapshot take only these).</summary>
public interface IReaderEvent;

public sealed record BoardFollowed(Guid ReaderId, string PersonId, Guid BoardId, DateTimeOffset At) : IReaderEvent;
public sealed record BoardUnfollowed(Guid ReaderId, string PersonId, Guid BoardId, DateTimeOffset At) : IReaderEvent;
public sealed record ThreadFollowed(Guid ReaderId, string PersonId, Guid ThreadId, DateTimeOffset At) : IReaderEvent;
public sealed record ThreadUnfollowed(Guid ReaderId, string PersonId, Guid ThreadId, DateTimeOffset At) : IReaderEvent;
/// <summary>The reader read their notifications up to this moment: the ones before no longer count as unread.</summary>
public sealed record NotificationsRead(Guid ReaderId, string PersonId, DateTimeOffset UpTo) : IReaderEvent;
