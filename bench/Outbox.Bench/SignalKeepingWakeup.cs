using JasperFx.Events.Daemon.HighWater;
using Npgsql;

namespace Network.Bench.Outbox;

/// <summary>
/// Experiment (--wakeup keep-signals): a LISTEN/NOTIFY wake-up for the high-water agent that does not lose a
/// notification which arrives while the agent is busy.
/// <para>
/// Marten 9.58's <c>PostgresqlListenWakeup.WaitAsync</c> first drains every signal received since the previous
/// wait, then waits. A NOTIFY that arrives while the agent runs its high-water query (after the query's snapshot,
/// before the wait) is therefore dropped, and the agent sleeps the whole polling interval (FastPollingTime after
/// progress, SlowPollingTime when caught up or stale) before it sees that commit. This one drains too (a burst
/// still costs one extra look, not one per notification) but returns at once when anything was pending, so the
/// agent looks again immediately.
/// </para>
/// <para>
/// Marten installs its own wake-up whenever <c>UseListenNotifyForEventAppends</c> is on (overwriting
/// <c>Projections.Wakeup</c>), so the experiment turns that flag off, sets this one, and sends the NOTIFY from a
/// statement trigger on <c>mt_events</c> (<see cref="InstallTriggerAsync"/>) instead of Marten's append operation.
/// </para>
/// </summary>
public sealed class SignalKeepingWakeup(string connectionString) : IDaemonWakeup, IDisposable
{
    public const string Channel = "mt_events_appended";

    readonly SemaphoreSlim signal = new(0);
    readonly SemaphoreSlim connectionLock = new(1, 1);
    readonly CancellationTokenSource lifetime = new();
    NpgsqlConnection? connection;

    public async Task WaitAsync(TimeSpan timeout, CancellationToken token)
    {
        try
        {
            await EnsureListeningAsync(token);
        }
        catch (Exception) when (!token.IsCancellationRequested)
        {
            await Task.Delay(timeout, token); // database unreachable: plain polling until it is back
            return;
        }

        // Something was committed since the agent last waited: its last look may have missed it. Look again now.
        if (signal.CurrentCount > 0)
        {
            while (signal.CurrentCount > 0)
                await signal.WaitAsync(0, token);
            return;
        }
        await signal.WaitAsync(timeout, token);
    }

    async Task EnsureListeningAsync(CancellationToken token)
    {
        if (connection is not null) return;
        await connectionLock.WaitAsync(token);
        try
        {
            if (connection is not null) return;
            var opened = new NpgsqlConnection(connectionString);
            await opened.OpenAsync(token);
            opened.Notification += (_, _) => signal.Release();
            await using (var listen = new NpgsqlCommand($"LISTEN {Channel}", opened))
                await listen.ExecuteNonQueryAsync(token);
            connection = opened;
            _ = Task.Run(() => ReceiveAsync(opened, lifetime.Token));
        }
        finally
        {
            connectionLock.Release();
        }
    }

    async Task ReceiveAsync(NpgsqlConnection listening, CancellationToken token)
    {
        try
        {
            while (!token.IsCancellationRequested)
                await listening.WaitAsync(TimeSpan.FromSeconds(30), token);
        }
        catch (Exception)
        {
            connection = null; // reconnect on the next wait
            signal.Release(); // and look once, in case something was committed meanwhile
            await listening.DisposeAsync();
        }
    }

    /// <summary>NOTIFY on every statement that appends events (one per transaction after PostgreSQL folds duplicates).</summary>
    public static async Task InstallTriggerAsync(string connectionString)
    {
        await using var db = new NpgsqlConnection(connectionString);
        await db.OpenAsync();
        await using var command = new NpgsqlCommand($"""
            create or replace function bench_notify_events_appended() returns trigger language plpgsql as $$
            begin perform pg_notify('{Channel}', ''); return null; end $$;
            drop trigger if exists bench_notify_events_appended on mt_events;
            create trigger bench_notify_events_appended after insert on mt_events
                for each statement execute function bench_notify_events_appended();
            """, db);
        await command.ExecuteNonQueryAsync();
    }

    public void Dispose()
    {
        lifetime.Cancel();
        connection?.Dispose();
    }
}
