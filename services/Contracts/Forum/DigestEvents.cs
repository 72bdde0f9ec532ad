namespace Network.Contracts.Forum;

/// <summary>
/// A reader's digest of the forum, composed and worded by the Forum, for the Identity service to mail: the Forum holds no mail
/// addresses, and the Identity service, which does, sends it to the account <paramref name="PersonId"/> names if it is active.
/// Published only for digests with something in them; the reader chose the digest themself (it is off by default).
/// </summary>
/// <param name="PersonId">The reader's account (the <c>sub</c> of their tokens; a Directory person's id).</param>
public sealed record ForumDigestComposed(
    Guid DigestId,
    Guid PersonId,
    string Subject,
    string TextBody,
    DateTimeOffset From,
    DateTimeOffset To,
    DateTimeOffset ComposedAt);
