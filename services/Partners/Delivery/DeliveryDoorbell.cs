using Marten;
using Marten.Services;

namespace Network.Partners.Delivery;

/// <summary>
/// Tells this replica's deliverer that the fan-out committed new deliveries, so it looks at once instead of at its next
/// poll: at light load the poll interval was most of the time from an event to its webhook. Returned by
/// <see cref="DeliveryFanOut"/> as Marten's change listener, which the daemon calls after the page's transaction
/// committed (before that the deliveries are not visible). Other replicas keep polling.
/// </summary>
public sealed class DeliveryDoorbell : IChangeListener
{
    readonly SemaphoreSlim rung = new(0, 1);

    public void Ring()
    {
        try
        {
            rung.Release();
        }
        catch (SemaphoreFullException)
        {
            // rung already, not yet heard: once is enough
        }
    }

    /// <returns>Whether it rang before <paramref name="timeout"/> passed.</returns>
    public Task<bool> WaitAsync(TimeSpan timeout, CancellationToken ct) => rung.WaitAsync(timeout, ct);

    public Task AfterCommitAsync(IDocumentSession session, IChangeSet commit, CancellationToken token)
    {
        Ring();
        return Task.CompletedTask;
    }

    public Task BeforeCommitAsync(IDocumentSession session, IChangeSet commit, CancellationToken token) => Task.CompletedTask;
}
