using Network.Platform.Aggregates;
using Network.Platform.Http;

namespace Network.Directory.LocalNetworks;

/// <summary>
/// Where a local network stands. The path runs Initiated -> ActorInventory -> NetworkingWorkshopHeld -> Active ->
/// SelfSustaining; Dormant can be reached from any stage (see <see cref="LocalNetworkStages"/>).
/// </summary>
public enum LocalNetworkStage { Initiated, ActorInventory, NetworkingWorkshopHeld, Active, SelfSustaining, Dormant }

/// <summary>One move of the network's stage, with the date it happened and a note.</summary>
public sealed record StageChange(LocalNetworkStage From, LocalNetworkStage To, DateOnly On, string Note, string By, DateTimeOffset At);

/// <summary>Something the network achieved on a day (a meeting, a joint event, a funding decision ...).</summary>
public sealed record Milestone(Guid Id, DateOnly On, string Title, string? Note, string By, DateTimeOffset At);

/// <summary>An event of a local network's stream: small, past tense, carrying who and when.</summary>
public interface ILocalNetworkEvent;

public sealed record LocalNetworkCreated(
    Guid NetworkId, string Name, string MunicipalityAgs, Guid CoordinatorOrganisationId, string CoordinatorName,
    DateOnly InitiatedOn, string By, DateTimeOffset At) : ILocalNetworkEvent;

public sealed record LocalNetworkMemberJoined(Guid NetworkId, Guid OrganisationId, string By, DateTimeOffset At) : ILocalNetworkEvent;

public sealed record LocalNetworkMemberLeft(Guid NetworkId, Guid OrganisationId, string By, DateTimeOffset At) : ILocalNetworkEvent;

public sealed record LocalNetworkStageChanged(
    Guid NetworkId, LocalNetworkStage From, LocalNetworkStage To, DateOnly On, string Note, string By, DateTimeOffset At) : ILocalNetworkEvent;

public sealed record LocalNetworkMilestoneRecorded(
    Guid NetworkId, Guid MilestoneId, DateOnly On, string Title, string? Note, string By, DateTimeOffset At) : ILocalNetworkEvent;

/// <summary>
/// A local network of one municipality as its events built it. Kept inline as the read model the API serves.
/// The coordinator organisation is a member from the start.
/// </summary>
public sealed record LocalNetwork(
    Guid Id,
    string Name,
    string MunicipalityAgs,
    Guid? CoordinatorOrganisationId,
    string? CoordinatorName,
    IReadOnlyList<Guid> MemberOrganisationIds,
    LocalNetworkStage Stage,
    IReadOnlyList<StageChange> StageHistory,
    IReadOnlyList<Milestone> Milestones,
    DateOnly InitiatedOn,
    DateTimeOffset CreatedAt) : IAggregate<LocalNetwork>
{
    /// <summary>The stream version (set by Marten): the ETag.</summary>
    public long Version { get; set; }

    /// <summary>The stage a dormant network left (null when it is not dormant).</summary>
    public LocalNetworkStage? StageBeforeDormant =>
        Stage == LocalNetworkStage.Dormant ? StageHistory.LastOrDefault(c => c.To == LocalNetworkStage.Dormant)?.From : null;

    /// <summary>The date of the latest stage change (the initiation date when there was none).</summary>
    public DateOnly StageSince => StageHistory.Count > 0 ? StageHistory[^1].On : InitiatedOn;

    /// <summary>
    /// Dated records keep the network's history in order: <paramref name="record"/> dated before <paramref name="earliest"/>
    /// (the day <paramref name="reached"/>) is a 409 naming both days. A stage change may not predate the current stage
    /// (<see cref="StageSince"/>), a milestone not the network's start (<see cref="InitiatedOn"/>).
    /// </summary>
    public static void EnsureDatedFrom(DateOnly on, DateOnly earliest, string record, string reached, string title)
    {
        if (on < earliest)
            throw new DomainRuleViolation($"{record} is dated {on:yyyy-MM-dd}, before {reached} ({earliest:yyyy-MM-dd}).", title: title);
    }

    public static LocalNetwork? When(LocalNetwork? state, object @event) => (state, @event) switch
    {
        (_, LocalNetworkCreated e) => new LocalNetwork(
            e.NetworkId, e.Name, e.MunicipalityAgs, e.CoordinatorOrganisationId, e.CoordinatorName, [],
            LocalNetworkStage.Initiated, [], [], e.InitiatedOn, e.At),
        ({ } current, LocalNetworkMemberJoined e) => current.MemberOrganisationIds.Contains(e.OrganisationId)
            ? current
            : current with { MemberOrganisationIds = [.. current.MemberOrganisationIds, e.OrganisationId] },
        ({ } current, LocalNetworkMemberLeft e) =>
            current with { MemberOrganisationIds = current.MemberOrganisationIds.Where(id => id != e.OrganisationId).ToList() },
        ({ } current, LocalNetworkStageChanged e) => current with
        {
            Stage = e.To,
            StageHistory = [.. current.StageHistory, new StageChange(e.From, e.To, e.On, e.Note, e.By, e.At)],
        },
        ({ } current, LocalNetworkMilestoneRecorded e) =>
            current with { Milestones = [.. current.Milestones, new Milestone(e.MilestoneId, e.On, e.Title, e.Note, e.By, e.At)] },
        _ => state,
    };
}
