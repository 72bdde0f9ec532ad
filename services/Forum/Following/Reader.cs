using System.Security.Cryptography;
using System.Text;
using Network.Platform.Aggregates;

namespace Network.Forum.Following;

/// <summary>
/// One person as a reader of the forum: what they follow and up to when they read their notifications. Its stream id is
/// derived from the person (<see cref="IdFor"/>), so a person has one, found without a lookup.
/// </summary>
public sealed record Reader : IAggregate<Reader>
{
    public Guid Id { get; init; }
    public string PersonId { get; init; } = "";
    public IReadOnlyList<Guid> FollowedBoards { get; init; } = [];
    public IReadOnlyList<Guid> FollowedThreads { get; init; } = [];
    public DateTimeOffset NotificationsReadUpTo { get; init; }

    /// <summary>How often they get a digest by mail (off by default).</summary>
    public DigestFrequency Digest { get; init; }
    /// <summary>Where the next digest starts: the end of the last one, or when they chose one.</summary>
    public DateTimeOffset DigestCoversFrom { get; init; }
    /// <summary>When the next digest goes out; null while off (the digest sweep reads this, by index).</summary>
    public DateTimeOffset? DigestDueAt { get; init; }
    public long Version { get; set; }

    public static Guid IdFor(string personId) => new(SHA256.HashData(Encoding.UTF8.GetBytes($"forum-reader/{personId}"))[..16]);

    public static Reader? When(Reader? state, object @event)
    {
        var reader = state ?? (@event is IReaderEvent ? new Reader { Id = ReaderOf(@event), PersonId = PersonOf(@event) } : null);
        return (reader, @event) switch
        {
            (null, _) => null,
            (_, BoardFollowed e) => reader with { FollowedBoards = [.. reader.FollowedBoards.Append(e.BoardId).Distinct()] },
            (_, BoardUnfollowed e) => reader with { FollowedBoards = [.. reader.FollowedBoards.Where(b => b != e.BoardId)] },
            (_, ThreadFollowed e) => reader with { FollowedThreads = [.. reader.FollowedThreads.Append(e.ThreadId).Distinct()] },
            (_, ThreadUnfollowed e) => reader with { FollowedThreads = [.. reader.FollowedThreads.Where(t => t != e.ThreadId)] },
            (_, NotificationsRead e) => reader with { NotificationsReadUpTo = e.UpTo },
            (_, DigestChosen e) => reader with { Digest = e.Frequency, DigestCoversFrom = e.CoversFrom, DigestDueAt = e.DueAt },
            (_, DigestComposed e) => reader with { DigestCoversFrom = e.To, DigestDueAt = reader.Digest == DigestFrequency.Off ? null : e.NextDueAt },
            _ => reader,
        };
    }

    static Guid ReaderOf(object e) => e switch
    {
        BoardFollowed f => f.ReaderId, BoardUnfollowed u => u.ReaderId, ThreadFollowed t => t.ReaderId, ThreadUnfollowed x => x.ReaderId,
        NotificationsRead r => r.ReaderId, DigestChosen d => d.ReaderId, DigestComposed c => c.ReaderId, _ => Guid.Empty,
    };

    static string PersonOf(object e) => e switch
    {
        BoardFollowed f => f.PersonId, BoardUnfollowed u => u.PersonId, ThreadFollowed t => t.PersonId, ThreadUnfollowed x => x.PersonId,
        NotificationsRead r => r.PersonId, DigestChosen d => d.PersonId, DigestComposed c => c.PersonId, _ => "",
    };
}
