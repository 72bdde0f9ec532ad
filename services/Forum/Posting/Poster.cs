using System.Security.Claims;
using Marten;
using Network.Forum.Members;
using Network.Forum.Organisations;
using Network.Platform.Auth;

namespace Network.Forum.Posting;

/// <summary>
/// The caller as a writer: staff, or a person with the verified organisations they act for according to the Directory's
/// events (the Forum's read models), not according to their token, so a rejected or archived organisation stops its
/// people from posting as soon as the Forum hears of it.
/// </summary>
public sealed record Poster(Participant Participant, IReadOnlyList<Guid> VerifiedOrganisations, bool Erased)
{
    public bool IsStaff => Participant.IsStaff;

    public static async Task<Poster> LoadAsync(ClaimsPrincipal user, IQuerySession session, CancellationToken ct)
    {
        var actor = user.Actor();
        if (user.IsStaff()) return new Poster(new Participant(actor.Id, true, actor.Name), [], false);
        var member = Guid.TryParse(actor.Id, out var personId) ? await session.LoadAsync<ForumMember>(personId, ct) : null;
        var acting = member?.ActingFor ?? [];
        var verified = acting.Count == 0 ? [] : await session.Query<MemberOrganisation>()
            .Where(o => acting.Contains(o.Id) && o.Verified && !o.Archived && o.RegistrationsApplied > 0)
            .Select(o => o.Id).ToListAsync(ct);
        return new Poster(new Participant(actor.Id, false, null), [.. verified], member?.Erased == true);
    }
}
