using Microsoft.Extensions.Diagnostics.HealthChecks;
using Npgsql;
using RabbitMQ.Client;
using Network.Platform.Messaging;

namespace Network.Platform.Hosting;

/// <summary>Ready only when PostgreSQL answers a query.</summary>
public sealed class PostgresReachable(string connectionString) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken ct = default)
    {
        try
        {
            await using var connection = new NpgsqlConnection(connectionString);
            await connection.OpenAsync(ct);
            await using var command = new NpgsqlCommand("select 1", connection);
            await command.ExecuteScalarAsync(ct);
            return HealthCheckResult.Healthy();
        }
        catch (Exception ex)
        {
            return HealthCheckResult.Unhealthy("PostgreSQL is not reachable", ex);
        }
    }
}

/// <summary>
/// Ready only when the broker holds an AMQP connection for us. MassTransit's own bus check says Healthy for a
/// publish-only bus while the broker is gone (MassTransit #2716), so this asks the broker itself, on one connection it
/// keeps open and reuses (a probe or a stranger calling /health every second does not open a connection each time). A
/// connection the broker closed or lost is opened again at the next check; the answer is Unhealthy until that works.
/// </summary>
public sealed class RabbitMqReachable(RabbitMqAddress address) : IHealthCheck, IAsyncDisposable
{
    public const string ConnectionName = "health-check";

    readonly SemaphoreSlim gate = new(1, 1);
    IConnection? connection;

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken ct = default)
    {
        await gate.WaitAsync(ct);
        try
        {
            if (connection is { IsOpen: true }) return HealthCheckResult.Healthy();
            if (connection is not null) await connection.DisposeAsync();
            connection = null;
            var factory = new ConnectionFactory
            {
                HostName = address.Host,
                Port = address.Port,
                VirtualHost = address.VirtualHost,
                UserName = address.UserName,
                Password = address.Password,
                RequestedConnectionTimeout = TimeSpan.FromSeconds(3),
                AutomaticRecoveryEnabled = false,
                ClientProvidedName = ConnectionName,
            };
            connection = await factory.CreateConnectionAsync(ct);
            return HealthCheckResult.Healthy();
        }
        catch (Exception ex)
        {
            return HealthCheckResult.Unhealthy("RabbitMQ is not reachable", ex);
        }
        finally
        {
            gate.Release();
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (connection is not null) await connection.DisposeAsync();
    }
}
