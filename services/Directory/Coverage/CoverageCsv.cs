using System.Globalization;
using System.Text;
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
        Row(csv, Header);
        foreach (var m in municipalities)
        {
            int? Sum(Func<KindCoverage, int?> count) => m.Kinds.Aggregate((int?)0, (total, k) => total + count(k));
            Row(csv,
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

    static void Row(StringBuilder csv, IReadOnlyList<string> fields)
    {
        for (var i = 0; i < fields.Count; i++)
        {
            if (i > 0) csv.Append(',');
            csv.Append(Field(fields[i]));
        }
        csv.Append("\r\n");
    }

    /// <summary>
    /// One field, quoted when RFC 4180 requires it. A text starting with =, +, - or @ is prefixed with an apostrophe
    /// so a spreadsheet shows it instead of running it as a formula (network names are typed by people).
    /// </summary>
    public static string Field(string value)
    {
        if (value.Length > 0 && value[0] is '=' or '+' or '-' or '@' or '\t' or '\r') value = "'" + value;
        return value.AsSpan().IndexOfAny(",\"\r\n") >= 0 ? $"\"{value.Replace("\"", "\"\"")}\"" : value;
    }
}
