using System.Linq.Expressions;
using Marten;
using Marten.Linq;
using Marten.Services.BatchQuerying;
using Network.Platform.Http;

namespace Network.Directory.Organisations;

/// <summary>Another organisation of the same municipality already has this name (409, naming it).</summary>
public sealed class DuplicateOrganisationName(Guid existingId, string existingName, string municipalityAgs)
    : DomainRuleViolation(
        $"Organisation '{existingName}' ({existingId}) in municipality {municipalityAgs} already has this name; " +
        "join or claim it instead of registering it again.",
        title: "Duplicate organisation name",
        extensions: new Dictionary<string, object?>
        {
            ["existingOrganisationId"] = existingId,
            ["existingOrganisationName"] = existingName,
        });

/// <summary>
/// One name per municipality (case-insensitive, trimmed; archived organisations release theirs). The check before
/// writing gives the friendly answer; the unique index on <see cref="Organisation.NameKey"/> makes it race-safe:
/// of two registrations racing each other, the second insert of the inline snapshot fails and is answered the same way.
/// </summary>
public static class DuplicateNames
{
    public const string IndexName = "organisation_name_key";

    public static void Configure(StoreOptions store) =>
        store.Schema.For<Organisation>().UniqueIndex(Marten.Schema.UniqueIndexType.Computed, IndexName, o => o.NameKey!);

    public static async Task<Organisation?> FindAsync(IQuerySession session, string name, string municipalityAgs, Guid? except, CancellationToken ct)
    {
        var key = OrganisationNames.Key(name, municipalityAgs);
        return OtherThan(except, await session.Query<Organisation>().Where(o => o.NameKey == key).ToListAsync(ct));
    }

    /// <exception cref="DuplicateOrganisationName">another organisation holds the name.</exception>
    public static async Task EnsureFreeAsync(IQuerySession session, string name, string municipalityAgs, Guid? except, CancellationToken ct) =>
        EnsureFree(await FindAsync(session, name, municipalityAgs, except, ct));

    /// <summary>
    /// The organisations holding the name in its municipality (at most one, by the unique index), read in a batch. A
    /// compiled query: registering runs it every time, and Marten plans it once instead of parsing the LINQ per call.
    /// </summary>
    public static async Task<IReadOnlyList<Organisation>> HoldersOf(IBatchedQuery batch, string name, string municipalityAgs) =>
        (await batch.Query(new Holding { NameKey = OrganisationNames.Key(name, municipalityAgs) })).ToList();

    /// <summary>The organisations whose <see cref="Organisation.NameKey"/> is <see cref="NameKey"/>.</summary>
    public sealed class Holding : ICompiledListQuery<Organisation>
    {
        public string NameKey { get; set; } = "";

        public Expression<Func<IMartenQueryable<Organisation>, IEnumerable<Organisation>>> QueryIs() =>
            organisations => organisations.Where(o => o.NameKey == NameKey);
    }

    /// <exception cref="DuplicateOrganisationName">one of <paramref name="holders"/> other than <paramref name="except"/> holds the name.</exception>
    public static void EnsureFree(IReadOnlyList<Organisation> holders, Guid? except) => EnsureFree(OtherThan(except, holders));

    static Organisation? OtherThan(Guid? except, IEnumerable<Organisation> holders) => holders.FirstOrDefault(o => o.Id != except);

    static void EnsureFree(Organisation? holder)
    {
        if (holder is not null)
            throw new DuplicateOrganisationName(holder.Id, holder.Name, holder.MunicipalityAgs);
    }

    // Marten throws the PostgresException itself from an event append, wrapped in a MartenCommandException elsewhere.
    static bool IsNameTaken(Exception? e)
    {
        for (; e is not null; e = e.InnerException)
            if (e is Npgsql.PostgresException { SqlState: Npgsql.PostgresErrorCodes.UniqueViolation } unique &&
                unique.ConstraintName?.Contains(IndexName, StringComparison.Ordinal) == true)
                return true;
        return false;
    }

    /// <summary>Runs a write that may claim a name; a lost race on the unique index becomes <see cref="DuplicateOrganisationName"/>.</summary>
    public static async Task<T> WriteAsync<T>(
        IDocumentStore store, string name, string municipalityAgs, Guid self, Func<Task<T>> write, CancellationToken ct)
    {
        try
        {
            return await write();
        }
        catch (Exception e) when (IsNameTaken(e))
        {
            await using var fresh = store.QuerySession();
            if (await FindAsync(fresh, name, municipalityAgs, self, ct) is { } winner)
                throw new DuplicateOrganisationName(winner.Id, winner.Name, winner.MunicipalityAgs);
            throw;
        }
    }
}
