using Marten;
using Marten.Services;

namespace Network.Platform.EventStore;

/// <summary>
/// What a Marten subscription's <c>ProcessEventsAsync</c> returns when nothing is to happen after the daemon commits the page
/// (the outbox, the partners' fan-out and exchange publisher). One shared instance instead of a private copy in each.
/// </summary>
public sealed class NoChangeListener : IChangeListener
{
    public static readonly NoChangeListener Instance = new();

    NoChangeListener() { }

    public Task AfterCommitAsync(IDocumentSession session, IChangeSet commit, CancellationToken token) => Task.CompletedTask;
    public Task BeforeCommitAsync(IDocumentSession session, IChangeSet commit, CancellationToken token) => Task.CompletedTask;
}
