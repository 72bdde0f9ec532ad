using Npgsql;

namespace Network.Bench;

/// <summary>
/// The machine's commit floor: transactions that do nothing (<c>BEGIN; SELECT 1; COMMIT</c>), each on a pooled
/// connection as the raw paths take theirs: two round trips, like the shortest write transaction of a raw path.
/// No write path on this PostgreSQL commits faster at the same concurrency.
/// </summary>
public static class CommitFloor
{
    public const string Sql = "BEGIN; SELECT 1; COMMIT";

    /// <summary><paramref name="count"/> empty transactions, <paramref name="concurrency"/> at a time, after a tenth as many not counted.</summary>
    public static async Task<Measurement> MeasureAsync(NpgsqlDataSource database, int count, int concurrency)
    {
        await Measurement.OfAsync(Math.Max(count / 10, concurrency), concurrency, EmptyTransaction);
        return await Measurement.OfAsync(count, concurrency, EmptyTransaction);

        async Task<bool> EmptyTransaction(int _, CancellationToken ct)
        {
            await using var connection = await database.OpenConnectionAsync(ct);
            // Npgsql sends the BEGIN with the first command: one round trip for it and the SELECT, one for the COMMIT.
            await using var transaction = await connection.BeginTransactionAsync(ct);
            await using (var command = new NpgsqlCommand("select 1", connection, transaction))
                await command.ExecuteScalarAsync(ct);
            await transaction.CommitAsync(ct);
            return true;
        }
    }

    /// <summary>
    /// The server's durability settings, for the report: the tests' PostgreSQL runs with fsync and synchronous_commit
    /// off, so no commit waits for the disk and every floor is round trips and the server's own work.
    /// </summary>
    public static async Task<string> DurabilityAsync(NpgsqlDataSource database)
    {
        await using var command = database.CreateCommand(
            "select current_setting('server_version'), current_setting('fsync'), current_setting('synchronous_commit')");
        await using var reader = await command.ExecuteReaderAsync();
        await reader.ReadAsync();
        return $"PostgreSQL {reader.GetString(0)}, fsync {reader.GetString(1)}, synchronous_commit {reader.GetString(2)}";
    }
}
