using JasperFx.Events.Projections;
using Marten;
using Network.Forum.Moderation.Flagging;
using Network.Forum.Moderation.Queue;
using Network.Forum.Posts;
using Network.Platform.Aggregates;

namespace Network.Forum.Threads;

/// <summary>
/// How threads are stored: the small decision state as an inline snapshot, keyed for a board's list by last activity;
/// posts, flags, queue entries and history as documents of their own (<see cref="ThreadContentProjection"/>). Board, thread
/// and post number, and the activity order are columns of their own, so each list is one index range scan.
/// </summary>
public static class ThreadStore
{
    public const string ThreadTable = "mt_doc_forumthread";

    public static void Configure(StoreOptions store)
    {
        store.AddAggregate<ForumThread, IThreadEvent>()
            .Duplicate(t => t.BoardId)
            .Duplicate(t => t.LastActivityAt)
            // The id too: the keyset (last activity, id) < (cursor) is then a condition of the index scan, not a filter over
            // every newer thread, so a middle page costs what the first does.
            .Index([t => t.BoardId, t => t.LastActivityAt, t => t.Id]);
        store.Projections.Add(new ThreadContentProjection(), ProjectionLifecycle.Inline);
        store.Schema.For<Post>()
            .Duplicate(p => p.ThreadId)
            .Duplicate(p => p.Number)
            .Duplicate(p => p.AuthorId)
            .Duplicate(p => p.CreatedAt)
            .Index([p => p.ThreadId, p => p.Number], index => index.IsUnique = true)
            .Index([p => p.AuthorId, p => p.CreatedAt])
            // Search (Search/SearchPosts.cs) stems in both languages of the forum.
            .FullTextIndex(index => { index.Name = "mt_doc_post_fts_german"; index.RegConfig = "german"; }, p => p.Source)
            .FullTextIndex(index => { index.Name = "mt_doc_post_fts_english"; index.RegConfig = "english"; }, p => p.Source);
        store.Schema.For<Flag>().Index(f => f.PostId);
        store.Schema.For<FlaggedPost>().Index(f => f.ThreadId).Index(f => f.BoardId);
        store.Schema.For<ThreadHistoryEntry>().Index([h => h.ThreadId, h => h.Version]);
    }
}
