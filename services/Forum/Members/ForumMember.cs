using Marten.Schema;
using Network.Platform.Inbox;

namespace Network.Forum.Members;

/// <summary>
/// The Forum's local copy of a person who acts for organisations, fed by the Directory's people events. Only what
/// the Forum needs: the display name and the organisations they act for; no e-mail. Messages can arrive out of
/// order (retries, competing consumers), so each part remembers the Directory stream version it was taken from and
/// never goes back; an erased person stays as a nameless tombstone so no late message brings their name back.
/// </summary>
[UseOptimisticConcurrency]
public sealed class ForumMember
{
    public Guid Id { get; set; }
    public string? DisplayName { get; set; }
    public long NameVersion { get; set; }

    /// <summary>Every organisation the person ever acted for, with whether they still do (a left one keeps its version).</summary>
    public List<Membership> Memberships { get; set; } = [];

    /// <summary>The organisations the person acts for now (kept for queries).</summary>
    public List<Guid> ActingFor { get; set; } = [];

    /// <summary>They consented to appear by name in the Forum (purpose <c>forum-participation</c>).</summary>
    public bool ListedByConsent { get; set; }
    public long ConsentVersion { get; set; }

    public bool Erased { get; set; }

    public void Joined(Guid organisationId, string role, string displayName, long version)
    {
        if (Erased) return;
        Rename(displayName, version);
        Memberships.Joined(organisationId, role, version);
        ActingFor = Memberships.ActingFor();
    }

    public void Left(Guid organisationId, long version)
    {
        if (Erased) return;
        Memberships.Left(organisationId, version);
        ActingFor = Memberships.ActingFor();
    }

    public void Rename(string displayName, long version)
    {
        if (Erased || version <= NameVersion) return;
        DisplayName = displayName;
        NameVersion = version;
    }

    public void Consent(bool given, long version)
    {
        if (Erased || version <= ConsentVersion) return;
        ListedByConsent = given;
        ConsentVersion = version;
    }

    public void Erase()
    {
        Erased = true;
        DisplayName = null;
        ListedByConsent = false;
        Memberships.Clear();
        ActingFor.Clear();
    }
}
