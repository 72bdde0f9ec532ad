using Marten;
using Network.Directory.Organisations;
using Network.Directory.Organisations.Registering;
using Network.Directory.Vocabularies;
using Npgsql;

namespace Network.Bench.Directory;

/// <summary>
/// The fair baseline: what POST /organisations does, in plain SQL, the minimal correct way. Per organisation one
/// transaction on a pooled connection: read the theme vocabulary and look for the name in its municipality (one round
/// trip; the lookup is served by the unique name-key index), decide with the service's own rule
/// (<see cref="RegisterOrganisation.Decide"/>), insert the event row and the snapshot row (one round trip), commit.
/// The snapshot table carries the indexes of <c>mt_doc_organisation</c>, the unique name key among them, so of two
/// registrations racing for one name only one commits, as in the service. The JSON is what Marten stores: the
/// store's own serializer writes the event and the <see cref="Organisation"/> it starts.
/// </summary>
public sealed class FairRawPath(NpgsqlDataSource database, ISerializer serializer, Network.Platform.Auth.Actor by)
{
    public const string Snapshots = "bench_fair_organisation";
    public const string Events = "bench_fair_event";
    public const string Themes = "bench_fair_theme";

    /// <summary>The event log of an event store at its smallest: the global sequence, one row per (stream, version).</summary>
    public const string EventTable = $"""
        create table {Events} (
            seq_id bigserial primary key, id uuid not null, stream_id uuid not null, version int not null,
            type text not null, data jsonb not null, timestamp timestamptz not null default now(),
            unique (stream_id, version))
        """;

    /// <summary>Creates the tables (the vocabulary copied from the Directory's), returns the copied snapshot indexes.</summary>
    public async Task<IReadOnlyList<string>> CreateTablesAsync()
    {
        await Execute($"""
            drop table if exists {Events}; drop table if exists {Snapshots}; drop table if exists {Themes};
            {EventTable};
            create table {Snapshots} (id uuid primary key, data jsonb not null, version int not null);
            create table {Themes} as select id from mt_doc_theme;
            """);
        return await RawBaseline.CopyIndexesAsync(database, Snapshots, "fair_");
    }

    public async Task DropTablesAsync() => await Execute($"drop table if exists {Events}; drop table if exists {Snapshots}; drop table if exists {Themes}");

    /// <exception cref="DuplicateOrganisationName">the name is taken in the municipality.</exception>
    public async Task RegisterAsync(Workload.Item item, CancellationToken ct)
    {
        await using var connection = await database.OpenConnectionAsync(ct);
        await using var transaction = await connection.BeginTransactionAsync(ct);

        var key = OrganisationNames.Key(item.Request.Name ?? "", item.Request.MunicipalityAgs ?? "");
        var themes = new List<string>();
        await using (var read = SqlBatch.Of(connection, transaction,
            ($"select id from {Themes}", []),
            ($"select id, data ->> 'Name' from {Snapshots} where data ->> 'NameKey' = $1", [key])))
        await using (var reader = await read.ExecuteReaderAsync(ct))
        {
            while (await reader.ReadAsync(ct)) themes.Add(reader.GetString(0));
            await reader.NextResultAsync(ct);
            if (await reader.ReadAsync(ct))
                throw new DuplicateOrganisationName(reader.GetGuid(0), reader.GetString(1), item.Request.MunicipalityAgs!);
        }

        var registered = RegisterOrganisation.Decide(item.Id, item.Request, by, DateTimeOffset.UtcNow, new ThemeCatalogue(themes));
        var organisation = Organisation.When(null, registered)!;
        organisation.Version = 1;
        await using (var write = SqlBatch.Of(connection, transaction,
            ($"insert into {Events} (id, stream_id, version, type, data, timestamp) values ($1, $2, 1, 'organisation_registered', $3::jsonb, $4)",
                [Guid.CreateVersion7(), item.Id, serializer.ToJson(registered), registered.At]),
            ($"insert into {Snapshots} (id, data, version) values ($1, $2::jsonb, 1)", [item.Id, serializer.ToJson(organisation)])))
            await write.ExecuteNonQueryAsync(ct);
        await transaction.CommitAsync(ct);
    }

    async Task Execute(string sql)
    {
        await using var command = database.CreateCommand(sql);
        await command.ExecuteNonQueryAsync();
    }
}
