using System.Collections.Concurrent;
using Marten;
using MassTransit;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Network.Contracts.Identity;
using Network.Platform.Inbox;

namespace Network.Platform.Auth;

/// <summary>A subject whose tokens every service refuses: a closed account or a revoked partner client.</summary>
public sealed record RevokedSubject(string Id, string Reason, DateTimeOffset RevokedAt);

/// <summary>
/// The subjects whose tokens this replica refuses, in memory so checking a token costs no database round trip.
/// Filled from the service's own <see cref="RevokedSubject"/> documents at start and every few seconds (another
/// replica may have consumed the message), and at once by <see cref="RevokedSubjectsConsumer"/> on this replica.
/// Access tokens live minutes; this closes the gap until they expire.
/// </summary>
public sealed class RevokedSubjects
{
    readonly ConcurrentDictionary<string, DateTimeOffset> revoked = new(StringComparer.Ordinal);

    public bool IsRevoked(string subject) => revoked.ContainsKey(subject);

    public void Add(RevokedSubject subject) => revoked[subject.Id] = subject.RevokedAt;

    public int Count => revoked.Count;
}

/// <summary>Stores <see cref="AccountClosed"/> and <see cref="PartnerClientRevoked"/> once, and tells this replica's set.</summary>
public sealed class RevokedSubjectsConsumer(IDocumentStore store, RevokedSubjects revoked) :
    IConsumer<AccountClosed>,
    IConsumer<PartnerClientRevoked>
{
    public Task Consume(ConsumeContext<AccountClosed> context) =>
        Revoke(context, new RevokedSubject(context.Message.Subject, "account-closed", context.Message.ClosedAt));

    public Task Consume(ConsumeContext<PartnerClientRevoked> context) =>
        Revoke(context, new RevokedSubject(context.Message.ClientId, "partner-client-revoked", context.Message.RevokedAt));

    async Task Revoke<TMessage>(ConsumeContext<TMessage> context, RevokedSubject subject) where TMessage : class
    {
        await store.HandleOnceAsync(context, this, (session, _) =>
        {
            session.Store(subject);
            return Task.CompletedTask;
        });
        revoked.Add(subject);
    }
}

/// <summary>Reads the revoked subjects other replicas stored into this replica's <see cref="RevokedSubjects"/>.</summary>
public sealed class RevokedSubjectsRefresher(IDocumentStore store, RevokedSubjects revoked, ILogger<RevokedSubjectsRefresher> logger)
    : BackgroundService
{
    public static readonly TimeSpan Interval = TimeSpan.FromSeconds(5);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Interval);
        do
        {
            try
            {
                // All of them: closures and revocations are rare, and a message's own timestamps may arrive out of order.
                await using var session = store.QuerySession();
                foreach (var subject in await session.Query<RevokedSubject>().ToListAsync(stoppingToken))
                    revoked.Add(subject);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                logger.LogWarning(e, "Could not read the revoked subjects; retrying in {Interval}", Interval);
            }
        } while (await timer.WaitForNextTickAsync(stoppingToken));
    }
}
