using System.Security.Claims;
using Marten;
using Network.Directory.People;
using Network.Platform.Auth;
using Network.Platform.Http;

namespace Network.Directory.Organisations;

/// <summary>Rules several organisation use cases share.</summary>
public static class OrganisationRules
{
    /// <summary>An archived organisation is kept for the record and changes no more (409).</summary>
    public static void EnsureNotArchived(Organisation current)
    {
        if (current.IsArchived)
            throw new DomainRuleViolation($"Organisation '{current.Id}' is archived and can no longer be changed.", title: "Archived");
    }

    /// <summary>
    /// Staff, or a person who owns the organisation according to the Directory's memberships (not the token, which
    /// may be older than a change of owners); 403 for everyone else.
    /// </summary>
    public static async Task EnsureStaffOrOwnerAsync(ClaimsPrincipal user, Guid organisationId, IQuerySession session, string what, CancellationToken ct)
    {
        if (user.IsStaff()) return;
        var caller = await MemberManagement.CallerAsync(user, session, ct);
        if (caller is null || !caller.IsOwnerOf(organisationId))
            throw new Forbidden($"Only staff or an owner of this organisation may {what}.");
    }
}
