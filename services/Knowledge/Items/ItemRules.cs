using System.Security.Claims;
using Network.Platform.Auth;
using Network.Platform.Http;

namespace Network.Knowledge.Items;

/// <summary>Who may see and change an item, and in which states it may be changed.</summary>
public static class ItemRules
{
    /// <summary>Staff, and members acting for the item's organisation.</summary>
    public static bool IsOwnerOrStaff(this ClaimsPrincipal user, KnowledgeItem item) =>
        user.IsStaff() || (item.OrganisationId is { } org && user.IsSignedIn() && user.Organisations().Contains(org));

    /// <summary>The public sees published items only; the organisation's members also see theirs in every state; staff see everything.</summary>
    public static bool MaySee(this ClaimsPrincipal user, KnowledgeItem item) => item.IsPublic || user.IsOwnerOrStaff(item);

    /// <summary>403 for a published item, 404 for one the caller may not even see (as GET answers).</summary>
    public static void EnsureOwnerOrStaff(ClaimsPrincipal user, KnowledgeItem item, string action)
    {
        if (!user.MaySee(item)) throw new ResourceNotFound("Item", item.Id);
        if (!user.IsOwnerOrStaff(item))
            throw new Forbidden($"Only staff or members of the item's organisation may {action} it.");
    }

    public static void EnsureStaff(ClaimsPrincipal user, string action)
    {
        if (!user.IsStaff()) throw new Forbidden($"Only staff may {action} an item.");
    }

    /// <summary>409 unless the item is in one of <paramref name="allowed"/>.</summary>
    public static void EnsureStatus(KnowledgeItem item, string action, params ItemStatus[] allowed)
    {
        if (!allowed.Contains(item.Status))
            throw new DomainRuleViolation(
                $"An item that is {item.Status} cannot be {action}; it must be {string.Join(" or ", allowed)}.",
                StatusCodes.Status409Conflict, "Not possible in this state");
    }

    /// <summary>
    /// A review decision names the revision the reviewer read: if the content changed since, the decision would be about
    /// something else (409), whatever the stream version the client sent.
    /// </summary>
    public static void EnsureRevision(KnowledgeItem item, int? reviewed)
    {
        if (reviewed is null)
            throw new RequestValidationException(new Dictionary<string, string[]> { ["revision"] = ["'revision' (the revision you reviewed) is required."] });
        if (reviewed != item.Revision)
            throw new DomainRuleViolation(
                $"The item is at revision {item.Revision}, not {reviewed}: it changed after you read it. Read it again.",
                StatusCodes.Status409Conflict, "Changed since it was reviewed");
    }

    public static string RequiredText(string field, string? value, int max)
    {
        new Validation().Required(field, value, max).ThrowIfInvalid();
        return value!.Trim();
    }
}
