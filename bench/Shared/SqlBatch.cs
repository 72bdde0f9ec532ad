using Npgsql;

namespace Network.Bench;

public static class SqlBatch
{
    /// <summary>
    /// Several statements sent in one round trip inside <paramref name="transaction"/>, each with its $1.. values:
    /// how a hand-written raw path keeps its round trips to the minimum its decision allows.
    /// </summary>
    public static NpgsqlBatch Of(NpgsqlConnection connection, NpgsqlTransaction transaction, params (string Sql, object[] Values)[] commands)
    {
        var batch = new NpgsqlBatch(connection, transaction);
        foreach (var (sql, values) in commands)
        {
            var command = new NpgsqlBatchCommand(sql);
            foreach (var value in values) command.Parameters.Add(new NpgsqlParameter { Value = value });
            batch.BatchCommands.Add(command);
        }
        return batch;
    }
}
