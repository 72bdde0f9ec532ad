using Network.Events.NetworkEvents;
using Npgsql;

namespace Network.Bench.Events;

/// <summary>
/// The floor: the same rule in plain SQL, the minimal correct way. An event row carries its capacity and counters;
/// one transaction per registration locks the event's row (SELECT ... FOR UPDATE, so concurrent registrations for
/// one event are serialised by PostgreSQL), checks the person is not registered yet, inserts the registration as
/// confirmed or waitlisted with its position and updates the counters. Two round trips plus the commit, pooled
/// connections (one per concurrent client).
/// </summary>
public sealed class RawBaseline(NpgsqlDataSource database) : IRegistrationPath
{
    public string Name => "raw Npgsql";

    public const string Schema = """
        drop table if exists bench_registration; drop table if exists bench_event;
        create table bench_event (id uuid primary key, capacity int not null, confirmed int not null default 0, waitlisted int not null default 0);
        create table bench_registration (
            id uuid primary key, event_id uuid not null, person_id text not null, status text not null,
            waitlist_position int, registered_at timestamptz not null default clock_timestamp());
        -- once per person and event while active (a cancelled registration would not count)
        create unique index bench_registration_person on bench_registration (event_id, person_id) where status <> 'Cancelled';
        """;

    public async Task CreateTablesAsync()
    {
        await using var command = database.CreateCommand(Schema);
        await command.ExecuteNonQueryAsync();
    }

    public async Task DropTablesAsync()
    {
        await using var command = database.CreateCommand("drop table if exists bench_registration; drop table if exists bench_event");
        await command.ExecuteNonQueryAsync();
    }

    public async Task<IReadOnlyList<Guid>> CreateEventsAsync(int count, int capacity)
    {
        var ids = Enumerable.Range(0, count).Select(_ => Guid.CreateVersion7()).ToList();
        await using var command = database.CreateCommand("insert into bench_event (id, capacity) select unnest($1), $2");
        command.Parameters.Add(new NpgsqlParameter { Value = ids.ToArray() });
        command.Parameters.Add(new NpgsqlParameter { Value = capacity });
        await command.ExecuteNonQueryAsync();
        return ids;
    }

    public Task<IReadOnlyList<Person>> PeopleAsync(string prefix, int count) => Task.FromResult(Person.Make(prefix, count));

    public async Task<Answer> RegisterAsync(Guid eventId, Person person, CancellationToken ct)
    {
        await using var connection = await database.OpenConnectionAsync(ct);
        await using var transaction = await connection.BeginTransactionAsync(ct);

        // 1. Lock the event's row and look for an active registration of this person (one round trip).
        int capacity, confirmed, waitlisted;
        await using (var read = Batch(connection, transaction,
            ("select capacity, confirmed, waitlisted from bench_event where id = $1 for update", [eventId]),
            ("select 1 from bench_registration where event_id = $1 and person_id = $2 and status <> 'Cancelled'", [eventId, person.Id])))
        await using (var reader = await read.ExecuteReaderAsync(ct))
        {
            if (!await reader.ReadAsync(ct)) throw new InvalidOperationException($"Event '{eventId}' not found.");
            (capacity, confirmed, waitlisted) = (reader.GetInt32(0), reader.GetInt32(1), reader.GetInt32(2));
            await reader.NextResultAsync(ct);
            if (await reader.ReadAsync(ct)) throw new InvalidOperationException($"You are already registered for event '{eventId}'.");
        }

        // 2. Confirmed while a seat is free, otherwise the end of the waiting list; store it and count it.
        var (status, position) = confirmed < capacity ? (RegistrationStatus.Confirmed, (int?)null) : (RegistrationStatus.Waitlisted, waitlisted + 1);
        var id = Guid.CreateVersion7();
        await using (var write = Batch(connection, transaction,
            ("insert into bench_registration (id, event_id, person_id, status, waitlist_position) values ($1, $2, $3, $4, $5)",
                [id, eventId, person.Id, status.ToString(), position ?? (object)DBNull.Value]),
            ("update bench_event set confirmed = confirmed + $2, waitlisted = waitlisted + $3 where id = $1",
                [eventId, status == RegistrationStatus.Confirmed ? 1 : 0, status == RegistrationStatus.Waitlisted ? 1 : 0])))
            await write.ExecuteNonQueryAsync(ct);
        await transaction.CommitAsync(ct);
        return new Answer(id, status, position);
    }

    public async Task<IReadOnlyList<StoredEvent>> LoadAsync(IReadOnlyList<Guid> eventIds)
    {
        var registrations = new Dictionary<Guid, List<StoredRegistration>>();
        await using (var command = database.CreateCommand(
            "select event_id, id, person_id, status, waitlist_position from bench_registration where event_id = any($1) order by event_id, registered_at"))
        {
            command.Parameters.Add(new NpgsqlParameter { Value = eventIds.ToArray() });
            await using var reader = await command.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                var list = registrations.TryGetValue(reader.GetGuid(0), out var l) ? l : registrations[reader.GetGuid(0)] = [];
                list.Add(new StoredRegistration(reader.GetGuid(1), reader.GetString(2), Enum.Parse<RegistrationStatus>(reader.GetString(3)),
                    reader.IsDBNull(4) ? null : reader.GetInt32(4)));
            }
        }
        var events = new List<StoredEvent>();
        await using (var command = database.CreateCommand("select id, capacity, confirmed, waitlisted from bench_event where id = any($1)"))
        {
            command.Parameters.Add(new NpgsqlParameter { Value = eventIds.ToArray() });
            await using var reader = await command.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                var rows = registrations.GetValueOrDefault(reader.GetGuid(0)) ?? [];
                // One table is both state and log here: rows in the order they were written (under the row lock).
                events.Add(new StoredEvent(reader.GetGuid(0), reader.GetInt32(1), reader.GetInt32(2), reader.GetInt32(3), rows, rows));
            }
        }
        return events;
    }

    static NpgsqlBatch Batch(NpgsqlConnection connection, NpgsqlTransaction transaction, params (string Sql, object[] Values)[] commands)
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
