using Marten;

namespace Network.Partners.Feed;

public static class FeedPosition
{
    /// <summary>The newest position recorded so far (0 for an empty feed).</summary>
    public static async Task<long> LatestAsync(IQuerySession session, CancellationToken ct) =>
        (await session.Events.QueryAllRawEvents().OrderByDescending(e => e.Sequence).FirstOrDefaultAsync(ct))?.Sequence ?? 0;
}
