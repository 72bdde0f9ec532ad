using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;
using Network.Identity.Accounts.Viewing;
using Network.Identity.Audit;
using Network.Platform.Auth;
using Network.Platform.Http;

namespace Network.Identity.Accounts.ChangingRoles;

/// <param name="Roles">The roles staff give: <c>staff</c> or none (member and coordinator follow from the Directory).</param>
public sealed record ChangeRolesRequest(IReadOnlyList<string>? Roles);

public static class ChangeRoles
{
    /// <summary>
    /// PUT /accounts/{id}/roles: staff only. Takes effect at the account's next sign-in or refresh (access tokens
    /// live minutes). Staff cannot take the staff role from themselves, so the last staff member cannot lock everyone out.
    /// </summary>
    public static async Task<Ok<AccountResponse>> Handle(Guid id, ChangeRolesRequest request, HttpContext http,
        UserManager<Account> accounts, AuditLog audit, TimeProvider clock, CancellationToken ct)
    {
        var v = new Validation();
        if (request.Roles is null) v.Add("roles", "'roles' is required: [\"staff\"] or [].");
        foreach (var role in (request.Roles ?? []).Where(r => r != Roles.Staff))
            v.Add("roles", $"'{role}' cannot be given: only '{Roles.Staff}' can; member and coordinator follow from the Directory.");
        v.ThrowIfInvalid();

        var account = await accounts.FindByIdAsync(id.ToString());
        if (account is null || account.ClosedAt is not null) throw new ResourceNotFound("Account", id);
        var actor = http.User.Actor();
        var wantStaff = request.Roles!.Contains(Roles.Staff);
        var isStaff = await accounts.IsInRoleAsync(account, Roles.Staff);
        if (!wantStaff && isStaff && actor.Id == account.Id.ToString())
            throw new DomainRuleViolation("Staff cannot take the staff role from themselves; ask another staff member.");

        if (wantStaff != isStaff)
        {
            (wantStaff ? await accounts.AddToRoleAsync(account, Roles.Staff) : await accounts.RemoveFromRoleAsync(account, Roles.Staff))
                .ThrowIfFailed();
            await audit.RecordAsync(AuditKind.RolesChanged, account.Id.ToString(), actor.Id,
                wantStaff ? "Staff role given." : "Staff role taken away.", ct: ct);
        }
        return TypedResults.Ok(await AccountResponse.FromAsync(account, accounts, clock));
    }
}
