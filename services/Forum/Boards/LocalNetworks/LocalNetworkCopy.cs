using Marten.Schema;
using Network.Platform.Inbox;

namespace Network.Forum.Boards.LocalNetworks;

/// <summary>
/// The Forum's copy of a Directory local network, fed by its integration events: which organisations belong to it
/// (who reads and posts on its board) and its stage (a dormant network's board is archived). Messages can arrive out of
/// order, so each part keeps the network-stream version it was taken from and never goes back.
/// </summary>
[UseOptimisticConcurrency]
public sealed class LocalNetworkCopy
{
    public const string DormantStage = "Dormant";

    public Guid Id { get; set; }
    public bool Created { get; set; }
    public string? Name { get; set; }
    public string? MunicipalityAgs { get; set; }
    public Guid? CoordinatorOrganisationId { get; set; }
    public string? Stage { get; set; }
    public long StageVersion { get; set; }

    /// <summary>Every organisation that ever joined, with whether it still belongs (a left one keeps its version).</summary>
    public List<Membership> Members { get; set; } = [];

    public bool IsDormant => Stage == DormantStage;

    /// <summary>The organisations that belong to the network now, the coordinator always among them.</summary>
    public IReadOnlyList<Guid> Organisations() =>
        [.. Members.ActingFor().Concat(CoordinatorOrganisationId is { } c ? [c] : []).Distinct()];
}
