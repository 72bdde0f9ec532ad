using System.Collections.Concurrent;
using System.Security.Claims;
using Marten;
using Network.Directory.Organisations;
using Network.Directory.Organisations.Archiving;
using Network.Directory.Organisations.Registering;
using Network.Directory.Organisations.Verifying;
using Network.Directory.Search;
using Network.Directory.Vocabularies;
using Network.Platform.Auth;
using Network.Platform.EventStore;

namespace Network.Bench.Directory;

/// <summary>
/// The Directory's own write and read paths on its own <see cref="IDocumentStore"/> (same schema, indexes and inline
/// snapshot as the HTTP API): each registration is what POST /organisations does after reading the request
/// (<see cref="RegisterOrganisation.RegisterAsync"/>: the theme vocabulary and the name's holders in one round trip,
/// decide, start the stream with its inline snapshot, commit) in its own session.
/// </summary>
public sealed class MartenPath(IDocumentStore store, int parallelism)
{
    public static readonly Actor Bench = new("bench", "Directory bench");

    public async Task RegisterAsync(Workload.Item item, CancellationToken ct)
    {
        await using var session = store.LightweightSession();
        await RegisterOrganisation.RegisterAsync(session, store, item.Id, item.Request, Bench, DateTimeOffset.UtcNow, ct);
    }

    /// <summary>Staff verify (and archive) what the workload says, each a decide-and-append on the stream like the API's.</summary>
    public async Task<Measurement> VerifyAsync(IReadOnlyList<Workload.Item> items)
    {
        var changes = items.Where(i => i.Verify || i.Archive).ToList();
        return await Measurement.OfAsync(changes.Count, parallelism, async (i, ct) =>
        {
            var item = changes[i];
            await using var session = store.LightweightSession();
            await session.DecideAsync<Organisation>(item.Id, null, current =>
            {
                var events = new List<object>();
                if (item.Verify) events.AddRange(VerifyOrganisation.Decide(current, Bench, DateTimeOffset.UtcNow));
                if (item.Archive) events.AddRange(ArchiveOrganisation.Decide(current, Bench, DateTimeOffset.UtcNow));
                return events;
            }, ct);
            return true;
        });
    }

    /// <summary>One search as GET /search/organisations runs it (after parsing), in a fresh query session.</summary>
    public async Task<long> SearchAsync(OrganisationSearch search, ClaimsPrincipal user)
    {
        await using var session = store.QuerySession();
        var page = await SearchOrganisations.RunAsync(session, search, user, CancellationToken.None);
        return page.TotalItems;
    }

    public string SqlOf(OrganisationSearch search, ClaimsPrincipal user)
    {
        using var session = store.QuerySession();
        return SearchOrganisations.CommandFor(session, search, user).CommandText;
    }
}
