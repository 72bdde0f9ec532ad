namespace Network.Bench;

/// <summary>
/// One path's operations, timed over one or more rounds: each round's throughput, and every operation's latency
/// (from its call to its return, failed ones included: a client waits for a refusal too).
/// </summary>
public sealed class Measurement
{
    readonly List<Throughput> rounds = [];
    readonly List<double> latencies = [];

    public IReadOnlyList<Throughput> Rounds => rounds;

    /// <summary>Every round together: all operations over the sum of the rounds' times.</summary>
    public Throughput Throughput => new(rounds.Sum(r => r.Messages), TimeSpan.FromTicks(rounds.Sum(r => r.Elapsed.Ticks)), rounds.Sum(r => r.Received));

    public Percentiles Latency => Percentiles.Of(latencies);

    /// <summary>The CPU the rounds took, in this process and in PostgreSQL (<see cref="CpuTime"/>).</summary>
    public CpuTime Cpu { get; private set; }

    /// <summary>The CPU per operation, e.g. "0.42 ms in this process + 0.31 ms in PostgreSQL".</summary>
    public string CpuPerOperation => Cpu.PerOperation(rounds.Sum(r => r.Messages));

    /// <summary>
    /// One round: <paramref name="operation"/> for every i in [<paramref name="from"/>, <paramref name="to"/>),
    /// <paramref name="concurrency"/> at a time, each client taking the next i as soon as its last one returned.
    /// The operation answers whether it succeeded; an exception it throws ends the round (and the bench).
    /// </summary>
    public async Task RunAsync(int from, int to, int concurrency, Func<int, CancellationToken, Task<bool>> operation)
    {
        var times = new double[to - from];
        var succeeded = 0;
        var started = Clock.Now;
        var cpu = CpuTime.Now();
        await Parallel.ForEachAsync(Enumerable.Range(from, to - from), new ParallelOptions { MaxDegreeOfParallelism = concurrency }, async (i, ct) =>
        {
            var t0 = Clock.Now;
            if (await operation(i, ct)) Interlocked.Increment(ref succeeded);
            times[i - from] = Clock.Ms(t0, Clock.Now);
        });
        rounds.Add(new Throughput(to - from, TimeSpan.FromMilliseconds(Clock.Ms(started, Clock.Now)), succeeded));
        Cpu += CpuTime.Now() - cpu;
        latencies.AddRange(times);
    }

    /// <summary>This measurement as a row of the bench's results (the ratio to the baseline is filled in per scenario).</summary>
    public PathResult Result(string scenario, string path, PathRole role, string unit, string? note = null) =>
        new(scenario, path, role, unit, Throughput.PerSecond, null, Latency.P50, Latency.P99, note);

    /// <summary>A measurement of <paramref name="count"/> operations in one round.</summary>
    public static async Task<Measurement> OfAsync(int count, int concurrency, Func<int, CancellationToken, Task<bool>> operation)
    {
        var measurement = new Measurement();
        await measurement.RunAsync(0, count, concurrency, operation);
        return measurement;
    }
}

/// <summary>How the paths of a bench take turns, so other work on the machine, autovacuum and checkpoints hit all alike.</summary>
public static class Rounds
{
    /// <summary>
    /// <paramref name="n"/> operations cut into <paramref name="rounds"/> consecutive slices [From, To). With an
    /// <paramref name="edge"/>, the first and the last slice are exactly that long (so the first and the last
    /// <paramref name="edge"/> operations are measured on their own) and the rest is split evenly between them.
    /// </summary>
    public static IReadOnlyList<(int From, int To)> Of(int n, int rounds, int edge = 0)
    {
        if (rounds < 1 || n < rounds) throw new ArgumentException($"{n} operations cannot be cut into {rounds} rounds.");
        if (edge > 0 && rounds < 3) throw new ArgumentException("The first and the last rounds on their own need at least three rounds.");
        if (edge > 0 && n - 2 * edge < rounds - 2)
            throw new ArgumentException($"{n} operations leave nothing between the first and the last {edge}; give more operations or a smaller window.");
        var bounds = new List<(int, int)>();
        var (start, end, middle) = edge > 0 ? (edge, n - edge, rounds - 2) : (0, n, rounds);
        if (edge > 0) bounds.Add((0, edge));
        for (var r = 0; r < middle; r++)
            bounds.Add((start + r * (end - start) / middle, start + (r + 1) * (end - start) / middle));
        if (edge > 0) bounds.Add((n - edge, n));
        return bounds;
    }

    /// <summary>
    /// Runs every round for every path, <paramref name="run"/>(path, round's bounds), the first path of a round
    /// rotating: each path meets the machine's ups and downs alike, and anything that grows (a hot event's
    /// registrations) has grown equally on every path at each round.
    /// </summary>
    public static async Task TakeTurnsAsync(IReadOnlyList<(int From, int To)> rounds, int paths, Func<int, (int From, int To), Task> run)
    {
        for (var round = 0; round < rounds.Count; round++)
            for (var p = 0; p < paths; p++)
                await run((round + p) % paths, rounds[round]);
    }
}

/// <summary>Warming up until the JIT is done with the path, so its tiered re-compilations do not fall into the measured rounds.</summary>
public static class WarmUp
{
    /// <summary>
    /// Runs <paramref name="batch"/> until it compiled hardly any new method (fewer than <paramref name="quiet"/>, counting the
    /// background tier-1 compilations it triggered, which follow within a fraction of a second), at most <paramref name="max"/> times.
    /// </summary>
    /// <returns>How many batches it took.</returns>
    public static async Task<int> UntilJitQuietAsync(Func<Task> batch, int max = 12, int quiet = 10)
    {
        for (var i = 1; ; i++)
        {
            var before = System.Runtime.JitInfo.GetCompiledMethodCount();
            await batch();
            await Task.Delay(300);
            if (System.Runtime.JitInfo.GetCompiledMethodCount() - before < quiet || i == max) return i;
        }
    }
}
