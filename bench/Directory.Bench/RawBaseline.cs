using System.Text.RegularExpressions;
using Npgsql;
using NpgsqlTypes;

namespace Network.Bench.Directory;

/// <summary>
/// The floor: the same organisation documents (the JSON Marten stores for them) as plain rows
/// <c>(id uuid primary key, data jsonb)</c>, one INSERT per row and connection-pooled, <c>parallelism</c> at a time,
/// into a table carrying the same indexes as Marten's <c>mt_doc_organisation</c> (copied from <c>pg_indexes</c>); and
/// hand-written SELECTs with the same predicates, so the same indexes serve them.
/// </summary>
public sealed partial class RawBaseline(NpgsqlDataSource database, int parallelism)
{
    public const string Table = "bench_raw_organisation";

    /// <summary>The indexed tsvector expressions of the two search indexes, as PostgreSQL stores them.</summary>
    public string GermanVector { get; private set; } = "";
    public string EnglishVector { get; private set; } = "";
    public IReadOnlyList<string> CopiedIndexes { get; private set; } = [];

    public async Task CreateTableAsync()
    {
        await Execute($"drop table if exists {Table}; create table {Table} (id uuid primary key, data jsonb not null)");
        var definitions = new List<(string Name, string Definition)>();
        await using (var command = database.CreateCommand(
            "select indexname, indexdef from pg_indexes where tablename = 'mt_doc_organisation' and indexname <> 'pkey_mt_doc_organisation_id'"))
        await using (var reader = await command.ExecuteReaderAsync())
            while (await reader.ReadAsync()) definitions.Add((reader.GetString(0), reader.GetString(1)));

        var copied = new List<string>();
        foreach (var (name, definition) in definitions)
        {
            // Marten's metadata columns (mt_last_modified ...) do not exist on the raw table; only data indexes are copied.
            if (!definition.Contains("(data", StringComparison.Ordinal) && !definition.Contains("data ->", StringComparison.Ordinal)) continue;
            var raw = definition.Replace(name, "raw_" + name).Replace("public.mt_doc_organisation", Table).Replace(" mt_doc_organisation ", $" {Table} ");
            await Execute(raw);
            copied.Add(name);
            if (name.EndsWith("_search_de", StringComparison.Ordinal)) GermanVector = GinExpression(definition);
            if (name.EndsWith("_search_en", StringComparison.Ordinal)) EnglishVector = GinExpression(definition);
        }
        if (GermanVector.Length == 0 || EnglishVector.Length == 0)
            throw new InvalidOperationException("The Directory's search indexes were not found on mt_doc_organisation.");
        CopiedIndexes = copied;
    }

    static string GinExpression(string definition)
    {
        var start = definition.IndexOf("USING gin (", StringComparison.Ordinal) + "USING gin (".Length;
        return definition[start..definition.LastIndexOf(')')];
    }

    public async Task<Throughput> InsertAsync(IReadOnlyList<(Guid Id, string Json)> rows)
    {
        var started = Clock.Now;
        await Parallel.ForEachAsync(rows, new ParallelOptions { MaxDegreeOfParallelism = parallelism }, async (row, ct) =>
        {
            await using var command = database.CreateCommand($"insert into {Table} (id, data) values ($1, $2)");
            command.Parameters.Add(new NpgsqlParameter { Value = row.Id });
            command.Parameters.Add(new NpgsqlParameter { Value = row.Json, NpgsqlDbType = NpgsqlDbType.Jsonb });
            await command.ExecuteNonQueryAsync(ct);
        });
        return new Throughput(rows.Count, TimeSpan.FromMilliseconds(Clock.Ms(started, Clock.Now)), rows.Count);
    }

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
