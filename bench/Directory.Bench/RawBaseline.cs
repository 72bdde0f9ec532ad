using System.Text.RegularExpressions;
using Npgsql;
using NpgsqlTypes;
using Network.Directory.Search;

namespace Network.Bench.Directory;

/// <summary>
/// The floor and the search table: the organisation documents Marten stored (after verifying) as plain rows
/// <c>(id uuid primary key, data jsonb)</c>, one autocommit INSERT per row on a pooled connection, <c>parallelism</c>
/// at a time, into a table carrying the same indexes as Marten's <c>mt_doc_organisation</c> (copied from
/// <c>pg_indexes</c>): no check, no event, one round trip, so no write of these rows can be cheaper. Then
/// hand-written SELECTs with the same predicates on it, so the same indexes serve them.
/// </summary>
public sealed partial class RawBaseline(NpgsqlDataSource database, int parallelism)
{
    public const string Table = "bench_raw_organisation";

    /// <summary>The stored tsvector columns of the raw tables (see <see cref="CopyIndexesAsync"/>).</summary>
    public const string GermanVector = SearchVectors.German;
    public const string EnglishVector = SearchVectors.English;
    public IReadOnlyList<string> CopiedIndexes { get; private set; } = [];

    public async Task CreateTableAsync()
    {
        await Execute($"drop table if exists {Table}; create table {Table} (id uuid primary key, data jsonb not null)");
        CopiedIndexes = await CopyIndexesAsync(database, Table, "raw_");
    }

    /// <summary>
    /// Gives <paramref name="table"/> (with an <c>id</c> and a <c>data</c> column) every index of <c>mt_doc_organisation</c>
    /// on its data (Marten's metadata columns do not exist there), named with <paramref name="prefix"/>, and the
    /// Directory's two search vectors as the plain way stores them: generated columns of the same expressions
    /// (<see cref="SearchVectors"/>) with the same GIN indexes as <c>organisation_search</c>, where the Directory keeps
    /// them in a table of their own written by a trigger. Returns the names of what it copied.
    /// </summary>
    public static async Task<IReadOnlyList<string>> CopyIndexesAsync(NpgsqlDataSource database, string table, string prefix)
    {
        var definitions = new List<(string Name, string Definition)>();
        await using (var command = database.CreateCommand(
            "select indexname, indexdef from pg_indexes where tablename = 'mt_doc_organisation' and indexname <> 'pkey_mt_doc_organisation_id'"))
        await using (var reader = await command.ExecuteReaderAsync())
            while (await reader.ReadAsync()) definitions.Add((reader.GetString(0), reader.GetString(1)));

        var copied = new List<string>();
        foreach (var (name, definition) in definitions)
        {
            if (!definition.Contains("(data", StringComparison.Ordinal) && !definition.Contains("data ->", StringComparison.Ordinal)) continue;
            var raw = definition.Replace(name, prefix + name).Replace("public.mt_doc_organisation", table).Replace(" mt_doc_organisation ", $" {table} ");
            await using (var create = database.CreateCommand(raw)) await create.ExecuteNonQueryAsync();
            copied.Add(name);
        }
        await using (var vectors = database.CreateCommand($"""
            alter table {table}
                add column {GermanVector} tsvector not null generated always as ({SearchVectors.GermanVector("data")}) stored,
                add column {EnglishVector} tsvector not null generated always as ({SearchVectors.EnglishVector("data")}) stored;
            create index {prefix}{SearchVectors.Table}_{GermanVector} on {table} using gin ({GermanVector});
            create index {prefix}{SearchVectors.Table}_{EnglishVector} on {table} using gin ({EnglishVector});
            """))
            await vectors.ExecuteNonQueryAsync();
        copied.Add($"{SearchVectors.Table} ({GermanVector}, {EnglishVector}, as generated columns)");
        if (!copied.Any(n => n.Contains(Network.Directory.Organisations.DuplicateNames.IndexName, StringComparison.Ordinal)))
            throw new InvalidOperationException("The Directory's unique name key was not found on mt_doc_organisation.");
        return copied;
    }

    public async Task<Measurement> InsertAsync(IReadOnlyList<(Guid Id, string Json)> rows) =>
        await Measurement.OfAsync(rows.Count, parallelism, async (i, ct) =>
        {
            await using var command = database.CreateCommand($"insert into {Table} (id, data) values ($1, $2)");
            command.Parameters.Add(new NpgsqlParameter { Value = rows[i].Id });
            command.Parameters.Add(new NpgsqlParameter { Value = rows[i].Json, NpgsqlDbType = NpgsqlDbType.Jsonb });
            await command.ExecuteNonQueryAsync(ct);
            return true;
        });

    public async Task AnalyzeAsync() => await Execute($"analyze {Table}; analyze mt_doc_organisation");

    /// <summary>One page (20 rows, with the total as a window count) of a hand-written query.</summary>
    public async Task<long> SelectAsync(RawQuery query)
    {
        await using var command = database.CreateCommand(
            $"select data, count(*) over() from {Table} where {query.Where} order by {query.OrderBy} limit 20");
        foreach (var value in query.Parameters) command.Parameters.Add(new NpgsqlParameter { Value = value });
        await using var reader = await command.ExecuteReaderAsync();
        long total = 0;
        while (await reader.ReadAsync())
        {
            _ = reader.GetString(0);
            total = reader.GetInt64(1);
        }
        return total;
    }

    public async Task DropAsync() => await Execute($"drop table if exists {Table}");

    async Task Execute(string sql)
    {
        await using var command = database.CreateCommand(sql);
        await command.ExecuteNonQueryAsync();
    }

    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();

    public static string Compact(string sql) => Whitespace().Replace(sql, " ").Trim();
}

/// <summary>A hand-written SELECT: its WHERE and ORDER BY with $1.. parameters.</summary>
public sealed record RawQuery(string Where, string OrderBy, object[] Parameters);
