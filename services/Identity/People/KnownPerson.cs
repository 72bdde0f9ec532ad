using Marten.Schema;
using Network.Platform.Inbox;

namespace Network.Identity.People;

/// <summary>
/// The Identity service's local copy of a Directory person: enough to invite them and to put their organisations
/// into their tokens. Fed by the Directory's people events (never by reading its database). Messages can arrive
/// out of order, so each membership remembers the person-stream version it was taken from and never goes back;
/// an erased person stays as a nameless tombstone so no late message brings them back.
/// </summary>
[UseOptimisticConcurrency]
public sealed class KnownPerson
{
    public Guid Id { get; set; }
    public string? DisplayName { get; set; }
    public long NameVersion { get; set; }
    public List<Membership> Memberships { get; set; } = [];
    public bool Erased { get; set; }

    /// <summary>The organisations the person acts for now.</summary>
    public IReadOnlyList<Guid> ActingFor => Memberships.ActingFor();

    public void Recorded(string displayName, long version) => Rename(displayName, version);

    public void Joined(Guid organisationId, string role, string displayName, long version)
    {
        if (Erased) return;
        Rename(displayName, version);
        Memberships.Joined(organisationId, role, version);
    }

    public void Left(Guid organisationId, long version)
    {
        if (!Erased) Memberships.Left(organisationId, version);
    }

    public void Rename(string displayName, long version)
    {
        if (Erased || version <= NameVersion) return;
        DisplayName = displayName;
        NameVersion = version;
    }

    public void Erase()
    {
        Erased = true;
        DisplayName = null;
        Memberships.Clear();
    }
}

/// <summary>An organisation that coordinates a local network: the people acting for it get the coordinator role.</summary>
public sealed class CoordinatingOrganisation
{
    /// <summary>The local network's id.</summary>
    public Guid Id { get; set; }
    public Guid OrganisationId { get; set; }
}
