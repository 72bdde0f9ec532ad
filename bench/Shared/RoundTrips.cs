using System.Diagnostics;

namespace Network.Bench;

/// <summary>
/// How many times one operation waits for PostgreSQL: the commands and batches Npgsql traces while the operation runs
/// in this process (a batch of statements is one round trip; Npgsql sends a BEGIN with the command after it), plus
/// its COMMIT, which Npgsql does not trace. Operations run one after another, each inside an activity of its own, so
/// only what they send is counted (not the daemon's polling or another client's work): a command counts when it belongs
/// to an operation's trace. Marten starts its connection activity from the current activity's parent id (a string, not
/// the activity), so each operation is two activities deep to keep that id inside the operation's trace.
/// </summary>
public static class RoundTrips
{
    static readonly ActivitySource Operations = new("Network.Bench.RoundTrips");

    /// <summary>The average round trips of <paramref name="count"/> runs of <paramref name="operation"/>, each one transaction.</summary>
    public static async Task<RoundTripCount> PerOperationAsync(int count, Func<int, Task> operation)
    {
        // Created before the listener: made lazily while AddActivityListener asks about every source, it would miss it.
        var operations = Operations;
        var statements = 0;
        var traces = new System.Collections.Concurrent.ConcurrentDictionary<ActivityTraceId, bool>();
        using var listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name == "Npgsql" || source == operations,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllData,
            ActivityStopped = activity =>
            {
                if (activity.Source.Name == "Npgsql" && !activity.DisplayName.StartsWith("CONNECT", StringComparison.Ordinal) && traces.ContainsKey(activity.TraceId))
                    Interlocked.Increment(ref statements);
            },
        };
        ActivitySource.AddActivityListener(listener);
        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        for (var i = 0; i < count; i++)
        {
            using var outer = Operations.StartActivity("operation");
            using var inner = Operations.StartActivity("operation step");
            if (outer is not null) traces[outer.TraceId] = true;
            await operation(i);
        }
        var alone = System.Diagnostics.Stopwatch.GetElapsedTime(started).TotalMilliseconds / count;
        return new RoundTripCount((double)statements / count, Commits: 1, alone);
    }
}

/// <summary>Round trips of one operation: the traced commands and batches, its commits, and its time when it runs alone.</summary>
public sealed record RoundTripCount(double Statements, int Commits, double AloneMs)
{
    public double Total => Statements + Commits;

    public override string ToString() => string.Create(System.Globalization.CultureInfo.InvariantCulture,
        $"{Total:0.#} ({Statements:0.#} commands or batches + {Commits} commit), {AloneMs:0.0} ms each alone");
}
