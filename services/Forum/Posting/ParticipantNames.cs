using Marten;
using Marten.Services.BatchQuerying;
using Network.Forum.Members;
using Network.Forum.Organisations;

namespace Network.Forum.Posting;

/// <summary>How a participant is shown to readers.</summary>
/// <param name="FormerMember">The Directory erased the person: their posts stay, without their name.</param>
public sealed record ParticipantResponse(string Name, bool IsStaff, bool FormerMember);

/// <summary>
/// Names participants when they are shown, from the Forum's member list (fed by the Directory): a member who consented to
/// appear by name (purpose <c>forum-participation</c>) by that name, any other member as "Member of" their organisation, an
/// erased one as "former member", staff by the name they signed in with. One read per page, whatever its length.
/// </summary>
public sealed class ParticipantNames
{
    public const string FormerMember = "former member";
    public const string Member = "Member";

    readonly Dictionary<Guid, ForumMember> members;
    readonly Dictionary<Guid, string> organisations;

    ParticipantNames(Dictionary<Guid, ForumMember> members, Dictionary<Guid, string> organisations) =>
        (this.members, this.organisations) = (members, organisations);

    public static async Task<ParticipantNames> LoadAsync(IQuerySession session, IEnumerable<Participant> participants, IEnumerable<Guid?> organisationIds, CancellationToken ct)
    {
        if (!participants.Any(p => !p.IsStaff) && !organisationIds.Any(o => o is not null)) return new ParticipantNames([], []);
        var batch = session.CreateBatchQuery();
        var names = Load(batch, participants, organisationIds);
        await batch.Execute(ct);
        return await names;
    }

    /// <summary>The names' reads added to <paramref name="batch"/> (one round trip with whatever else it reads); awaited once it ran.</summary>
    public static Task<ParticipantNames> Load(IBatchedQuery batch, IEnumerable<Participant> participants, IEnumerable<Guid?> organisationIds)
    {
        var ids = participants.Where(p => !p.IsStaff).Select(p => Guid.TryParse(p.Id, out var id) ? id : Guid.Empty)
            .Where(id => id != Guid.Empty).Distinct().ToArray();
        var orgIds = organisationIds.OfType<Guid>().Distinct().ToArray();
        var members = ids.Length == 0 ? Task.FromResult<IReadOnlyList<ForumMember>>([]) : batch.LoadMany<ForumMember>().ById(ids);
        var orgs = orgIds.Length == 0 ? Task.FromResult<IReadOnlyList<MemberOrganisation>>([]) : batch.LoadMany<MemberOrganisation>().ById(orgIds);
        return Named(members, orgs);
    }

    static async Task<ParticipantNames> Named(Task<IReadOnlyList<ForumMember>> members, Task<IReadOnlyList<MemberOrganisation>> organisations) =>
        new((await members).ToDictionary(m => m.Id), (await organisations).ToDictionary(o => o.Id, o => o.Name ?? ""));

    /// <summary>Names from documents read already (a write's own reads).</summary>
    public static ParticipantNames Of(IEnumerable<ForumMember> members, IEnumerable<MemberOrganisation> organisations) =>
        new(members.ToDictionary(m => m.Id), organisations.ToDictionary(o => o.Id, o => o.Name ?? ""));

    /// <summary>
    /// The columns of the member <paramref name="alias"/> that naming reads (id, display name, consent, erased), for a page read
    /// in SQL: what <see cref="MemberFrom"/> reads back, without the rest of the member's document.
    /// </summary>
    public static string MemberColumns(string alias) =>
        $"{alias}.id, {alias}.data ->> 'DisplayName', coalesce(({alias}.data ->> 'ListedByConsent')::boolean, false), coalesce(({alias}.data ->> 'Erased')::boolean, false)";

    /// <summary>
    /// SQL: the member id of a participant stored in a document (its id <paramref name="id"/>, its staff flag
    /// <paramref name="isStaff"/>, both SQL expressions), null for staff; what a page joins the member list on. No pattern
    /// check is needed before the cast: a participant who is not staff was written only by someone the Forum found as a
    /// member by the token's subject read as a GUID (<see cref="WriterReads"/>: without a member, no verified organisation,
    /// so no post), and a GUID's only 36-character form is the one PostgreSQL's uuid reads. The length is checked all the
    /// same, so no stored value can make the cast fail. (A regular expression here cost 0.16 ms of a 0.33 ms board page.)
    /// </summary>
    public static string MemberIdSql(string id, string isStaff) =>
        $"case when coalesce(({isStaff})::boolean, false) or length({id}) <> 36 then null else ({id})::uuid end";

    /// <summary>The member in the <see cref="MemberColumns"/> starting at column <paramref name="first"/> (null where the join found none).</summary>
    public static ForumMember? MemberFrom(System.Data.Common.DbDataReader reader, int first) => reader.IsDBNull(first) ? null : new ForumMember
    {
        Id = reader.GetGuid(first), DisplayName = reader.IsDBNull(first + 1) ? null : reader.GetString(first + 1),
        ListedByConsent = reader.GetBoolean(first + 2), Erased = reader.GetBoolean(first + 3),
    };

    /// <summary>Names from members and organisation names read already (a page read in SQL).</summary>
    public static ParticipantNames Of(IEnumerable<ForumMember> members, Dictionary<Guid, string> organisationNames) =>
        new(members.DistinctBy(m => m.Id).ToDictionary(m => m.Id), organisationNames);

    public string? OrganisationName(Guid? id) => id is { } known && organisations.TryGetValue(known, out var name) ? name : null;

    public ParticipantResponse Of(Participant participant, Guid? organisationId = null)
    {
        if (participant.IsStaff) return new ParticipantResponse(participant.StaffName ?? "Network staff", true, false);
        var member = Guid.TryParse(participant.Id, out var id) ? members.GetValueOrDefault(id) : null;
        if (member is { Erased: true }) return new ParticipantResponse(FormerMember, false, true);
        if (member is { ListedByConsent: true, DisplayName: { } name }) return new ParticipantResponse(name, false, false);
        return new ParticipantResponse(OrganisationName(organisationId) is { Length: > 0 } org ? $"{Member} of {org}" : Member, false, false);
    }
}
