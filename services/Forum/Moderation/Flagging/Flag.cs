namespace Network.Forum.Moderation.Flagging;

/// <summary>One person's flag on one post (unique per post and person, also in the database).</summary>
public sealed class Flag
{
    public Guid Id { get; set; }
    public Guid PostId { get; set; }
    public Guid ThreadId { get; set; }
    public string By { get; set; } = "";
    public string Reason { get; set; } = "";
    public DateTimeOffset At { get; set; }

    /// <summary>A flag's id is derived from post and person, so a second flag by the same person collides.</summary>
    public static Guid IdFor(Guid postId, string by) =>
        new(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes($"{postId:N}/{by}"))[..16]);
}
