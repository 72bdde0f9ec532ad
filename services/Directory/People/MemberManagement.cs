using System.Security.Claims;
using Marten;
using Network.Directory.Organisations;
using Network.Platform.Auth;
using Network.Platform.Http;

namespace Network.Directory.People;

/// <summary>Who may see and change whom: the rules every people endpoint shares.</summary>
public static class MemberManagement
{
    /// <summary>
    /// The person the caller's token belongs to: an account the provider made from an invitation has the person's id as
    /// its subject; a person who recorded themselves is linked by the subject they recorded with.
    /// </summary>
    public static async Task<Person?> CallerAsync(ClaimsPrincipal user, IQuerySession session, CancellationToken ct)
    {
        var subject = user.FindFirstValue(NetworkClaims.Subject);
        if (!user.IsSignedIn() || string.IsNullOrEmpty(subject)) return null;
        if (Guid.TryParse(subject, out var personId) && await session.LoadAsync<Person>(personId, ct) is { } invited)
            return invited;
        return await session.Query<Person>().FirstOrDefaultAsync(p => p.Subject == subject, ct);
    }

    /// <summary>Whether the token is this person's own (see <see cref="CallerAsync"/>).</summary>
    public static bool IsThemself(this ClaimsPrincipal user, Person person)
    {
        var subject = user.FindFirstValue(NetworkClaims.Subject);
        return user.IsSignedIn() && subject is not null && (person.Subject == subject || person.Id.ToString() == subject);
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
        await OrganisationRules.EnsureStaffOrOwnerAsync(user, organisationId, session, "manage its members", ct);
        return organisation;
    }

    /// <summary>Personal data is never public: staff and the person themself read and change it (403 for everyone else).</summary>
    public static async Task<Person> EnsureMaySeeAsync(ClaimsPrincipal user, Guid personId, IQuerySession session, CancellationToken ct)
    {
        var person = await session.LoadAsync<Person>(personId, ct);
        if (person is null) throw new ResourceNotFound("Person", personId);
        if (user.IsStaff()) return person;
        if (!user.IsThemself(person))
            throw new Forbidden("Only staff and the person themself may see or change a person's data.");
        return person;
    }
}
