namespace Network.Directory.People.Consenting;

/// <summary>
/// The purposes a person can consent to. Each is something the platform does with their data beyond what they
/// asked for by signing up; each can be withdrawn at any time. Adding one is a code change on purpose: a new
/// purpose needs its own wording, reviewed like the others.
/// </summary>
public static class ConsentPurposes
{
    /// <summary>Staff and other members may see their e-mail address to get in touch about their organisation's work.</summary>
    public const string DirectoryContact = "directory-contact";

    /// <summary>Their display name appears in the Forum's member list and next to their posts.</summary>
    public const string ForumParticipation = "forum-participation";

    /// <summary>The agency writes to them about events, trainings and advisory offers.</summary>
    public const string EventCommunication = "event-communication";

    public static readonly IReadOnlyList<string> All = [DirectoryContact, ForumParticipation, EventCommunication];

    public static bool IsKnown(string? purpose) => purpose is not null && All.Contains(purpose);

    public static string Explanation => $"'purpose' must be one of: {string.Join(", ", All)}.";
}
