namespace Network.Forum.Following;

/// <summary>What a reader does for themself: the events of their reader stream (the marker lets the snapshot take only these).</summary>
public interface IReaderEvent;

public sealed record BoardFollowed(Guid ReaderId, string PersonId, Guid BoardId, DateTimeOffset At) : IReaderEvent;
public sealed record BoardUnfollowed(Guid ReaderId, string PersonId, Guid BoardId, DateTimeOffset At) : IReaderEvent;
public sealed record ThreadFollowed(Guid ReaderId, string PersonId, Guid ThreadId, DateTimeOffset At) : IReaderEvent;
public sealed record ThreadUnfollowed(Guid ReaderId, string PersonId, Guid ThreadId, DateTimeOffset At) : IReaderEvent;
/// <summary>The reader read their notifications up to this moment: the ones before no longer count as unread.</summary>
public sealed record NotificationsRead(Guid ReaderId, string PersonId, DateTimeOffset UpTo) : IReaderEvent;

/// <summary>How often a reader wants their notifications by mail: never (the default), once a day or once a week.</summary>
public enum DigestFrequency { Off, Daily, Weekly }

/// <summary>
/// The reader chose how often they get a digest. <paramref name="CoversFrom"/> is where the next digest starts (now, when they
/// had none; else where the last one ended), <paramref name="DueAt"/> when it goes out (null when off).
/// </summary>
public sealed record DigestChosen(Guid ReaderId, string PersonId, DigestFrequency Frequency, DateTimeOffset CoversFrom, DateTimeOffset? DueAt,
    DateTimeOffset At) : IReaderEvent;

/// <summary>One line of a digest: something the reader was notified of, as the digest tells it.</summary>
/// <param name="Link">The thread's public address (through the gateway).</param>
public sealed record DigestItem(Notifications.NotificationKind Kind, Guid ThreadId, string ThreadTitle, Boards.BoardName Board, Guid PostId,
    DateTimeOffset At, string Link);

/// <summary>
/// The digest of what the reader was notified of from <paramref name="From"/> to <paramref name="To"/> (hidden posts and boards they
/// no longer read left out), at most <see cref="Digests.DigestComposer.MaxItems"/> items and how many more there were. With no items
/// nothing is mailed; the window closes all the same, so the next digest starts at <paramref name="To"/>.
/// </summary>
public sealed record DigestComposed(Guid ReaderId, string PersonId, Guid DigestId, DigestFrequency Frequency, DateTimeOffset From,
    DateTimeOffset To, IReadOnlyList<DigestItem> Items, int More, DateTimeOffset NextDueAt, DateTimeOffset At,
    bool MoreIsAtLeast = false) : IReaderEvent;
