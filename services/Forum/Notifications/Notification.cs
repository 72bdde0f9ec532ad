namespace Network.Forum.Notifications;

public enum NotificationKind
{
    /// <summary>A reply in a thread the person follows.</summary>
    Reply,
    /// <summary>A post quoted one of theirs.</summary>
    Quote,
    /// <summary>A post mentioned an organisation they act for.</summary>
    Mention,
    /// <summary>A new thread on a board they follow.</summary>
    NewThread,
}

/// <summary>One thing a person should know about, written by <see cref="NotificationsProjection"/> after the post was committed.</summary>
public sealed class Notification
{
    public Guid Id { get; set; }
    public string PersonId { get; set; } = "";
    public NotificationKind Kind { get; set; }
    public Guid BoardId { get; set; }
    public Guid ThreadId { get; set; }
    public Guid PostId { get; set; }
    public string ThreadTitle { get; set; } = "";
    public DateTimeOffset At { get; set; }

    /// <summary>One notification per event and person, also when the projection runs again (a rebuild, a retry).</summary>
    public static Guid IdFor(Guid eventId, string personId) =>
        new(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes($"{eventId:N}/{personId}"))[..16]);
}
