using System.Globalization;
using System.Text;
using Network.Platform.Http;
using Network.Directory.Organisations;

namespace Network.Directory.Coverage;

/// <summary>
/// Coverage as a spreadsheet: one row per municipality (RFC 4180: a header row, CRLF line ends, fields with a comma,
/// quote or line break in double quotes, quotes doubled). Columns: the municipality, the counts by verification state
/// (pending, rejected and shadow are empty for everybody but staff), one column per kind with the known actors, and
/// the missing kinds, gaps and local networks joined with "; ". The per-kind split by verification state is in the JSON.
/// </summary>
public static class CoverageCsv
{
    public const string ContentType = "text/csv; charset=utf-8; header=present";

    static readonly string[] Header =
    [
        "ags", "municipality", "federal_state", "pilot", "counted", "known_actors", "verified", "pending", "rejected", "shadow",
        .. Enum.GetNames<OrganisationKind>(),
        "missing_kinds", "gaps", "local_networks",
    ];

    public static string Write(IEnumerable<MunicipalityCoverage> municipalities)
    {
        var csv = new StringBuilder();
        csv.AppendRow(Header);
        foreach (var m in municipalities)
        {
            int? Sum(Func<KindCoverage, int?> count) => m.Kinds.Aggregate((int?)0, (total, k) => total + count(k));
            csv.AppendRow(
            [
                m.Ags, m.Name ?? "", m.FederalState, m.IsPilot ? "true" : "false", m.Counted,
                Number(m.KnownActors), Number(Sum(k => k.Verified)), Number(Sum(k => k.Pending)), Number(Sum(k => k.Rejected)), Number(Sum(k => k.Shadow)),
                .. m.Kinds.OrderBy(k => k.Kind).Select(k => Number(k.Known)),
                string.Join("; ", m.MissingKinds),
                string.Join("; ", m.Gaps.Select(g => g.Code)),
                string.Join("; ", m.LocalNetworks.Select(n => $"{n.Name} ({n.Stage} since {n.StageSince:yyyy-MM-dd}, {n.Members} members)")),
            ]);
        }
        return csv.ToString();
    }

    static string Number(int? value) => value?.ToString(CultureInfo.InvariantCulture) ?? "";


}
