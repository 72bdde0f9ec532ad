using System.Data.Common;
using Marten;
using Npgsql;

namespace Network.Forum;

/// <summary>
/// The Forum's hottest reads (a thread's page, a board's page) written as plain SQL over Marten's tables, on Marten's own
/// connections: one round trip, the documents joined in PostgreSQL instead of read by statements of their own, and no
/// query for Marten to parse per request. The documents still come out through Marten's serializer, so they are exactly
/// what every other read sees.
/// </summary>
public sealed class ForumSql(IQuerySession session)
{
    readonly ISerializer serializer = session.DocumentStore.Options.Serializer();

    public string Schema { get; } = session.DocumentStore.Options.DatabaseSchemaName;

    /// <summary>A batch on a connection of Marten's data source; dispose both.</summary>
    public async Task<(NpgsqlConnection Connection, NpgsqlBatch Batch)> BatchAsync(CancellationToken ct)
    {
        var connection = await ((Weasel.Postgresql.PostgresqlDatabase)session.Database).DataSource.OpenConnectionAsync(ct);
        return (connection, connection.CreateBatch());
    }

    public T? Document<T>(DbDataReader reader, int column) where T : class =>
        reader.IsDBNull(column) ? null : serializer.FromJson<T>(reader, column);
}

public static class ForumSqlExtensions
{
    public static NpgsqlBatchCommand Add(this NpgsqlBatch batch, string sql, params object[] values)
    {
        var command = new NpgsqlBatchCommand(sql);
        foreach (var value in values) command.Parameters.Add(new NpgsqlParameter { Value = value });
        batch.BatchCommands.Add(command);
        return command;
    }
}
