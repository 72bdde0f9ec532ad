using Marten.Schema;

namespace Network.Events.Organisations;

/// <summary>
/// The Events service's local copy of an organisation known from the Directory's integration events (organisers,
/// and later the statistics by kind and federal state). Each field group remembers the Directory version it came from.
/// </summary>
[UseOptimisticConcurrency]
public sealed class KnownOrganisation
{
    public Guid Id { get; set; }
    public string? Name { get; set; }
    public string? Kind { get; set; }
    public string? MunicipalityAgs { get; set; }
    public string? FederalState { get; set; }
    public bool Verified { get; set; }
    public bool Archived { get; set; }
    /// <summary>A registration message arrived (an update alone does not make it known).</summary>
    public bool Registered { get; set; }
    public long ProfileVersion { get; set; }
    public long StatusVersion { get; set; }
}
