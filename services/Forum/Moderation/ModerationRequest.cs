namespace Network.Forum.Moderation;

/// <summary>Why: every flag and moderation action carries a reason, shown in the thread's history.</summary>
public sealed record ModerationRequest(string? Reason);
