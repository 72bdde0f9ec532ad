using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;
using Network.Identity.Accounts;

namespace Network.Identity.Data;

/// <summary>
/// The stores the identity libraries ship, in their own schema of the Identity service's database: ASP.NET Core
/// Identity's accounts and roles, OpenIddict's applications, authorizations, scopes and tokens, and the Data
/// Protection keys that protect the sign-in cookie (shared by every replica). Marten keeps the rest in its own schema.
/// </summary>
public sealed class IdentityDb(DbContextOptions<IdentityDb> options)
    : IdentityDbContext<Account, IdentityRole<Guid>, Guid>(options), IDataProtectionKeyContext
{
    public const string Schema = "accounts";
    public const string MigrationsHistoryTable = "__ef_migrations";

    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        builder.HasDefaultSchema(Schema);
        builder.UseOpenIddict();
        builder.Entity<Account>().HasIndex(a => a.PersonId).IsUnique();
    }
}

/// <summary>For <c>dotnet ef migrations add</c>: the model only, no database is opened.</summary>
public sealed class DesignTimeIdentityDb : IDesignTimeDbContextFactory<IdentityDb>
{
    public IdentityDb CreateDbContext(string[] args) => new(new DbContextOptionsBuilder<IdentityDb>()
        .UseNpgsql("Host=localhost;Database=identity", npgsql => npgsql.MigrationsHistoryTable(IdentityDb.MigrationsHistoryTable, IdentityDb.Schema))
        .UseOpenIddict()
        .Options);
}
