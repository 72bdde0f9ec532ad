using System.Security.Claims;
using Marten;
using Network.Directory.Organisations;
using Network.Directory.Organisations.Viewing;
using Network.Platform.Http;

namespace Network.Directory.LocalNetworks.Viewing;

public sealed record StageChangeResponse(LocalNetworkStage From, LocalNetworkStage To, DateOnly On, string Note);

public sealed record MilestoneResponse(Guid Id, DateOnly On, string Title, string? Note);

/// <summary>
/// A local network as a caller sees it: member organisations (and the coordinator) the caller may not see are
/// left out of the lists, but counted in <see cref="MemberCount"/>.
/// </summary>
public sealed record LocalNetworkResponse(
    Guid Id,
    string Name,
    string MunicipalityAgs,
    Guid? CoordinatorOrganisationId,
    string? CoordinatorName,
    IReadOnlyList<Guid> MemberOrganisationIds,
    int MemberCount,
    LocalNetworkStage Stage,
    DateOnly StageSince,
    LocalNetworkStage? StageBeforeDormant,
    IReadOnlyList<StageChangeResponse> StageHistory,
    IReadOnlyList<MilestoneResponse> Milestones,
    DateOnly InitiatedOn,
    DateTimeOffset CreatedAt,
    long Version)
{
    public static LocalNetworkResponse From(LocalNetwork n, Func<Guid, bool> maySee)
    {
        var coordinatorVisible = n.CoordinatorOrganisationId is { } c && maySee(c);
        return new(
            n.Id, n.Name, n.MunicipalityAgs,
            coordinatorVisible ? n.CoordinatorOrganisationId : null,
            coordinatorVisible ? n.CoordinatorName : null,
            n.MemberOrganisationIds.Where(maySee).ToList(),
            n.MemberOrganisationIds.Count,
            n.Stage, n.StageSince, n.StageBeforeDormant,
            n.StageHistory.Select(s => new StageChangeResponse(s.From, s.To, s.On, s.Note)).ToList(),
            n.Milestones.OrderBy(m => m.On).Select(m => new MilestoneResponse(m.Id, m.On, m.Title, m.Note)).ToList(),
            n.InitiatedOn, n.CreatedAt, n.Version);
    }

    /// <summary>The responses for these networks, each organisation checked against the caller's view of the Directory.</summary>
    public static async Task<IReadOnlyList<LocalNetworkResponse>> ForAsync(
        IReadOnlyList<LocalNetwork> networks, ClaimsPrincipal user, IQuerySession session, CancellationToken ct)
    {
        var ids = networks
            .SelectMany(n => n.MemberOrganisationIds.Concat(n.CoordinatorOrganisationId is { } c ? [c] : []))
            .Distinct().ToArray();
        var organisations = ids.Length == 0 ? [] : await session.LoadManyAsync<Organisation>(ct, ids);
        var visible = organisations.Where(user.MaySee).Select(o => o.Id).ToHashSet();
        return networks.Select(n => From(n, visible.Contains)).ToList();
    }

    /// <summary>The answer of a command: the network as now stored, with its new ETag.</summary>
    internal static async Task<LocalNetworkResponse> RespondAsync(Guid id, long version, HttpContext http, IQuerySession session, CancellationToken ct)
    {
        var network = await session.LoadAsync<LocalNetwork>(id, ct) ?? throw new ResourceNotFound("Local network", id);
        http.Response.SetETag(version);
        return (await ForAsync([network], http.User, session, ct))[0];
    }
}
