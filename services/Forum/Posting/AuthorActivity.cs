using Marten;
using Network.Forum.Posts;

namespace Network.Forum.Posting;

/// <summary>
/// What the newcomer limits look at: the author's first posts (as many as make them no longer a newcomer) and their
/// posts of the last hour, oldest first; two index reads, whatever the author wrote before.
/// </summary>
public sealed record AuthorActivity(IReadOnlyList<DateTimeOffset> FirstPosts, IReadOnlyList<DateTimeOffset> LastHour)
{
    public static readonly AuthorActivity None = new([], []);

    public static async Task<AuthorActivity> ReadAsync(IQuerySession session, string authorId, NewcomerLimits limits, DateTimeOffset now, CancellationToken ct)
    {
        var first = await session.Query<Post>().Where(p => p.AuthorId == authorId)
            .OrderBy(p => p.CreatedAt).Take(Math.Max(1, limits.Posts)).Select(p => p.CreatedAt).ToListAsync(ct);
        var since = now.AddHours(-1);
        var lastHour = await session.Query<Post>().Where(p => p.AuthorId == authorId && p.CreatedAt > since)
            .OrderBy(p => p.CreatedAt).Take(Math.Max(1, limits.PostsPerHour)).Select(p => p.CreatedAt).ToListAsync(ct);
        return new AuthorActivity([.. first], [.. lastHour]);
    }
}
