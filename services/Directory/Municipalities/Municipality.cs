namespace Network.Directory.Municipalities;

/// <summary>A municipality is added once (by staff, or at start-up for the five pilot cities).</summary>
public sealed record MunicipalityAdded(string Ags, string Name, string FederalState, bool IsPilot, string By, DateTimeOffset At);

/// <summary>
/// A German municipality in use, keyed by its 8-digit AGS. The document is projected inline from the
/// municipality's own event stream (see <see cref="MunicipalityStreams"/>), so the next read sees it at once.
/// </summary>
public sealed record Municipality(string Id, string Name, string FederalState, bool IsPilot)
{
    public DateTimeOffset AddedAt { get; init; }

    /// <summary>The federal state's two-digit code (the AGS's first two digits).</summary>
    public string FederalStateCode => Id[..2];

    public static Municipality Create(MunicipalityAdded e) =>
        new(e.Ags, e.Name, e.FederalState, e.IsPilot) { AddedAt = e.At };
}
