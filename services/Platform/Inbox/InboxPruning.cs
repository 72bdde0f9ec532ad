using Marten;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;

namespace Network.Platform.Inbox;

/// <summary>How long the inbox remembers a handled message, and how it forgets (configuration section <see cref="Section"/>).</summary>
public sealed class InboxRetention
{
    public const string Section = "Network:Inbox";

    /// <summary>
    /// Longer than any redelivery of the same message: the outbox re-sends what it had not confirmed after a crash
    /// or an outage of the broker (minutes, or as long as the outage lasts), RabbitMQ redelivers what was not
    /// acknowledged, the consumers' retries end within seconds, and an operator moves messages back from an error
    /// queue after fixing a fault, within days. 30 days covers a month-long outage or a late move. A replay from the
    /// start of the event log (POST /admin/integration-events/replay) re-sends older messages too: every consumer
    /// applies them by the version they carry, so an old message that finds no inbox record changes nothing newer
    /// (see docs/architecture.md, "The inbox").
    /// </summary>
    public TimeSpan Retention { get; set; } = TimeSpan.FromDays(30);

    /// <summary>How often a replica prunes.</summary>
    public TimeSpan Interval { get; set; } = TimeSpan.FromHours(1);

    /// <summary>Records deleted per statement, so one pruning never holds long locks or one long transaction.</summary>
    public int BatchSize { get; set; } = 5_000;
}

/// <summary>Deletes inbox records older than the retention, in batches; every replica runs it (deleting twice is harmless).</summary>
public sealed class InboxPruning(IDocumentStore store, IOptions<InboxRetention> options, TimeProvider clock, ILogger<InboxPruning> logger)
    : BackgroundService
{
    /// <summary>Deletes the records handled before <paramref name="cutoff"/>; returns how many.</summary>
    public static async Task<long> PruneAsync(IDocumentStore store, DateTimeOffset cutoff, int batchSize, CancellationToken ct)
    {
        var table = store.Options.FindOrResolveDocumentType(typeof(ProcessedMessage)).TableName.QualifiedName;
        long deleted = 0;
        while (true)
        {
            // Records written before the column existed have it empty: their time is in the JSON.
            var command = new NpgsqlCommand(
                $"delete from {table} where id in (select id from {table} where processed_at < $1 " +
                $"or (processed_at is null and (data ->> '{nameof(ProcessedMessage.ProcessedAt)}')::timestamptz < $1) limit $2)");
            command.Parameters.Add(new NpgsqlParameter { Value = cutoff.UtcDateTime });
            command.Parameters.Add(new NpgsqlParameter { Value = batchSize });
            await using var session = store.LightweightSession();
            var batch = await session.ExecuteAsync(command, ct);
            deleted += batch;
            if (batch < batchSize) return deleted;
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var retention = options.Value;
        using var timer = new PeriodicTimer(retention.Interval, clock);
        do
        {
            try
            {
                var deleted = await PruneAsync(store, clock.GetUtcNow() - retention.Retention, retention.BatchSize, stoppingToken);
                if (deleted > 0) logger.LogInformation("Pruned {Count} inbox records older than {Retention}", deleted, retention.Retention);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                logger.LogWarning(e, "Could not prune the inbox; retrying in {Interval}", retention.Interval);
            }
        } while (await timer.WaitForNextTickAsync(stoppingToken));
    }
}
