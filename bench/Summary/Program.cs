using System.Globalization;
using System.Text;
using Network.Bench;
using Network.Bench.Summary;

// The benches' summary. Reads bench/results/{outbox,directory,events,forum,knowledge,partners}-latest.json (what each bench wrote beside its
// report) and writes bench/results/summary.md (one table: bench, path, throughput, ratio to its baseline, p99) and
// summary.png (throughput and p99 per path, one panel per bench and scenario).
// Options: --results PATH (summary.md; the benches' results are read from its folder), --since UNIX-SECONDS (results
// that finished earlier are from another run: left out and named), --took SECONDS (how long bench/all.sh took to build and run them).

string[] benches = ["outbox", "directory", "events", "forum", "knowledge", "partners"];
var options = new BenchArgs(args);
var markdown = options.Results("summary.md");
var folder = Path.GetDirectoryName(markdown)!;

var since = options["since"] is { } unix ? DateTimeOffset.FromUnixTimeSeconds(long.Parse(unix, CultureInfo.InvariantCulture)) : DateTimeOffset.MinValue;
var found = new List<BenchResults>();
var missing = new List<string>();
foreach (var bench in benches)
{
    var path = Path.Combine(folder, $"{bench}-latest.json");
    if (!File.Exists(path)) missing.Add($"{bench} (no {Path.GetFileName(path)})");
    else if (BenchResults.Read(path) is var results && results.Finished < since) missing.Add($"{bench} (its latest results are from {results.Finished:yyyy-MM-dd HH:mm} UTC, an earlier run)");
    else found.Add(results);
}
if (found.Count == 0)
{
    Console.Error.WriteLine($"No bench results in {folder}: run bench/all.sh (or one of the benches) first.");
    return 1;
}

var chart = Path.ChangeExtension(markdown, ".png");
await File.WriteAllTextAsync(markdown, Report(found, missing, options["took"], Path.GetFileName(chart)));
Console.WriteLine($"Written to {markdown}");
SummaryChart.Save(found, chart);
Console.WriteLine($"Written to {chart}");
return 0;

static string Report(List<BenchResults> found, List<string> missing, string? took, string chart)
{
    var ci = CultureInfo.InvariantCulture;
    var s = new StringBuilder();
    s.AppendLine("# Benchmarks: summary");
    s.AppendLine();
    s.AppendLine(took is null
        ? "Written by bench/Summary from the benches' latest results."
        : $"bench/all.sh built the benches and ran them one after another in {double.Parse(took, ci):0} s, then wrote this from their results.");
    s.AppendLine("Each ratio is the path's rate over its scenario's fair raw baseline, measured in the same run: the raw path doing the same logical work "
        + "(Outbox: the raw RabbitMQ client publishing and consuming the same messages; Partners: a plain HttpClient posting the same signed webhooks). The floors are what no path can beat on this machine.");
    s.AppendLine();
    s.AppendLine("| bench | scenario | path | role | throughput | vs fair raw | p99 ms |");
    s.AppendLine("|---|---|---|---|---:|---:|---:|");
    foreach (var bench in found)
        foreach (var row in bench.Paths)
        {
            var (path, rate) = row.Role == PathRole.Floor ? (row.Path, BenchResults.Rate(row.PerSecond)) : ($"**{row.Path}**", $"**{BenchResults.Rate(row.PerSecond)}**");
            s.AppendLine(ci, $"| {bench.Title} | {row.Scenario} | {path} | {BenchResults.RoleName(row.Role)} | {rate} {row.Unit} | {BenchResults.Ratio(row.VsBaseline)} | {Percentiles.Ms(row.P99Ms ?? double.NaN)} |");
        }
    s.AppendLine();
    s.AppendLine(ci, $"![Throughput and p99 latency per path, one panel per bench and scenario]({chart})");
    s.AppendLine();
    foreach (var bench in found)
    {
        s.AppendLine(ci, $"**{bench.Title}** ({bench.Bench}-latest.md){(bench.Passed ? "" : " — **its check FAILED: see its report**")}: {bench.Conditions}");
        s.AppendLine();
        foreach (var row in bench.Paths.Where(p => p.Note is not null)) s.AppendLine(ci, $"- {row.Scenario}, {row.Path}: {row.Note}");
        foreach (var note in bench.Notes) s.AppendLine(ci, $"- {note}");
        s.AppendLine();
    }
    if (missing.Count > 0)
        s.AppendLine(ci, $"**No results from this run** (the bench failed or did not run): {string.Join("; ", missing)}.");
    return s.ToString();
}
