using Marten;
using Network.Forum.Boards;
using Network.Forum.Boards.LocalNetworks;
using Network.Forum.Following;
using Network.Forum.Members;
using Network.Forum.Notifications;
using Network.Forum.Posts;
using Network.Forum.Threads;

namespace Network.Forum.Digests;

/// <summary>
/// What goes into one reader's digest: their notifications of the period, oldest first, as the forum stands when it is composed:
/// a post hidden by moderators meanwhile is left out, a thread moved to a board the reader cannot read is left out, the thread's
/// title is its current one. Reads a bounded number of notifications (<see cref="MaxScanned"/>) in a fixed number of round trips.
/// </summary>
public static class DigestComposer
{
    /// <summary>At most this many items in one mail; the rest are counted ("and 12 more").</summary>
    public const int MaxItems = 30;

    /// <summary>At most this many notifications are read for one digest; when that many were, the mail says "at least N more".</summary>
    public const int MaxScanned = 500;

    /// <returns>the digest, or, for a person who was erased, their digest turned off (their account is closed: no mail reaches them).</returns>
    public static async Task<IReaderEvent> ComposeAsync(IQuerySession session, Reader reader, DateTimeOffset to, DateTimeOffset at, DigestSettings settings,
        Func<Guid, string> threadLink, CancellationToken ct)
    {
        var from = reader.DigestCoversFrom;
        var member = Guid.TryParse(reader.PersonId, out var personId) ? await session.LoadAsync<ForumMember>(personId, ct) : null;
        if (member is { Erased: true }) return new DigestChosen(reader.Id, reader.PersonId, DigestFrequency.Off, from, null, at);
        var notifications = await session.Query<Notification>()
            .Where(n => n.PersonId == reader.PersonId && n.At > from && n.At <= to)
            .OrderBy(n => n.At).ThenBy(n => n.Id).Take(MaxScanned).ToListAsync(ct);

        var posts = (await session.LoadManyAsync<Post>(ct, notifications.Select(n => n.PostId).Distinct())).ToDictionary(p => p.Id);
        var threads = (await session.LoadManyAsync<ForumThread>(ct, notifications.Select(n => n.ThreadId).Distinct())).ToDictionary(t => t.Id);
        var boards = (await session.LoadManyAsync<Board>(ct, threads.Values.Select(t => t.BoardId).Distinct())).ToDictionary(b => b.Id);
        var networks = (await session.LoadManyAsync<LocalNetworkCopy>(ct,
            boards.Values.Where(b => b.LocalNetworkId is not null).Select(b => b.LocalNetworkId!.Value).Distinct())).ToDictionary(n => n.Id);

        var items = new List<DigestItem>();
        foreach (var n in notifications)
        {
            if (!posts.TryGetValue(n.PostId, out var post) || post.Hidden) continue;
            if (!threads.TryGetValue(n.ThreadId, out var thread) || !boards.TryGetValue(thread.BoardId, out var board)) continue;
            var inContext = new BoardInContext(board, board.LocalNetworkId is { } network ? networks.GetValueOrDefault(network) : null);
            if (!member.MayRead(inContext)) continue;
            items.Add(new DigestItem(n.Kind, thread.Id, thread.Title, board.Name, post.Id, n.At, threadLink(thread.Id)));
        }

        var frequency = reader.Digest;
        return new DigestComposed(reader.Id, reader.PersonId, Guid.NewGuid(), frequency, from, to, [.. items.Take(MaxItems)],
            Math.Max(0, items.Count - MaxItems), to + settings.PeriodOf(frequency), at, MoreIsAtLeast: notifications.Count == MaxScanned);
    }
}
