using System.Security.Claims;
using Network.Platform.Auth;

namespace Network.Directory.Organisations.Viewing;

/// <summary>
/// Who sees which organisation, the one rule every read of the Directory applies: the public sees verified, not
/// archived, Public entries; signed-in members also the Members ones; staff everything; and whoever acts for an
/// organisation always sees their own.
/// </summary>
public static class OrganisationVisibility
{
    public static bool MaySee(this ClaimsPrincipal user, Organisation organisation) =>
        user.IsStaff()
        || user.Organisations().Contains(organisation.Id)
        || (organisation.Verification == VerificationState.Verified && !organisation.IsArchived &&
            (organisation.Details.Visibility == Visibility.Public || (user.IsSignedIn() && organisation.Details.Visibility == Visibility.Members)));

    /// <summary>Whether the reader (who may see the organisation) sees its contact e-mail, as the organisation chose.</summary>
    public static bool MaySeeContactOf(this ClaimsPrincipal user, Organisation organisation) =>
        user.IsStaff()
        || user.Organisations().Contains(organisation.Id)
        || organisation.Details.ContactVisibility == Visibility.Public
        || (organisation.Details.ContactVisibility == Visibility.Members && user.IsSignedIn());

    /// <summary>The same rule as a query filter (Marten translates it to SQL).</summary>
    public static IQueryable<Organisation> VisibleTo(this IQueryable<Organisation> query, ClaimsPrincipal user)
    {
        if (user.IsStaff()) return query;
        var own = user.Organisations().ToArray();
        if (!user.IsSignedIn())
            return query.Where(o => o.Verification == VerificationState.Verified && !o.IsArchived && o.Details.Visibility == Visibility.Public);
        return query.Where(o =>
            (o.Verification == VerificationState.Verified && !o.IsArchived &&
             (o.Details.Visibility == Visibility.Public || o.Details.Visibility == Visibility.Members))
            || own.Contains(o.Id));
    }
}
