using System.Security.Claims;
using Marten;
using Network.Directory.Organisations;
using Network.Platform.Auth;
using Network.Platform.Http;

namespace Network.Directory.People;

/// <summary>Who may see and change whom: the rules every people endpoint shares.</summary>
public static class MemberManagement
{
    /// <summary>The person the caller's token belongs to (linked by the token's subject), if they recorded themselves.</summary>
    public static async Task<Person?> CallerAsync(ClaimsPrincipal user, IQuerySession session, CancellationToken ct)
    {
        var subject = user.FindFirstValue(NetworkClaims.Subject);
        if (!user.IsSignedIn() || string.IsNullOrEmpty(subject)) return null;
        return await session.Query<Person>().FirstOrDefaultAsync(p => p.Subject == subject, ct);
    }

    /// <summary>
    /// The organisation must exist (404); staff, or a person who owns it, may manage its members (403 otherwise).
    /// Ownership is read from the Directory's own memberships, not from the token: a token may be older than a
    /// change of owners.
    /// </summary>
    public static async Task<Organisation> EnsureMayManageAsync(ClaimsPrincipal user, Guid organisationId, IQuerySession session, CancellationToken ct)
    {
        var organisation = await session.LoadAsync<Organisation>(organisationId, ct)
            ?? throw new ResourceNotFound("Organisation", organisationId);
        if (user.IsStaff()) return organisation;
        var caller = await CallerAsync(user, session, ct);
        if (caller is null || !caller.IsOwnerOf(organisationId))
            throw new Forbidden("Only staff or an owner of this organisation may manage its members.");
        return organisation;
    }

    /// <summary>Personal data is never public: staff and the person themself read and change it (403 for everyone else).</summary>
    public static async Task<Person> EnsureMaySeeAsync(ClaimsPrincipal user, Guid personId, IQuerySession session, CancellationToken ct)
    {
        var person = await session.LoadAsync<Person>(personId, ct);
        if (person is null) throw new ResourceNotFound("Person", personId);
        if (user.IsStaff()) return person;
        var subject = user.FindFirstValue(NetworkClaims.Subject);
        if (person.Subject is null || person.Subject != subject)
            throw new Forbidden("Only staff and the person themself may see or change a person's data.");
        return person;
    }
}
