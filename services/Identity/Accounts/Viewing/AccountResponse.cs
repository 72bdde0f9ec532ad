using Microsoft.AspNetCore.Identity;

namespace Network.Identity.Accounts.Viewing;

public enum AccountStatus { Invited, Active, LockedOut, Closed }

/// <summary>An account as staff (or its owner) see it. Never a password hash, security stamp or authenticator key.</summary>
public sealed record AccountResponse(
    Guid Id, string? Email, string DisplayName, Guid? PersonId, IReadOnlyList<string> Roles, AccountStatus Status,
    bool TwoFactorEnabled, DateTimeOffset CreatedAt, DateTimeOffset? ActivatedAt, DateTimeOffset? ClosedAt, DateTimeOffset? LockedUntil)
{
    public static async Task<AccountResponse> FromAsync(Account account, UserManager<Account> accounts, TimeProvider clock)
    {
        var lockedUntil = account.LockoutEnd is { } end && end > clock.GetUtcNow() && account.ClosedAt is null ? end : (DateTimeOffset?)null;
        var status = account.ClosedAt is not null ? AccountStatus.Closed
            : account.ActivatedAt is null ? AccountStatus.Invited
            : lockedUntil is not null ? AccountStatus.LockedOut
            : AccountStatus.Active;
        return new AccountResponse(account.Id, account.ClosedAt is null ? account.Email : null, account.DisplayName, account.PersonId,
            [.. await accounts.GetRolesAsync(account)], status, account.TwoFactorEnabled, account.CreatedAt,
            account.ActivatedAt, account.ClosedAt, lockedUntil);
    }
}
