using Network.Forum.Posting;
using Network.Forum.Threads;

namespace Network.Forum.Posts;

/// <summary>
/// One post, a document of its own written from its thread's events in their transaction (<see cref="ThreadContentProjection"/>),
/// found by its thread and number (the keyset of a thread's pages). Every earlier version is kept in <see cref="Earlier"/>; the
/// current one is the post itself, so a post never edited stores its content once.
/// </summary>
public sealed class Post
{
    public Guid Id { get; set; }
    public Guid ThreadId { get; set; }
    /// <summary>1 for the post that started the thread, then in order of writing.</summary>
    public int Number { get; set; }
    public string AuthorId { get; set; } = "";
    public Participant Author { get; set; } = new("", false, null);
    public Guid? OrganisationId { get; set; }
    public string Language { get; set; } = "";
    public string Source { get; set; } = "";
    public string Html { get; set; } = "";
    public Guid? QuotedPostId { get; set; }
    public List<Guid> Mentions { get; set; } = [];
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset? EditedAt { get; set; }
    /// <summary>The versions before the current one, the first as written.</summary>
    public List<PostRevision> Earlier { get; set; } = [];

    /// <summary>How many versions there are (the current one included): the post's ETag, If-Match of an edit.</summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public int Revision => Earlier.Count + 1;

    /// <summary>Every version, the first as written, the last as shown.</summary>
    public IReadOnlyList<PostRevision> Revisions() => [.. Earlier, new PostRevision(Revision, Source, Html, Language, EditedAt ?? CreatedAt)];
    public bool Hidden { get; set; }
    public string? HiddenReason { get; set; }
    public int FlagCount { get; set; }

    public static Post Create(Guid threadId, Guid postId, int number, PostContent content, Participant author, Guid? organisationId, DateTimeOffset at) => new()
    {
        Id = postId, ThreadId = threadId, Number = number, AuthorId = author.Id, Author = author, OrganisationId = organisationId,
        Language = content.Language, Source = content.Source, Html = content.Html, QuotedPostId = content.QuotedPostId,
        Mentions = [.. content.Mentions], CreatedAt = at,
    };

    /// <summary>The one fold of a post after its first event.</summary>
    public void Apply(object e)
    {
        switch (e)
        {
            case PostEdited edited:
                Earlier.Add(new PostRevision(Revision, Source, Html, Language, EditedAt ?? CreatedAt));
                (Source, Html, Language, Mentions, EditedAt) = (edited.Content.Source, edited.Content.Html, edited.Content.Language, [.. edited.Content.Mentions], edited.At);
                break;
            case PostFlagged: FlagCount++; break;
            case PostHidden hidden: (Hidden, HiddenReason) = (true, hidden.Reason); break;
            case PostUnhidden: (Hidden, HiddenReason) = (false, null); break;
        }
    }
}

public sealed record PostRevision(int Revision, string Source, string Html, string Language, DateTimeOffset At);
