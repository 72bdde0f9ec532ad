using Network.Forum.Posting;

namespace Network.Forum.Threads;

/// <summary>
/// What can happen in a thread: the events of its stream, posts included (each post is a document of its own, written
/// from these events in their transaction). The marker lets the thread's snapshot take only these.
/// </summary>
public interface IThreadEvent;

/// <summary>A post's content as written: the Markdown source and its sanitised HTML, both kept.</summary>
/// <param name="Language">ISO 639-1 code of the post's language.</param>
/// <param name="Mentions">Organisations the post mentions (known to the Forum when written).</param>
public sealed record PostContent(string Source, string Html, string Language, Guid? QuotedPostId, IReadOnlyList<Guid> Mentions);

// Domain events of a thread's stream: small, past tense, who and when. Members are named by id only (see Participant).
public sealed record ThreadStarted(Guid ThreadId, Guid BoardId, string Title, Guid PostId, PostContent Content, Participant Author,
    Guid? OrganisationId, DateTimeOffset At) : IThreadEvent;
public sealed record PostAdded(Guid ThreadId, Guid BoardId, Guid PostId, int Number, PostContent Content, Participant Author,
    Guid? OrganisationId, DateTimeOffset At) : IThreadEvent;
public sealed record PostEdited(Guid ThreadId, Guid PostId, PostContent Content, Participant By, DateTimeOffset At) : IThreadEvent;
public sealed record PostFlagged(Guid ThreadId, Guid BoardId, Guid PostId, string Reason, Participant By, DateTimeOffset At) : IThreadEvent;
public sealed record PostHidden(Guid ThreadId, Guid PostId, string Reason, Participant By, DateTimeOffset At) : IThreadEvent;
public sealed record PostUnhidden(Guid ThreadId, Guid PostId, string Reason, Participant By, DateTimeOffset At) : IThreadEvent;
public sealed record ThreadLocked(Guid ThreadId, string Reason, Participant By, DateTimeOffset At) : IThreadEvent;
public sealed record ThreadUnlocked(Guid ThreadId, string Reason, Participant By, DateTimeOffset At) : IThreadEvent;
public sealed record ThreadMoved(Guid ThreadId, Guid FromBoardId, Guid ToBoardId, string Reason, Participant By, DateTimeOffset At) : IThreadEvent;

/// <summary>Staff promoted the thread to a proposed good practice (what the Knowledge service needs is carried, decided once).</summary>
public sealed record ThreadPromoted(Guid ThreadId, Guid BoardId, string Title, string Summary, string Language, IReadOnlyList<string> Themes,
    IReadOnlyList<Guid> OrganisationIds, string? MunicipalityAgs, Guid? LocalNetworkId, Participant By, DateTimeOffset At) : IThreadEvent;
