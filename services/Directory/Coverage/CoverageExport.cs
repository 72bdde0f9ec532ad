using Network.Directory.Organisations;
using Network.Platform.Exports;

namespace Network.Directory.Coverage;

/// <summary>
/// Coverage as a file (<see cref="Export"/>): one row per municipality with the counts by verification state (pending,
/// rejected and shadow are empty for everybody but staff), one column per kind with the known actors, and the missing
/// kinds, gaps and local networks joined with "; ". The per-kind split by verification state is in GET /coverage's JSON.
/// </summary>
public static class CoverageExport
{
    public static readonly ExportTable<MunicipalityCoverage> Table = new("Abdeckung", "Coverage",
    [
        new("ags", "AGS", "AGS", m => m.Ags),
        new("municipality", "Kommune", "Municipality", m => m.Name),
        new("federalState", "Bundesland", "Federal state", m => m.FederalState),
        new("pilot", "Pilotkommune", "Pilot municipality", m => m.IsPilot),
        new("counted", "Gezählt", "Counted", m => m.Counted),
        new("knownActors", "Bekannte Akteure", "Known actors", m => m.KnownActors),
        new("verified", "Verifiziert", "Verified", m => Sum(m, k => k.Verified)),
        new("pending", "In Prüfung", "Pending", m => Sum(m, k => k.Pending)),
        new("rejected", "Abgelehnt", "Rejected", m => Sum(m, k => k.Rejected)),
        new("shadow", "Schattenprofile", "Shadow profiles", m => Sum(m, k => k.Shadow)),
        .. Enum.GetValues<OrganisationKind>().Select(kind =>
        {
            var (german, english) = OrganisationKindNames.Of(kind);
            return new ExportColumn<MunicipalityCoverage>(kind.ToString(), german, english,
                m => m.Kinds.FirstOrDefault(k => k.Kind == kind)?.Known);
        }),
        new("missingKinds", "Fehlende Arten", "Missing kinds", m => string.Join("; ", m.MissingKinds)),
        new("gaps", "Lücken", "Gaps", m => string.Join("; ", m.Gaps.Select(g => g.Code))),
        new("localNetworks", "Lokale Netzwerke", "Local networks",
            m => string.Join("; ", m.LocalNetworks.Select(n => $"{n.Name} ({n.Stage} since {n.StageSince:yyyy-MM-dd}, {n.Members} members)"))),
    ]);

    /// <summary>A count over the kinds; empty when the caller may not see it (null for one kind is null for all).</summary>
    static int? Sum(MunicipalityCoverage m, Func<KindCoverage, int?> count) => m.Kinds.Aggregate((int?)0, (total, k) => total + count(k));
}
