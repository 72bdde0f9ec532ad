using System.Security.Claims;
using Marten.Services.BatchQuerying;
using Network.Forum.Members;
using Network.Forum.Organisations;
using Network.Forum.Posts;
using Network.Platform.Auth;
using Network.Platform.Http;

namespace Network.Forum.Posting;

/// <summary>
/// Everything a write needs to know about its writer, read in the round trip of whatever else the write reads: the member
/// (from the Directory's events), the organisations they act for, the organisations their post mentions, and their recent
/// posts (the newcomer limits). Staff need none of it.
/// </summary>
public sealed class WriterReads
{
    public required Poster Poster { get; init; }
    public required AuthorActivity Activity { get; init; }
    /// <summary>Names for the answer: the writer and every organisation read here.</summary>
    public required ParticipantNames Names { get; init; }
    required public IReadOnlyDictionary<Guid, MemberOrganisation> Organisations { get; init; }

    /// <summary>Mentions name organisations of the Forum's member list (verified, not archived): 409 for any other.</summary>
    public void EnsureMentionsKnown(IReadOnlyList<Guid> mentions)
    {
        var unknown = mentions.FirstOrDefault(m => !Organisations.TryGetValue(m, out var o) || !InTheForum(o));
        if (unknown != Guid.Empty)
            throw new DomainRuleViolation($"Organisation '{unknown}' is not in the forum; only organisations of its member list can be mentioned.",
                StatusCodes.Status409Conflict, "Unknown organisation");
    }

    static bool InTheForum(MemberOrganisation o) => o.Verified && !o.Archived && o.RegistrationsApplied > 0;

    /// <summary>Adds the reads to <paramref name="batch"/>; the task completes once the batch ran.</summary>
    public static Task<WriterReads> Read(IBatchedQuery batch, string schema, ClaimsPrincipal user, IReadOnlyList<Guid> mentions, NewcomerLimits limits, DateTimeOffset now)
    {
        var actor = user.Actor();
        var staff = user.IsStaff();
        var personId = Guid.TryParse(actor.Id, out var id) ? id : Guid.Empty;
        var member = staff || personId == Guid.Empty ? Task.FromResult<ForumMember?>(null) : batch.Load<ForumMember>(personId);
        var acting = staff || personId == Guid.Empty ? Task.FromResult<IReadOnlyList<MemberOrganisation>>([])
            : batch.Query<MemberOrganisation>(
                $"where id in (select jsonb_array_elements_text(data -> 'ActingFor')::uuid from {schema}.mt_doc_forummember where id = ?)", personId);
        var mentioned = mentions.Count == 0 ? Task.FromResult<IReadOnlyList<MemberOrganisation>>([]) : batch.LoadMany<MemberOrganisation>().ById([.. mentions]);
        var since = now.AddHours(-1);
        var first = staff ? Task.FromResult<IReadOnlyList<DateTimeOffset>>([]) : batch.Query<Post>().Where(p => p.AuthorId == actor.Id)
            .OrderBy(p => p.CreatedAt).Take(Math.Max(1, limits.Posts)).Select(p => p.CreatedAt).ToList();
        var lastHour = staff ? Task.FromResult<IReadOnlyList<DateTimeOffset>>([]) : batch.Query<Post>().Where(p => p.AuthorId == actor.Id && p.CreatedAt > since)
            .OrderBy(p => p.CreatedAt).Take(Math.Max(1, limits.PostsPerHour)).Select(p => p.CreatedAt).ToList();
        return Combine(actor, staff, member, acting, mentioned, first, lastHour);
    }

    static async Task<WriterReads> Combine(Actor actor, bool staff, Task<ForumMember?> memberRead, Task<IReadOnlyList<MemberOrganisation>> actingRead,
        Task<IReadOnlyList<MemberOrganisation>> mentionedRead, Task<IReadOnlyList<DateTimeOffset>> first, Task<IReadOnlyList<DateTimeOffset>> lastHour)
    {
        var member = await memberRead;
        var acting = await actingRead;
        var organisations = acting.Concat(await mentionedRead).DistinctBy(o => o.Id).ToDictionary(o => o.Id);
        var participant = new Participant(actor.Id, staff, staff ? actor.Name : null);
        var poster = new Poster(participant, [.. acting.Where(InTheForum).Where(o => member?.ActingFor.Contains(o.Id) == true).Select(o => o.Id)],
            member?.Erased == true);
        return new WriterReads
        {
            Poster = poster,
            Activity = new AuthorActivity(await first, await lastHour),
            Organisations = organisations,
            Names = ParticipantNames.Of(member is null ? [] : [member], organisations.Values),
        };
    }
}
