using Aspire.Hosting.ApplicationModel;
using Npgsql;

namespace Network.AppHost;

/// <summary>A service's database; its login role has the same name.</summary>
internal sealed record ServiceDatabase(string Name, ParameterResource Password);

/// <summary>
/// Least privilege in PostgreSQL, done by the AppHost as the superuser once the server answers, in both infrastructure modes,
/// on every start (each step may run again): per service database a login role of the same name (no superuser, no createdb,
/// no createrole, the password of its Aspire parameter) that owns the database; <c>CONNECT</c> on it revoked from PUBLIC, so
/// no other role reaches it. Marten's schema objects and the Identity service's EF Core migrations are then made by the owner.
/// </summary>
internal static class PostgresProvisioning
{
    public static async Task ProvisionAsync(string superuserConnectionString, IReadOnlyList<ServiceDatabase> databases, CancellationToken cancellationToken)
    {
        var server = new NpgsqlConnectionStringBuilder(superuserConnectionString) { Database = "postgres", Pooling = false };
        await using (var connection = new NpgsqlConnection(server.ConnectionString))
        {
            await connection.OpenAsync(cancellationToken);
            foreach (var database in databases)
            {
                var password = await database.Password.GetValueAsync(cancellationToken)
                    ?? throw new InvalidOperationException($"The parameter of '{database.Name}' has no value.");
                var role = Identifier(database.Name);
                await ExecuteAsync(connection, $"""
                    DO $$BEGIN
                      IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = {Literal(database.Name)}) THEN CREATE ROLE {role}; END IF;
                    END$$
                    """, cancellationToken);
                await ExecuteAsync(connection,
                    $"ALTER ROLE {role} WITH LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOREPLICATION NOBYPASSRLS PASSWORD {Literal(password)}",
                    cancellationToken);
                await using (var exists = new NpgsqlCommand("SELECT count(*) FROM pg_database WHERE datname = $1", connection))
                {
                    exists.Parameters.AddWithValue(database.Name);
                    if ((long)(await exists.ExecuteScalarAsync(cancellationToken))! == 0)
                        await ExecuteAsync(connection, $"CREATE DATABASE {role} OWNER {role}", cancellationToken);
                }
                await ExecuteAsync(connection, $"ALTER DATABASE {role} OWNER TO {role}", cancellationToken);
                await ExecuteAsync(connection, $"REVOKE ALL ON DATABASE {role} FROM PUBLIC", cancellationToken);
            }
        }

        // Databases made before the roles existed hold objects the superuser made (as Marten and EF Core connected as it):
        // they pass to the owner, so its schema changes at start keep working.
        foreach (var database in databases)
        {
            var inDatabase = new NpgsqlConnectionStringBuilder(server.ConnectionString) { Database = database.Name };
            await using var connection = new NpgsqlConnection(inDatabase.ConnectionString);
            await connection.OpenAsync(cancellationToken);
            await ExecuteAsync(connection, TransferOwnership(database.Name), cancellationToken);
        }
    }

    /// <summary>Every schema, table, view, sequence, routine and type of the connected superuser (outside the system and extensions) to the role.</summary>
    static string TransferOwnership(string role)
    {
        var to = Literal(role);
        static string NotSystem(string schema) => $"{schema} NOT LIKE 'pg\\_%' AND {schema} <> 'information_schema'";
        return $"""
            DO $$
            DECLARE item record;
            BEGIN
              FOR item IN
                SELECT format('ALTER SCHEMA %I OWNER TO %I', nspname, {to}) AS statement FROM pg_namespace
                  WHERE nspowner = to_regrole(current_user) AND {NotSystem("nspname")}
                UNION ALL
                SELECT format('ALTER %s %I.%I OWNER TO %I',
                    CASE c.relkind WHEN 'S' THEN 'SEQUENCE' WHEN 'v' THEN 'VIEW' WHEN 'm' THEN 'MATERIALIZED VIEW' WHEN 'f' THEN 'FOREIGN TABLE' ELSE 'TABLE' END,
                    n.nspname, c.relname, {to})
                  FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
                  WHERE c.relowner = to_regrole(current_user) AND c.relkind IN ('r', 'p', 'v', 'm', 'f', 'S') AND {NotSystem("n.nspname")}
                    AND NOT EXISTS (SELECT FROM pg_depend d WHERE d.classid = 'pg_class'::regclass AND d.objid = c.oid AND d.deptype IN ('a', 'i', 'e'))
                UNION ALL
                SELECT format('ALTER ROUTINE %s OWNER TO %I', p.oid::regprocedure, {to})
                  FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace
                  WHERE p.proowner = to_regrole(current_user) AND {NotSystem("n.nspname")}
                    AND NOT EXISTS (SELECT FROM pg_depend d WHERE d.classid = 'pg_proc'::regclass AND d.objid = p.oid AND d.deptype = 'e')
                UNION ALL
                SELECT format('ALTER TYPE %s OWNER TO %I', t.oid::regtype, {to})
                  FROM pg_type t JOIN pg_namespace n ON n.oid = t.typnamespace
                  WHERE t.typowner = to_regrole(current_user) AND t.typtype IN ('e', 'd', 'r') AND {NotSystem("n.nspname")}
                    AND NOT EXISTS (SELECT FROM pg_depend d WHERE d.classid = 'pg_type'::regclass AND d.objid = t.oid AND d.deptype = 'e')
              LOOP
                EXECUTE item.statement;
              END LOOP;
            END$$
            """;
    }

    static async Task ExecuteAsync(NpgsqlConnection connection, string sql, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    static string Identifier(string name) => "\"" + name.Replace("\"", "\"\"") + "\"";

    static string Literal(string value) => "'" + value.Replace("'", "''") + "'";
}
