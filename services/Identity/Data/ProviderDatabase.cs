using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Network.Identity.Accounts;
using Network.Identity.SignIn;
using Network.Platform.Auth;
using OpenIddict.Abstractions;

namespace Network.Identity.Data;

/// <summary>
/// Before the provider starts anything (Data Protection reads its keys from this schema when the host starts): its
/// schema is migrated to the code's (EF Core migrations, which lock against a second replica doing the same), and what
/// must exist does: the staff role, the first-party clients and API scopes, the bootstrap staff account.
/// </summary>
public static class ProviderDatabase
{
    public static async Task PrepareProviderDatabaseAsync(this WebApplication app, CancellationToken cancellationToken = default)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var services = scope.ServiceProvider;
        var database = services.GetRequiredService<IdentityDb>().Database;
        // On a new database EF Core's first look at its history table is a failing query that it and PostgreSQL log as
        // errors (and then handles); the same table made beforehand keeps a first start's logs clean.
        await database.ExecuteSqlRawAsync($"""
            CREATE SCHEMA IF NOT EXISTS {IdentityDb.Schema};
            CREATE TABLE IF NOT EXISTS {IdentityDb.Schema}.{IdentityDb.MigrationsHistoryTable} (
                "MigrationId" character varying(150) NOT NULL PRIMARY KEY, "ProductVersion" character varying(32) NOT NULL);
            """, cancellationToken);
        await database.MigrateAsync(cancellationToken);

        var roles = services.GetRequiredService<RoleManager<IdentityRole<Guid>>>();
        if (!await roles.RoleExistsAsync(Roles.Staff))
            (await roles.CreateAsync(new IdentityRole<Guid>(Roles.Staff) { Id = Guid.CreateVersion7() })).ThrowIfFailed();

        var options = services.GetRequiredService<IOptions<ProviderOptions>>();
        await FirstPartyClients.EnsureAsync(services.GetRequiredService<IOpenIddictApplicationManager>(),
            services.GetRequiredService<IOpenIddictScopeManager>(), options.Value, cancellationToken);
        await BootstrapStaff.EnsureAsync(services.GetRequiredService<UserManager<Account>>(), options.Value.BootstrapStaff,
            services.GetRequiredService<TimeProvider>());
    }
}
