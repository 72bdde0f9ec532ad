using Marten;
using Marten.Exceptions;
using JasperFx;
using JasperFx.Events;
using Microsoft.Extensions.Options;
using Network.Forum.Following;
using Network.Platform.Auth;

namespace Network.Forum.Digests;

/// <summary>
/// Every <see cref="DigestSettings.SweepEvery"/>: composes the digest of each reader whose digest is due (by the index on
/// <see cref="Reader.DigestDueAt"/>, a bounded batch at a time) and appends it to the reader's stream; the outbox publishes
/// each digest with items as <c>ForumDigestComposed</c>, and the Identity service, which alone holds mail addresses, mails it.
/// Each digest is appended at the reader version it was composed from, so two replicas sweeping at once compose it once.
/// </summary>
public sealed class DigestSweep(IDocumentStore store, IOptions<DigestSettings> settings, IConfiguration configuration, TimeProvider clock,
    ILogger<DigestSweep> logger) : BackgroundService
{
    /// <summary>Readers read per round; a sweep ends when none is due or a round made no progress.</summary>
    public const int Batch = 100;

    readonly string gateway = ProviderSettings.From(configuration).Issuer;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(settings.Value.SweepEvery, clock);
        do
        {
            try
            {
                await SweepAsync(stoppingToken);
            }
            catch (Exception e) when (e is not OperationCanceledException || !stoppingToken.IsCancellationRequested)
            {
                logger.LogError(e, "The digest sweep failed; it runs again in {Interval}.", settings.Value.SweepEvery);
            }
        } while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    /// <returns>how many digests were composed (with or without items).</returns>
    public async Task<int> SweepAsync(CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var to = now - settings.Value.Settle;
        var composed = 0;
        var failed = new HashSet<Guid>();
        while (true)
        {
            IReadOnlyList<Reader> due;
            await using (var query = store.QuerySession())
                due = await query.Query<Reader>().Where(r => r.DigestDueAt != null && r.DigestDueAt <= now)
                    .OrderBy(r => r.DigestDueAt).Take(Batch + failed.Count).ToListAsync(ct);
            var progress = 0;
            foreach (var reader in due.Where(r => !failed.Contains(r.Id)))
            {
                try
                {
                    if (await ComposeAsync(reader, to, now, ct)) progress++;
                    else failed.Add(reader.Id);
                }
                catch (Exception e) when (e is ConcurrencyException or EventStreamUnexpectedMaxEventIdException)
                {
                    failed.Add(reader.Id); // another replica composed it meanwhile
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    failed.Add(reader.Id);
                    logger.LogError(e, "The digest of reader {Reader} could not be composed; the next sweep tries again.", reader.Id);
                }
            }
            composed += progress;
            if (progress == 0) return composed;
        }
    }

    /// <returns>false when the digest waits for a later sweep: it would end before it starts (chosen moments ago).</returns>
    async Task<bool> ComposeAsync(Reader reader, DateTimeOffset to, DateTimeOffset now, CancellationToken ct)
    {
        await using var session = store.LightweightSession();
        var stream = await session.Events.FetchForWriting<Reader>(reader.Id, reader.Version, ct);
        var current = stream.Aggregate!;
        if (current.DigestDueAt is null || current.DigestCoversFrom >= to) return false;
        var digest = await DigestComposer.ComposeAsync(session, current, to, now, settings.Value,
            thread => $"{gateway}api/forum/threads/{thread}", ct);
        stream.AppendOne(digest);
        await session.SaveChangesAsync(ct);
        return true;
    }
}
