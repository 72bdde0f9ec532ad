using System.Net.Http.Json;
using Aspire.Hosting.ApplicationModel;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Npgsql;
using RabbitMQ.Client;

namespace Network.AppHost;

/// <summary>
/// Healthy when a connection to the resource's PostgreSQL database opens and answers. With
/// <paramref name="isReady"/>, no connection is tried before the server says it is ready.
/// </summary>
sealed class PostgresHealthCheck(IResourceWithConnectionString resource, Func<bool>? isReady = null) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        if (isReady is not null && !isReady())
            return HealthCheckResult.Unhealthy($"PostgreSQL ({resource.Name}) is not ready yet.");
        try
        {
            var connectionString = await resource.ConnectionStringExpression.GetValueAsync(cancellationToken)
                ?? throw new InvalidOperationException($"'{resource.Name}' has no connection string yet.");
            var settings = new NpgsqlConnectionStringBuilder(connectionString) { Pooling = false, Timeout = 5 };
            await using var connection = new NpgsqlConnection(settings.ConnectionString);
            await connection.OpenAsync(cancellationToken);
            await using var command = new NpgsqlCommand("SELECT 1", connection);
            await command.ExecuteScalarAsync(cancellationToken);
            return HealthCheckResult.Healthy();
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            return HealthCheckResult.Unhealthy($"Cannot reach PostgreSQL ({resource.Name}): {ex.Message}", ex);
        }
    }
}

/// <summary>
/// Healthy while an AMQP connection to the broker is open. Keeps one connection instead of opening
/// one per check (every connection shows up in the broker's log).
/// </summary>
sealed class RabbitMqHealthCheck(IResourceWithConnectionString resource) : IHealthCheck, IAsyncDisposable
{
    readonly SemaphoreSlim _gate = new(1, 1);
    IConnection? _connection;

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            if (_connection is { IsOpen: true })
                return HealthCheckResult.Healthy();

            if (_connection is not null)
            {
                await _connection.DisposeAsync();
                _connection = null;
            }

            var uri = await resource.ConnectionStringExpression.GetValueAsync(cancellationToken)
                ?? throw new InvalidOperationException($"'{resource.Name}' has no connection string yet.");
            var factory = new ConnectionFactory
            {
                Uri = new Uri(uri),
                ClientProvidedName = "aspire-apphost-health-check",
                AutomaticRecoveryEnabled = false,
                RequestedConnectionTimeout = TimeSpan.FromSeconds(5),
            };
            _connection = await factory.CreateConnectionAsync(cancellationToken);
            return HealthCheckResult.Healthy();
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            return HealthCheckResult.Unhealthy($"Cannot reach RabbitMQ ({resource.Name}): {ex.Message}", ex);
        }
        finally
        {
            _gate.Release();
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_connection is not null)
        {
            try
            {
                await _connection.CloseAsync(TimeSpan.FromSeconds(2));
            }
            catch (Exception)
            {
                // The broker may already be gone at shutdown.
            }
            await _connection.DisposeAsync();
        }
        _gate.Dispose();
    }
}

/// <summary>
/// Healthy when smtp4dev's web API answers and says its SMTP listener runs (<c>GET /api/server</c>: <c>isRunning</c>).
/// The web view alone is not enough: when the SMTP port is taken, smtp4dev logs it and serves the web view all the same.
/// Asking the API, not the SMTP port, keeps the checks out of the web view's list of SMTP sessions.
/// </summary>
sealed class MailServerHealthCheck(EndpointReference web) : IHealthCheck
{
    static readonly HttpClient Http = new() { Timeout = TimeSpan.FromSeconds(5) };

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            var server = await Http.GetFromJsonAsync<Smtp4devServer>(new Uri(new Uri(web.Url), "api/server"), cancellationToken);
            return server is { IsRunning: true }
                ? HealthCheckResult.Healthy()
                : HealthCheckResult.Unhealthy($"smtp4dev's SMTP server is not running: {server?.Exception ?? "no reason given"}");
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            return HealthCheckResult.Unhealthy($"Cannot reach smtp4dev's web API at {web.Url}: {ex.Message}", ex);
        }
    }

    /// <summary>The part of smtp4dev's answer we read (camelCase JSON: the web defaults of System.Net.Http.Json).</summary>
    sealed record Smtp4devServer(bool IsRunning, string? Exception);
}
