using Npgsql;
using Xunit;

namespace Network.Tests.Infrastructure.Tests;

public class PostgresSmokeTests
{
    [Fact]
    public async Task Two_new_databases_are_empty_and_isolated_from_each_other()
    {
        var first = await TestServers.CreateDatabaseAsync("smoke");
        var second = await TestServers.CreateDatabaseAsync("smoke");

        Assert.NotEqual(Database(first), Database(second));
        await Execute(first, "CREATE TABLE things (name text); INSERT INTO things VALUES ('only in the first')");

        Assert.Equal(1L, await Scalar(first, "SELECT count(*) FROM things"));
        Assert.Null(await Scalar(second, "SELECT to_regclass('things')::text"));
        Assert.Equal(0L, await Scalar(second, "SELECT count(*) FROM information_schema.tables WHERE table_schema = 'public'"));
    }

    static string? Database(string connectionString) => new NpgsqlConnectionStringBuilder(connectionString).Database;

    static async Task Execute(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    static async Task<object?> Scalar(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        var value = await command.ExecuteScalarAsync();
        return value is DBNull ? null : value;
    }
}
