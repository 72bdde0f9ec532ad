namespace Network.Bench;

/// <summary>
/// The memory this process needs while some work runs: the benches run the service in their own process, so this is
/// the service's memory (with the bench's client, which only counts the bytes it reads).
/// </summary>
public static class PeakMemory
{
    /// <summary>
    /// The largest live managed heap while <paramref name="work"/> runs, above the live heap just before: a sampler forces
    /// a full collection every <paramref name="interval"/> (1 ms unless given), so what it sees is what the work holds at once.
    /// </summary>
    public static async Task<long> LiveHeapAboveIdleAsync(Func<Task> work, TimeSpan? interval = null)
    {
        var idle = GC.GetTotalMemory(forceFullCollection: true);
        var peak = idle;
        using var done = new CancellationTokenSource();
        var sampler = Task.Run(async () =>
        {
            while (!done.IsCancellationRequested)
            {
                peak = Math.Max(peak, GC.GetTotalMemory(forceFullCollection: true));
                try { await Task.Delay(interval ?? TimeSpan.FromMilliseconds(1), done.Token); } catch (OperationCanceledException) { }
            }
        });
        await work();
        done.Cancel();
        await sampler;
        return Math.Max(0, peak - idle);
    }

    /// <summary>
    /// The process's working set just before <paramref name="work"/> (after a compacting collection that gives free memory
    /// back to the system) and the largest while it runs, sampled every millisecond without forcing collections: what
    /// the machine has to give the process, the garbage collector's slack included.
    /// </summary>
    public static async Task<(long Idle, long Peak)> WorkingSetAsync(Func<Task> work)
    {
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Aggressive, blocking: true, compacting: true);
        GC.WaitForPendingFinalizers();
        var idle = Environment.WorkingSet;
        var peak = idle;
        using var done = new CancellationTokenSource();
        var sampler = Task.Run(async () =>
        {
            while (!done.IsCancellationRequested)
            {
                peak = Math.Max(peak, Environment.WorkingSet);
                try { await Task.Delay(1, done.Token); } catch (OperationCanceledException) { }
            }
        });
        await work();
        done.Cancel();
        await sampler;
        return (idle, Math.Max(peak, Environment.WorkingSet));
    }
}
