using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Identity;
using Network.Identity.SignIn;
using Network.Platform.Auth;

namespace Network.Identity.Accounts;

/// <summary>
/// The one staff account that exists from the first start, for development and scripts: its password is the AppHost's
/// generated <c>bootstrap-staff-password</c> parameter, set again at every start (so the README's way of reading it
/// from the user secrets always works). Not a Directory person. Without a configured password there is none.
/// </summary>
public static class BootstrapStaff
{
    public const string DisplayName = "Network staff";

    /// <summary>The same id for the same address at every start, so history ("who did it") names one account.</summary>
    public static Guid IdFor(string email) =>
        new(SHA256.HashData(Encoding.UTF8.GetBytes("network-bootstrap-staff:" + email.Trim().ToLowerInvariant())).AsSpan(0, 16));

    public static async Task EnsureAsync(UserManager<Account> accounts, BootstrapStaffOptions options, TimeProvider clock)
    {
        if (string.IsNullOrWhiteSpace(options.Password)) return;
        var email = options.Email.Trim();
        var id = IdFor(email);
        var account = await accounts.FindByIdAsync(id.ToString());
        if (account is null)
        {
            var now = clock.GetUtcNow();
            account = new Account
            {
                Id = id, UserName = email, Email = email, EmailConfirmed = true, DisplayName = DisplayName,
                CreatedAt = now, ActivatedAt = now, LockoutEnabled = true,
            };
            (await accounts.CreateAsync(account, options.Password)).ThrowIfFailed();
        }
        else if (!await accounts.CheckPasswordAsync(account, options.Password))
        {
            (await accounts.RemovePasswordAsync(account)).ThrowIfFailed();
            (await accounts.AddPasswordAsync(account, options.Password)).ThrowIfFailed();
        }
        if (!await accounts.IsInRoleAsync(account, Roles.Staff))
            (await accounts.AddToRoleAsync(account, Roles.Staff)).ThrowIfFailed();
    }
}
