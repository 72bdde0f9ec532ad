using Aspire.Hosting.ApplicationModel;
using Network.AppHost;
using Network.Tests.Infrastructure;
using Npgsql;
using Xunit;

namespace Network.Tests.Security;

/// <summary>The AppHost's PostgreSQL provisioning (AppHost/PostgresProvisioning.cs) on a data folder from before the roles.</summary>
public sealed class DatabaseProvisioningTests
{
    [Fact]
    public async Task Objects_the_superuser_made_before_the_roles_existed_pass_to_the_databases_role_so_its_schema_changes_work()
    {
        var server = await TestServers.Postgres;
        var name = $"legacy-{Guid.NewGuid():N}"[..19];
        const string password = "Provisioned1234567890";
        var superuser = new NpgsqlConnectionStringBuilder(server.ConnectionString) { Database = "postgres", Pooling = false };
        try
        {
            // What the services left while they still connected as the superuser: the database and Marten-like objects in it.
            await ExecuteAsync(superuser.ConnectionString, $"CREATE DATABASE \"{name}\"");
            await ExecuteAsync(new NpgsqlConnectionStringBuilder(superuser.ConnectionString) { Database = name }.ConnectionString, """
                CREATE TABLE mt_doc_probe (id serial PRIMARY KEY, data jsonb);
                CREATE SEQUENCE mt_probe_sequence;
                CREATE FUNCTION mt_probe() RETURNS int LANGUAGE sql AS 'SELECT 1';
                """);

            await PostgresProvisioning.ProvisionAsync(superuser.ConnectionString,
                [new ServiceDatabase(name, new ParameterResource($"{name}-password", _ => password, secret: true))], CancellationToken.None);

            var role = new NpgsqlConnectionStringBuilder(superuser.ConnectionString) { Username = name, Password = password, Database = name };
            // What Marten's AutoCreate does at start: change its tables and functions, use its sequences.
            await ExecuteAsync(role.ConnectionString, """
                ALTER TABLE mt_doc_probe ADD COLUMN mt_version int;
                INSERT INTO mt_doc_probe (data) VALUES ('{}');
                SELECT nextval('mt_probe_sequence');
                CREATE OR REPLACE FUNCTION mt_probe() RETURNS int LANGUAGE sql AS 'SELECT 2';
                CREATE TABLE mt_doc_new (id int);
                """);
        }
        finally
        {
            await ExecuteAsync(superuser.ConnectionString, $"DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)");
            await ExecuteAsync(superuser.ConnectionString, $"DROP ROLE IF EXISTS \"{name}\"");
        }
    }

    static async Task ExecuteAsync(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }
}
