using Network.Forum.Posts.Rendering;
using Npgsql;

namespace Network.Bench.Forum;

/// <summary>
/// The fair baselines: the same logical work as the service in plain SQL, the minimal correct way. Tables of the same shape:
/// boards (visibility, archived), threads (board, count, lock, last activity), posts (author, organisation, source and HTML,
/// with the service's indexes: thread and number, author and time, and the German and English full-text indexes search uses),
/// members (display name, consent, erased, the organisations they act for) and organisations (name, verified).
/// A reply is one transaction on a pooled connection in three round trips: lock the thread's row (SELECT ... FOR UPDATE, so
/// concurrent replies are numbered one after the other as the service numbers them) and, in the same batch, read what the
/// posting rules need (the board, the writer and their verified organisations, the writer's first posts and posts of the
/// last hour for the newcomer limits); decide by the same rules (board not archived, thread not locked, a verified
/// organisation, not a newcomer); render the Markdown as the service does (the same two libraries); insert the post and
/// update the thread (one round trip); commit. Reads are the keyset queries the service's lists run, on the same indexes, in
/// one round trip with the board (visibility) and the names the page shows (members and organisations joined).
/// </summary>
public sealed class RawBaseline(NpgsqlDataSource database)
{
    public const string PathName = "raw SQL, same work";

    const string Schema = """
        drop table if exists bench_post; drop table if exists bench_thread; drop table if exists bench_board;
        drop table if exists bench_member; drop table if exists bench_organisation;
        create table bench_board (id uuid primary key, visibility text not null, archived bool not null default false);
        create table bench_thread (
            id uuid primary key, board_id uuid not null, title text not null, started_by text not null, post_count int not null,
            locked bool not null default false, last_activity_at timestamptz not null);
        create index bench_thread_board_activity on bench_thread (board_id, last_activity_at, id);
        create table bench_post (
            id uuid primary key, thread_id uuid not null, number int not null, author_id text not null, organisation_id uuid,
            language text not null, source text not null, html text not null, created_at timestamptz not null);
        create unique index bench_post_thread_number on bench_post (thread_id, number);
        create index bench_post_author on bench_post (author_id, created_at);
        create index bench_post_fts_german on bench_post using gin (to_tsvector('german', source));
        create index bench_post_fts_english on bench_post using gin (to_tsvector('english', source));
        create table bench_member (id text primary key, display_name text, consent bool not null, erased bool not null, acting_for uuid[] not null);
        create table bench_organisation (id uuid primary key, name text not null, verified bool not null);
        """;

    /// <summary>The tables, with the writer as a member acting for a verified organisation (as the service's copy of the Directory has them).</summary>
    public async Task CreateTablesAsync(string author, Guid organisation)
    {
        await using (var create = database.CreateCommand(Schema)) await create.ExecuteNonQueryAsync();
        await using var connection = await database.OpenConnectionAsync();
        await using var fill = SqlBatch.Of(connection, null!,
            ("insert into bench_member values ($1, 'Ama Bench', true, false, array[$2]::uuid[])", [author, organisation]),
            ("insert into bench_organisation values ($1, 'Sankofa Bonn (fictional)', true)", [organisation]));
        await fill.ExecuteNonQueryAsync();
    }

    public async Task DropTablesAsync()
    {
        await using var command = database.CreateCommand(
            "drop table if exists bench_post; drop table if exists bench_thread; drop table if exists bench_board; drop table if exists bench_member; drop table if exists bench_organisation");
        await command.ExecuteNonQueryAsync();
    }

    /// <summary>A public board.</summary>
    public async Task<Guid> NewBoardAsync()
    {
        var id = Guid.CreateVersion7();
        await using var command = database.CreateCommand("insert into bench_board (id, visibility) values ($1, 'Public')");
        command.Parameters.Add(new NpgsqlParameter { Value = id });
        await command.ExecuteNonQueryAsync();
        return id;
    }

    /// <summary>A thread of <paramref name="posts"/> posts by <paramref name="author"/>, a month old (not timed).</summary>
    public async Task<Guid> ThreadAsync(Guid board, int posts, string author, Guid organisation)
    {
        var id = Guid.CreateVersion7();
        var html = PostMarkdown.Render(PostBodies.For(0)).Html;
        await using var connection = await database.OpenConnectionAsync();
        await using var transaction = await connection.BeginTransactionAsync();
        await using var fill = SqlBatch.Of(connection, transaction,
            ("insert into bench_thread (id, board_id, title, started_by, post_count, last_activity_at) values ($1, $2, 'Langer Faden', $4, $3, now())",
                [id, board, posts, author]),
            ("""
             insert into bench_post (id, thread_id, number, author_id, organisation_id, language, source, html, created_at)
             select gen_random_uuid(), $1, n, $5, $6, 'de', $3, $4, now() - interval '30 days' + n * interval '1 second' from generate_series(1, $2) n
             """, [id, posts, PostBodies.For(0), html, author, organisation]));
        await fill.ExecuteNonQueryAsync();
        await transaction.CommitAsync();
        return id;
    }

    /// <summary><paramref name="threads"/> threads started by <paramref name="author"/> on one new board, their activity a second apart (not timed).</summary>
    public async Task<Guid> BoardAsync(int threads, string author)
    {
        var board = await NewBoardAsync();
        await using var command = database.CreateCommand("""
            insert into bench_thread (id, board_id, title, started_by, post_count, last_activity_at)
            select gen_random_uuid(), $1, 'Faden ' || n, $3, 1, now() - n * interval '1 second' from generate_series(1, $2) n
            """);
        command.Parameters.Add(new NpgsqlParameter { Value = board });
        command.Parameters.Add(new NpgsqlParameter { Value = threads });
        command.Parameters.Add(new NpgsqlParameter { Value = author });
        await command.ExecuteNonQueryAsync();
        await using var analyse = database.CreateCommand("analyze bench_thread; analyze bench_post; analyze bench_member; analyze bench_organisation; analyze bench_board");
        await analyse.ExecuteNonQueryAsync();
        return board;
    }

    // The newcomer limits' defaults (NewcomerLimits): 5 posts, 3 days, 5 posts an hour.
    const int NewcomerPosts = 5, NewcomerDays = 3, PostsPerHour = 5;

    public async Task<bool> PostAsync(Guid thread, string author, string body, CancellationToken ct)
    {
        await using var connection = await database.OpenConnectionAsync(ct);
        await using var transaction = await connection.BeginTransactionAsync(ct);
        var now = DateTimeOffset.UtcNow;
        await using var read = SqlBatch.Of(connection, transaction,
            ("select post_count, locked, board_id from bench_thread where id = $1 for update", [thread]),
            ("select archived, visibility from bench_board where id = (select board_id from bench_thread where id = $1)", [thread]),
            ("select erased from bench_member where id = $1", [author]),
            ("select o.id from bench_organisation o where o.verified and o.id = any(select unnest(acting_for) from bench_member where id = $1)", [author]),
            ("select created_at from bench_post where author_id = $1 order by created_at limit $2", [author, NewcomerPosts]),
            ("select created_at from bench_post where author_id = $1 and created_at > $2 order by created_at limit $3", [author, now.AddHours(-1), PostsPerHour]));
        int count;
        Guid organisation;
        await using (var reader = await read.ExecuteReaderAsync(ct))
        {
            if (!await reader.ReadAsync(ct) || reader.GetBoolean(1)) return false;
            count = reader.GetInt32(0);
            await reader.NextResultAsync(ct);
            if (!await reader.ReadAsync(ct) || reader.GetBoolean(0) || reader.GetString(1) != "Public") return false;
            await reader.NextResultAsync(ct);
            if (!await reader.ReadAsync(ct) || reader.GetBoolean(0)) return false;
            await reader.NextResultAsync(ct);
            if (!await reader.ReadAsync(ct)) return false;
            organisation = reader.GetGuid(0);
            await reader.NextResultAsync(ct);
            var first = new List<DateTimeOffset>();
            while (await reader.ReadAsync(ct)) first.Add(reader.GetFieldValue<DateTimeOffset>(0));
            await reader.NextResultAsync(ct);
            var lastHour = 0;
            while (await reader.ReadAsync(ct)) lastHour++;
            var newcomer = first.Count < NewcomerPosts || first[0] > now.AddDays(-NewcomerDays);
            if (newcomer && lastHour >= PostsPerHour) return false;
        }
        var rendered = PostMarkdown.Render(body);
        await using var write = SqlBatch.Of(connection, transaction,
            ("insert into bench_post (id, thread_id, number, author_id, organisation_id, language, source, html, created_at) values ($1, $2, $3, $4, $5, 'de', $6, $7, $8)",
                [Guid.CreateVersion7(), thread, count + 1, author, organisation, body, rendered.Html, now]),
            ("update bench_thread set post_count = $2, last_activity_at = $3 where id = $1", [thread, count + 1, now]));
        await write.ExecuteNonQueryAsync(ct);
        await transaction.CommitAsync(ct);
        return true;
    }

    /// <summary>
    /// One page of a thread's posts after <paramref name="after"/> with the board's visibility and the names the page shows,
    /// read to the end (one row more tells whether a next page exists).
    /// </summary>
    public async Task<bool> PageOfPostsAsync(Guid thread, int after, int size, CancellationToken ct)
    {
        await using var connection = await database.OpenConnectionAsync(ct);
        await using var batch = SqlBatch.Of(connection, null!,
            ("select visibility, archived from bench_board where id = (select board_id from bench_thread where id = $1)", [thread]),
            ("""
             select p.id, p.number, p.author_id, p.language, p.source, p.html, p.created_at, m.display_name, m.consent, m.erased, o.id, o.name
             from bench_post p left join bench_member m on m.id = p.author_id left join bench_organisation o on o.id = p.organisation_id
             where p.thread_id = $1 and p.number > $2 order by p.number limit $3
             """, [thread, after, size + 1]));
        return await ReadAllAsync(batch, ct) > 1;
    }

    /// <summary>The board's threads, newest activity first, before a cursor (or from the top), with the board and the starters' names.</summary>
    public async Task<bool> PageOfThreadsAsync(Guid board, (DateTimeOffset At, Guid Id)? before, int size, CancellationToken ct)
    {
        const string Columns = "select t.id, t.title, t.post_count, t.locked, t.last_activity_at, m.display_name, m.consent, m.erased from bench_thread t left join bench_member m on m.id = t.started_by";
        await using var connection = await database.OpenConnectionAsync(ct);
        await using var batch = SqlBatch.Of(connection, null!,
            ("select visibility, archived from bench_board where id = $1", [board]),
            before is { } cursor
                ? ($"{Columns} where t.board_id = $1 and (t.last_activity_at, t.id) < ($3, $4) order by t.last_activity_at desc, t.id desc limit $2", [board, size + 1, cursor.At, cursor.Id])
                : ($"{Columns} where t.board_id = $1 order by t.last_activity_at desc, t.id desc limit $2", [board, size + 1]));
        return await ReadAllAsync(batch, ct) > 1;
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

    /// <summary>Every column of every row of every result read.</summary>
    static async Task<int> ReadAllAsync(NpgsqlBatch batch, CancellationToken ct)
    {
        var rows = 0;
        await using var reader = await batch.ExecuteReaderAsync(ct);
        do
        {
            while (await reader.ReadAsync(ct))
            {
                for (var i = 0; i < reader.FieldCount; i++) _ = reader.GetValue(i);
                rows++;
            }
        } while (await reader.NextResultAsync(ct));
        return rows;
    }
}
