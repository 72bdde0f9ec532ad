namespace Network.Forum.Moderation.Queue;

/// <summary>An entry of the moderation queue: a flagged post until a moderator hides it (or unhides it: then it is dealt with).</summary>
public sealed class FlaggedPost
{
    /// <summary>The post's id.</summary>
    public Guid Id { get; set; }
    public Guid ThreadId { get; set; }
    public Guid BoardId { get; set; }
    public int FlagCount { get; set; }
    public DateTimeOffset FirstFlaggedAt { get; set; }
    public List<string> Reasons { get; set; } = [];
    public bool Open { get; set; } = true;
}
