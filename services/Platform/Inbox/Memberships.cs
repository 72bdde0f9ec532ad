namespace Network.Platform.Inbox;

/// <summary>
/// One organisation a person acts for, as a service's local read model keeps it from the Directory's people events,
/// with the person-stream version it was taken from (so a late, older message never undoes a newer one).
/// </summary>
public sealed class Membership
{
    public Guid OrganisationId { get; set; }
    public string? Role { get; set; }
    public bool Active { get; set; }
    public long Version { get; set; }
}

/// <summary>How a read model applies PersonJoinedOrganisation / PersonLeftOrganisation, in any order, each at most once.</summary>
public static class Memberships
{
    public static void Joined(this List<Membership> memberships, Guid organisationId, string? role, long version)
    {
        var membership = memberships.FirstOrDefault(m => m.OrganisationId == organisationId);
        if (membership is null) memberships.Add(new Membership { OrganisationId = organisationId, Role = role, Active = true, Version = version });
        else if (version > membership.Version) (membership.Role, membership.Active, membership.Version) = (role, true, version);
    }

    public static void Left(this List<Membership> memberships, Guid organisationId, long version)
    {
        var membership = memberships.FirstOrDefault(m => m.OrganisationId == organisationId);
        if (membership is null) memberships.Add(new Membership { OrganisationId = organisationId, Active = false, Version = version });
        else if (version > membership.Version) (membership.Active, membership.Version) = (false, version);
    }

    /// <summary>The organisations the person acts for now.</summary>
    public static List<Guid> ActingFor(this IEnumerable<Membership> memberships) =>
        [.. memberships.Where(m => m.Active).Select(m => m.OrganisationId)];
}
