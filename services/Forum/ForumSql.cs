using System.Data.Common;
using Marten;
using Npgsql;

namespace Network.Forum;

/// <summary>
/// The Forum's hottest reads (a thread's page, a board's page) written as plain SQL over Marten's tables, on a connection
/// of Marten's data source: one round trip, the documents joined in PostgreSQL instead of read by statements of their own,
/// and no query for Marten to parse per request. The documents still come out through Marten's serializer, so they are
/// exactly what every other read sees. Dispose it after reading (it owns the connection).
/// </summary>
public sealed class ForumSql : IAsyncDisposable
{
    readonly ISerializer serializer;
    readonly NpgsqlConnection connection;
    readonly NpgsqlBatch batch;

    ForumSql(IQuerySession session, NpgsqlConnection connection)
    {
        serializer = session.DocumentStore.Options.Serializer();
        Schema = session.DocumentStore.Options.DatabaseSchemaName;
        this.connection = connection;
        batch = connection.CreateBatch();
    }

    public static async Task<ForumSql> OpenAsync(IQuerySession session, CancellationToken ct) =>
        new(session, await ((Weasel.Postgresql.PostgresqlDatabase)session.Database).DataSource.OpenConnectionAsync(ct));

    public string Schema { get; }

    /// <summary>Adds a statement with its <c>$1..</c> values to the round trip.</summary>
    public void Add(string sql, params object[] values)
    {
        var command = new NpgsqlBatchCommand(sql);
        foreach (var value in values) command.Parameters.Add(new NpgsqlParameter { Value = value });
        batch.BatchCommands.Add(command);
    }

    /// <summary>Sends every statement added; one result per statement, in order.</summary>
    public Task<NpgsqlDataReader> ExecuteAsync(CancellationToken ct) => batch.ExecuteReaderAsync(ct);

    /// <summary>The document in <paramref name="column"/> (a <c>data</c> column), null where a join found none.</summary>
    public T? Document<T>(DbDataReader reader, int column) where T : class =>
        reader.IsDBNull(column) ? null : serializer.FromJson<T>(reader, column);

    public async ValueTask DisposeAsync()
    {
        await batch.DisposeAsync();
        await connection.DisposeAsync();
    }
}
