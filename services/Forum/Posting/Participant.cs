namespace Network.Forum.Posting;

/// <summary>
/// Who wrote or did something, as the thread's events record it: the token's subject (a Directory person's id for
/// members). A member's name is not kept in the events: it is read from the Forum's member list when shown, so an
/// erased person's posts stay and read "former member". Staff are not Directory people: their name is kept.
/// </summary>
public sealed record Participant(string Id, bool IsStaff, string? StaffName);
