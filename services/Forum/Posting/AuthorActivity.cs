namespace Network.Forum.Posting;

/// <summary>
/// What the newcomer limits look at: the author's first posts (as many as make them no longer a newcomer) and their
/// posts of the last hour, oldest first; two index reads (in <see cref="WriterReads"/>), whatever the author wrote before.
/// </summary>
public sealed record AuthorActivity(IReadOnlyList<DateTimeOffset> FirstPosts, IReadOnlyList<DateTimeOffset> LastHour);
