using Npgsql;

namespace Network.Platform.EventStore;

/// <summary>
/// The connection settings every service's Marten store uses (and the benchmarks' raw baselines, so both sides of a
/// ratio talk to PostgreSQL alike).
/// <para>
/// Npgsql's automatic preparation: a statement sent <see cref="AutoPrepareMinUsages"/> times on a connection is
/// prepared there, so PostgreSQL stops parsing and planning it for every command. Marten's SQL text is stable (it
/// parameterises everything, paging included), so the same few statements of a write path are prepared on every
/// pooled connection after its first commands. It also keeps Marten's append function fast: a pooled connection
/// without prepared statements is reset with DISCARD ALL, which throws away PL/pgSQL's cached plans, so
/// <c>mt_quick_append_events</c> was planned again on every command (0.62 ms of server time per registration in the
/// Events bench, 0.18 ms with its plans kept). With prepared statements Npgsql resets everything else (settings,
/// temporary tables, advisory locks, LISTEN) and keeps the plans.
/// </para>
/// <para>
/// Hazards, and why they do not apply: a prepared statement whose result columns change fails ("cached plan must not
/// change result type"), but Marten names its columns and changes the schema only at start-up, before any command
/// (ApplyAllDatabaseChangesOnStartup); PgBouncer in transaction mode would need its own prepared-statement support, and
/// no service runs behind one. A connection string that sets either value keeps its own.
/// </para>
/// </summary>
public static class EventStoreConnections
{
    /// <summary>How many statements each connection keeps prepared (least recently used ones are replaced).</summary>
    public const int MaxAutoPrepare = 64;

    /// <summary>How often a statement is sent on one connection before it is prepared.</summary>
    public const int AutoPrepareMinUsages = 2;

    /// <summary><paramref name="connectionString"/> with automatic preparation on, unless it configures it itself.</summary>
    public static string Tuned(string connectionString)
    {
        var builder = new NpgsqlConnectionStringBuilder(connectionString);
        if (!Mentions(connectionString, "Max Auto Prepare", "MaxAutoPrepare")) builder.MaxAutoPrepare = MaxAutoPrepare;
        if (!Mentions(connectionString, "Auto Prepare Min Usages", "AutoPrepareMinUsages")) builder.AutoPrepareMinUsages = AutoPrepareMinUsages;
        return builder.ConnectionString;
    }

    static bool Mentions(string connectionString, params string[] keys) =>
        keys.Any(key => connectionString.Contains(key, StringComparison.OrdinalIgnoreCase));
}
