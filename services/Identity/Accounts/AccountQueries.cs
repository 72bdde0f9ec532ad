using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace Network.Identity.Accounts;

/// <summary>Account lookups ASP.NET Core Identity has no method for (kept apart from Marten's LINQ extensions).</summary>
public static class AccountQueries
{
    public static Task<Account?> FindByPersonAsync(this UserManager<Account> accounts, Guid personId, CancellationToken ct) =>
        accounts.Users.FirstOrDefaultAsync(a => a.PersonId == personId, ct);
}
