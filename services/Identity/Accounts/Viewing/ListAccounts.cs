using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Network.Platform.Auth;
using Network.Platform.Http;

namespace Network.Identity.Accounts.Viewing;

public static class ListAccounts
{
    /// <summary>GET /accounts?q=: staff only; by e-mail or name (contains, case-insensitive), paged.</summary>
    public static async Task<Ok<Page<AccountResponse>>> Handle(string? q, int? page, int? pageSize,
        UserManager<Account> accounts, TimeProvider clock, CancellationToken ct)
    {
        var validation = new Validation().MaxLength("q", q, 200);
        var (pageNumber, size) = Paging.Validate(page, pageSize, validation);
        validation.ThrowIfInvalid();

        var query = accounts.Users.AsNoTracking();
        if (!string.IsNullOrWhiteSpace(q))
        {
            var pattern = $"%{q.Trim().Replace("\\", "\\\\").Replace("%", "\\%").Replace("_", "\\_")}%";
            query = query.Where(a => EF.Functions.ILike(a.Email!, pattern) || EF.Functions.ILike(a.DisplayName, pattern));
        }
        var total = await query.LongCountAsync(ct);
        var items = await query.OrderBy(a => a.DisplayName).ThenBy(a => a.Id)
            .Skip((pageNumber - 1) * size).Take(size).ToListAsync(ct);
        var responses = new List<AccountResponse>(items.Count);
        foreach (var account in items) responses.Add(await AccountResponse.FromAsync(account, accounts, clock));
        return TypedResults.Ok(new Page<AccountResponse>(responses, pageNumber, size, total));
    }

    /// <summary>GET /accounts/{id}: staff, or the account's own holder.</summary>
    public static async Task<Ok<AccountResponse>> HandleOne(Guid id, HttpContext http, UserManager<Account> accounts, TimeProvider clock)
    {
        if (!http.User.IsStaff() && http.User.Actor().Id != id.ToString())
            throw new Forbidden("Only staff and the account's holder may see an account.");
        var account = await accounts.FindByIdAsync(id.ToString()) ?? throw new ResourceNotFound("Account", id);
        return TypedResults.Ok(await AccountResponse.FromAsync(account, accounts, clock));
    }
}
