namespace Network.Platform.EventStore;

/// <summary>
/// Writers of one stream take turns inside this process before they take the stream's row lock in PostgreSQL.
/// A burst of writers to one stream (hundreds registering for one event at once) then waits here, holding no
/// database connection, instead of parking a whole connection pool on one row lock and running the server out of
/// connections. The row lock still decides between replicas; this only keeps the waiting cheap.
/// Streams map onto a fixed set of stripes, so memory stays bounded; two streams that share a stripe merely take turns.
/// </summary>
public static class StreamTurns
{
    const int StripeCount = 1024;
    static readonly SemaphoreSlim[] Stripes = Enumerable.Range(0, StripeCount).Select(_ => new SemaphoreSlim(1, 1)).ToArray();

    /// <summary>Waits for this stream's turn; dispose the result to hand the turn on.</summary>
    public static async ValueTask<Turn> WaitAsync(Guid stream, CancellationToken ct)
    {
        var stripe = Stripes[(stream.GetHashCode() & int.MaxValue) % StripeCount];
        await stripe.WaitAsync(ct);
        return new Turn(stripe);
    }

    public readonly struct Turn(SemaphoreSlim stripe) : IDisposable
    {
        public void Dispose() => stripe.Release();
    }
}
