using Marten;
using Marten.Schema;
using Network.Platform.Inbox;

namespace Network.Directory.People;

/// <summary>
/// Who acts for one organisation (its id is the organisation's), written in the same transaction as the person's
/// membership event. It answers "who owns this organisation" without scanning every person, and it is the guard
/// of a rule that spans several person streams: two owners leaving at the same moment both change this one
/// document, so optimistic concurrency lets only one of them through and the organisation never loses its last owner.
/// </summary>
[UseOptimisticConcurrency]
public sealed class MembershipRoster
{
    public Guid Id { get; set; }
    public List<RosterEntry> Entries { get; set; } = [];

    public int Owners => Entries.Count(e => e.Role == MembershipRole.Owner);

    public RosterEntry? Find(Guid personId) => Entries.FirstOrDefault(e => e.PersonId == personId);

    public void Add(Guid personId, MembershipRole role)
    {
        Entries.RemoveAll(e => e.PersonId == personId);
        Entries.Add(new RosterEntry(personId, role));
    }

    public void Remove(Guid personId) => Entries.RemoveAll(e => e.PersonId == personId);

    /// <summary>
    /// Changes an organisation's roster in the session, checked against the version it was read at. A roster already
    /// queued in this session (a use case changing several memberships of one organisation) is changed in place,
    /// so no change overwrites another.
    /// </summary>
    public static async Task ChangeAsync(IDocumentSession session, Guid organisationId, Action<MembershipRoster> change, CancellationToken ct)
    {
        var queued = session.PendingChanges.InsertsFor<MembershipRoster>()
            .Concat(session.PendingChanges.UpdatesFor<MembershipRoster>())
            .FirstOrDefault(r => r.Id == organisationId);
        if (queued is not null) change(queued);
        else await session.ChangeAsync(organisationId, () => new MembershipRoster { Id = organisationId }, change, ct);
    }
}

public sealed record RosterEntry(Guid PersonId, MembershipRole Role);
