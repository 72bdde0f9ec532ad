using Network.Events.NetworkEvents;
using Npgsql;

namespace Network.Bench.Events;

/// <summary>
/// The fair baseline: the same rule in plain SQL, the minimal correct way. An event row carries its status, its
/// registration window, its capacity and its counters; one transaction per registration on a pooled connection
/// locks the event's row (SELECT ... FOR UPDATE, so concurrent registrations for one event are serialised by
/// PostgreSQL as the service serialises them) and reads the person's registrations for it, at most five (one round
/// trip), decides as <c>RegisterForEvent.Decide</c> does (published, inside the window, not yet registered, under the
/// cap of five registrations per person, confirmed while a
/// seat is free, else the end of the waiting list), inserts the registration with what <c>PersonRegistered</c>
/// carries and updates the counters (one round trip), commits. Also the plain-INSERT floor beside it.
/// </summary>
public sealed class RawBaseline(NpgsqlDataSource database) : IRegistrationPath
{
    public const string PathName = "raw SQL, same work";

    public string Name => PathName;

    public const string Schema = """
        drop table if exists bench_registration_floor; drop table if exists bench_registration; drop table if exists bench_event;
        create table bench_event (
            id uuid primary key, status text not null, registration_opens timestamptz not null, registration_closes timestamptz not null,
            capacity int not null, confirmed int not null default 0, waitlisted int not null default 0);
        create table bench_registration (
            id uuid primary key, event_id uuid not null, person_id text not null, person_name text not null, organisation_id uuid,
            status text not null, waitlist_position int,
            -- the log's order: taken under the event's row lock, so registrations of one event are in writing order
            registered_at timestamptz not null default clock_timestamp());
        -- once per person and event while active (a cancelled registration would not count)
        create unique index bench_registration_person on bench_registration (event_id, person_id) where status <> 'Cancelled';
        -- a person's registrations, cancelled ones too (the cap of five), as the service's index on PersonId finds them
        create index bench_registration_person_all on bench_registration (person_id);
        create table bench_registration_floor (like bench_registration including all);
        """;

    public async Task CreateTablesAsync()
    {
        await using var command = database.CreateCommand(Schema);
        await command.ExecuteNonQueryAsync();
    }

    public async Task DropTablesAsync()
    {
        await using var command = database.CreateCommand(
            "drop table if exists bench_registration_floor; drop table if exists bench_registration; drop table if exists bench_event");
        await command.ExecuteNonQueryAsync();
    }

    public async Task<IReadOnlyList<Guid>> CreateEventsAsync(int count, int capacity)
    {
        var ids = Enumerable.Range(0, count).Select(_ => Guid.CreateVersion7()).ToList();
        await using var command = database.CreateCommand(
            "insert into bench_event (id, status, registration_opens, registration_closes, capacity) select unnest($1), $2, now() - interval '1 hour', now() + interval '30 days', $3");
        command.Parameters.Add(new NpgsqlParameter { Value = ids.ToArray() });
        command.Parameters.Add(new NpgsqlParameter { Value = EventStatus.Published.ToString() });
        command.Parameters.Add(new NpgsqlParameter { Value = capacity });
        await command.ExecuteNonQueryAsync();
        return ids;
    }

    public Task<IReadOnlyList<Person>> PeopleAsync(string prefix, int count) => Task.FromResult(Person.Make(prefix, count));

    public async Task<Answer> RegisterAsync(Guid eventId, Person person, CancellationToken ct)
    {
        await using var connection = await database.OpenConnectionAsync(ct);
        await using var transaction = await connection.BeginTransactionAsync(ct);

        string status;
        DateTimeOffset opens, closes;
        int capacity, confirmed, waitlisted;
        await using (var read = SqlBatch.Of(connection, transaction,
            ("select status, registration_opens, registration_closes, capacity, confirmed, waitlisted from bench_event where id = $1 for update", [eventId]),
            ("select status from bench_registration where event_id = $1 and person_id = $2 limit 5", [eventId, person.Id])))
        await using (var reader = await read.ExecuteReaderAsync(ct))
        {
            if (!await reader.ReadAsync(ct)) throw new InvalidOperationException($"Event '{eventId}' not found.");
            (status, opens, closes) = (reader.GetString(0), reader.GetFieldValue<DateTimeOffset>(1), reader.GetFieldValue<DateTimeOffset>(2));
            (capacity, confirmed, waitlisted) = (reader.GetInt32(3), reader.GetInt32(4), reader.GetInt32(5));
            await reader.NextResultAsync(ct);
            var own = 0;
            while (await reader.ReadAsync(ct))
            {
                if (reader.GetString(0) != nameof(RegistrationStatus.Cancelled)) throw new InvalidOperationException($"You are already registered for event '{eventId}'.");
                own++;
            }
            if (own >= Network.Events.Registrations.Registering.RegisterForEvent.MaxRegistrationsPerPerson)
                throw new InvalidOperationException($"You have registered for event '{eventId}' {own} times already.");
        }
        var at = DateTimeOffset.UtcNow;
        if (status != nameof(EventStatus.Published)) throw new InvalidOperationException($"Event '{eventId}' is {status}.");
        if (at < opens || at > closes) throw new InvalidOperationException($"Registration for event '{eventId}' is closed.");

        var (decided, position) = confirmed < capacity ? (RegistrationStatus.Confirmed, (int?)null) : (RegistrationStatus.Waitlisted, waitlisted + 1);
        var id = Guid.CreateVersion7();
        await using (var write = SqlBatch.Of(connection, transaction,
            ("insert into bench_registration (id, event_id, person_id, person_name, organisation_id, status, waitlist_position) values ($1, $2, $3, $4, $5, $6, $7)",
                [id, eventId, person.Id, person.Name, DBNull.Value, decided.ToString(), position ?? (object)DBNull.Value]),
            ("update bench_event set confirmed = confirmed + $2, waitlisted = waitlisted + $3 where id = $1",
                [eventId, decided == RegistrationStatus.Confirmed ? 1 : 0, decided == RegistrationStatus.Waitlisted ? 1 : 0])))
            await write.ExecuteNonQueryAsync(ct);
        await transaction.CommitAsync(ct);
        return new Answer(id, decided, position);
    }

    /// <summary>
    /// The floor: person i's registration row for event i mod |events| as one autocommit INSERT into a table like
    /// bench_registration (same columns, same unique index), <paramref name="clients"/> at a time: no lock, no
    /// decision, no counters, one round trip.
    /// </summary>
    public async Task<Measurement> InsertFloorAsync(IReadOnlyList<Guid> events, IReadOnlyList<Person> people, int clients) =>
        await Measurement.OfAsync(people.Count, clients, async (i, ct) =>
        {
            await using var command = database.CreateCommand(
                "insert into bench_registration_floor (id, event_id, person_id, person_name, status) values ($1, $2, $3, $4, $5)");
            foreach (var value in new object[] { Guid.CreateVersion7(), events[i % events.Count], people[i].Id, people[i].Name, nameof(RegistrationStatus.Confirmed) })
                command.Parameters.Add(new NpgsqlParameter { Value = value });
            await command.ExecuteNonQueryAsync(ct);
            return true;
        });

    public async Task<IReadOnlyList<StoredEvent>> LoadAsync(IReadOnlyList<Guid> eventIds)
    {
        var registrations = new Dictionary<Guid, List<StoredRegistration>>();
        await using (var command = database.CreateCommand(
            "select event_id, id, person_id, status, waitlist_position from bench_registration where event_id = any($1) order by event_id, registered_at, id"))
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
}
