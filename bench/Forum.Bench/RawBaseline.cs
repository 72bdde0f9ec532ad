using Network.Forum.Posts.Rendering;
using Npgsql;

namespace Network.Bench.Forum;

/// <summary>
/// The fair baselines: the same shapes in plain SQL, the minimal correct way. A thread row carries its post count and last
/// activity; one transaction per post on a pooled connection locks the thread's row (SELECT ... FOR UPDATE, so concurrent
/// replies are numbered one after the other as the service numbers them), renders the Markdown as the service does (the
/// same two libraries), inserts the post with its source and HTML and updates the thread (one round trip), commits. Reads
/// are the keyset queries the service's lists run, on the same indexes: a thread's posts after a number, a board's threads
/// before an (activity, id) pair.
/// </summary>
public sealed class RawBaseline(NpgsqlDataSource database)
{
    public const string PathName = "raw SQL, same work";

    const string Schema = """
        drop table if exists bench_post; drop table if exists bench_thread;
        create table bench_thread (
            id uuid primary key, board_id uuid not null, title text not null, post_count int not null, locked bool not null default false,
            last_activity_at timestamptz not null);
        create index bench_thread_board_activity on bench_thread (board_id, last_activity_at, id);
        create table bench_post (
            id uuid primary key, thread_id uuid not null, number int not null, author_id text not null, language text not null,
            source text not null, html text not null, created_at timestamptz not null);
        create unique index bench_post_thread_number on bench_post (thread_id, number);
        create index bench_post_author on bench_post (author_id, created_at);
        """;

    public async Task CreateTablesAsync()
    {
        await using var command = database.CreateCommand(Schema);
        await command.ExecuteNonQueryAsync();
    }

    public async Task DropTablesAsync()
    {
        await using var command = database.CreateCommand("drop table if exists bench_post; drop table if exists bench_thread");
        await command.ExecuteNonQueryAsync();
    }

    /// <summary>A thread of <paramref name="posts"/> posts (not timed).</summary>
    public async Task<Guid> ThreadAsync(Guid board, int posts)
    {
        var id = Guid.CreateVersion7();
        var html = PostMarkdown.Render(PostBodies.For(0)).Html;
        await using var connection = await database.OpenConnectionAsync();
        await using var transaction = await connection.BeginTransactionAsync();
        await using var fill = SqlBatch.Of(connection, transaction,
            ("insert into bench_thread (id, board_id, title, post_count, last_activity_at) values ($1, $2, 'Langer Faden', $3, now())", [id, board, posts]),
            ("""
             insert into bench_post (id, thread_id, number, author_id, language, source, html, created_at)
             select gen_random_uuid(), $1, n, 'seed', 'de', $3, $4, now() from generate_series(1, $2) n
             """, [id, posts, PostBodies.For(0), html]));
        await fill.ExecuteNonQueryAsync();
        await transaction.CommitAsync();
        return id;
    }

    /// <summary><paramref name="threads"/> threads on one board, their activity a second apart (not timed).</summary>
    public async Task<Guid> BoardAsync(int threads)
    {
        var board = Guid.CreateVersion7();
        await using var command = database.CreateCommand("""
            insert into bench_thread (id, board_id, title, post_count, last_activity_at)
            select gen_random_uuid(), $1, 'Faden ' || n, 1, now() - n * interval '1 second' from generate_series(1, $2) n
            """);
        command.Parameters.Add(new NpgsqlParameter { Value = board });
        command.Parameters.Add(new NpgsqlParameter { Value = threads });
        await command.ExecuteNonQueryAsync();
        await using var analyse = database.CreateCommand("analyze bench_thread; analyze bench_post");
        await analyse.ExecuteNonQueryAsync();
        return board;
    }

    public async Task<bool> PostAsync(Guid thread, string author, string body, CancellationToken ct)
    {
        await using var connection = await database.OpenConnectionAsync(ct);
        await using var transaction = await connection.BeginTransactionAsync(ct);
        await using var lockThread = new NpgsqlCommand("select post_count, locked from bench_thread where id = $1 for update", connection, transaction);
        lockThread.Parameters.Add(new NpgsqlParameter { Value = thread });
        int count;
        await using (var reader = await lockThread.ExecuteReaderAsync(ct))
        {
            if (!await reader.ReadAsync(ct) || reader.GetBoolean(1)) return false;
            count = reader.GetInt32(0);
        }
        var rendered = PostMarkdown.Render(body);
        await using var write = SqlBatch.Of(connection, transaction,
            ("insert into bench_post (id, thread_id, number, author_id, language, source, html, created_at) values ($1, $2, $3, $4, 'de', $5, $6, now())",
                [Guid.CreateVersion7(), thread, count + 1, author, body, rendered.Html]),
            ("update bench_thread set post_count = $2, last_activity_at = now() where id = $1", [thread, count + 1]));
        await write.ExecuteNonQueryAsync(ct);
        await transaction.CommitAsync(ct);
        return true;
    }

    /// <summary>One page of a thread's posts after <paramref name="after"/>, read to the end (one row more tells whether a next page exists).</summary>
    public async Task<bool> PageOfPostsAsync(Guid thread, int after, int size, CancellationToken ct)
    {
        await using var command = database.CreateCommand(
            "select id, number, author_id, language, source, html, created_at from bench_post where thread_id = $1 and number > $2 order by number limit $3");
        foreach (var value in new object[] { thread, after, size + 1 }) command.Parameters.Add(new NpgsqlParameter { Value = value });
        return await ReadAllAsync(command, ct) > 0;
    }

    /// <summary>The board's threads, newest activity first, before a cursor (or from the top).</summary>
    public async Task<bool> PageOfThreadsAsync(Guid board, (DateTimeOffset At, Guid Id)? before, int size, CancellationToken ct)
    {
        await using var command = database.CreateCommand(before is null
            ? "select id, title, post_count, locked, last_activity_at from bench_thread where board_id = $1 order by last_activity_at desc, id desc limit $2"
            : "select id, title, post_count, locked, last_activity_at from bench_thread where board_id = $1 and (last_activity_at, id) < ($3, $4) order by last_activity_at desc, id desc limit $2");
        command.Parameters.Add(new NpgsqlParameter { Value = board });
        command.Parameters.Add(new NpgsqlParameter { Value = size + 1 });
        if (before is { } cursor)
        {
            command.Parameters.Add(new NpgsqlParameter { Value = cursor.At });
            command.Parameters.Add(new NpgsqlParameter { Value = cursor.Id });
        }
        return await ReadAllAsync(command, ct) > 0;
    }

    /// <summary>The (activity, id) of the board's thread at <paramref name="offset"/> in the list's order: where a middle page starts.</summary>
    public async Task<(DateTimeOffset, Guid)> CursorAtAsync(Guid board, int offset)
    {
        await using var command = database.CreateCommand(
            "select last_activity_at, id from bench_thread where board_id = $1 order by last_activity_at desc, id desc offset $2 limit 1");
        command.Parameters.Add(new NpgsqlParameter { Value = board });
        command.Parameters.Add(new NpgsqlParameter { Value = offset });
        await using var reader = await command.ExecuteReaderAsync();
        await reader.ReadAsync();
        return (reader.GetFieldValue<DateTimeOffset>(0), reader.GetGuid(1));
    }

    static async Task<int> ReadAllAsync(NpgsqlCommand command, CancellationToken ct)
    {
        var rows = 0;
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            for (var i = 0; i < reader.FieldCount; i++) _ = reader.GetValue(i);
            rows++;
        }
        return rows;
    }
}
