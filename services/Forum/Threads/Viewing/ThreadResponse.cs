using Network.Forum.Posting;
using Network.Forum.Posts.Viewing;

namespace Network.Forum.Threads.Viewing;

public sealed record ThreadResponse(
    Guid Id, Guid BoardId, string Title, ParticipantResponse StartedBy, DateTimeOffset StartedAt, bool Locked, int PostCount,
    DateTimeOffset LastActivityAt, long Version, PostResponse? FirstPost = null, DateTimeOffset? PromotedAt = null)
{
    public static ThreadResponse From(ForumThread t, ParticipantNames names, PostResponse? firstPost = null) =>
        new(t.Id, t.BoardId, t.Title, names.Of(t.StartedBy), t.StartedAt, t.Locked, t.PostCount, t.LastActivityAt, t.Version, firstPost, t.PromotedAt);
}
