using Npgsql;

namespace Network.Tests.EndToEnd;

/// <summary>
/// Searches a whole service database for a text: every column of every table in every schema (events, documents,
/// read models, inbox, the identity libraries' tables), each cast to text, case-insensitively. What a data-protection
/// officer would run to check an erasure.
/// </summary>
public static class PersonalDataSearch
{
    /// <returns>every <c>schema.table.column</c> that holds <paramref name="text"/> somewhere.</returns>
    public static async Task<IReadOnlyList<string>> FindAsync(string connectionString, string text)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        var columns = new List<(string Schema, string Table, string Column)>();
        await using (var list = new NpgsqlCommand(
            """
            select c.table_schema, c.table_name, c.column_name
            from information_schema.columns c
            join information_schema.tables t on t.table_schema = c.table_schema and t.table_name = c.table_name
            where t.table_type = 'BASE TABLE' and c.table_schema not in ('pg_catalog', 'information_schema')
            order by 1, 2, 3
            """, connection))
        await using (var reader = await list.ExecuteReaderAsync())
            while (await reader.ReadAsync()) columns.Add((reader.GetString(0), reader.GetString(1), reader.GetString(2)));

        var hits = new List<string>();
        foreach (var table in columns.GroupBy(c => (c.Schema, c.Table)))
        {
            var cast = string.Join(", ", table.Select(c => $"bool_or({Quote(c.Column)}::text ilike @pattern)"));
            await using var search = new NpgsqlCommand($"select {cast} from {Quote(table.Key.Schema)}.{Quote(table.Key.Table)}", connection);
            search.Parameters.AddWithValue("pattern", $"%{text.Replace(@"\", @"\\").Replace("%", @"\%").Replace("_", @"\_")}%");
            await using var reader = await search.ExecuteReaderAsync();
            await reader.ReadAsync();
            var i = 0;
            foreach (var column in table)
            {
                if (!reader.IsDBNull(i) && reader.GetBoolean(i)) hits.Add($"{column.Schema}.{column.Table}.{column.Column}");
                i++;
            }
        }
        return hits;
    }

    static string Quote(string identifier) => "\"" + identifier.Replace("\"", "\"\"") + "\"";
}
