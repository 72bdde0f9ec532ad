using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Network.Bench;

/// <summary>What a path is in a comparison: the service's own path, the raw baseline doing the same logical work, or a floor under both.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<PathRole>))]
public enum PathRole { Service, Baseline, Floor }

/// <summary>
/// One measured path of one scenario. <see cref="VsBaseline"/> is its rate over the scenario's baseline (the raw path
/// doing the same logical work); latencies in milliseconds where the bench measured them.
/// </summary>
public sealed record PathResult(
    string Scenario, string Path, PathRole Role, string Unit, double PerSecond, double? VsBaseline, double? P50Ms, double? P99Ms, string? Note = null);

/// <summary>
/// A bench's machine-readable results, written beside its Markdown report (<c>bench/results/&lt;bench&gt;-latest.json</c>)
/// for bench/Summary. <see cref="Passed"/> is false when the bench's own check failed (its numbers are then suspect).
/// </summary>
public sealed record BenchResults(string Bench, string Title, string Conditions, bool Passed, IReadOnlyList<PathResult> Paths, IReadOnlyList<string> Notes)
{
    /// <summary>When the bench finished (so a summary can tell this run's results from an earlier run's).</summary>
    public DateTimeOffset Finished { get; init; } = DateTimeOffset.UtcNow;

    static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { WriteIndented = true };

    /// <summary>The JSON's path beside a report's: bench/results/events-latest.md -> bench/results/events-latest.json.</summary>
    public static string PathBeside(string reportPath) => Path.ChangeExtension(reportPath, ".json");

    public async Task WriteAsync(string path)
    {
        System.IO.Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        await File.WriteAllTextAsync(path, JsonSerializer.Serialize(this, Json));
        Console.WriteLine($"Written to {path}");
    }

    public static BenchResults Read(string path) =>
        JsonSerializer.Deserialize<BenchResults>(File.ReadAllText(path), Json) ?? throw new InvalidDataException($"{path} holds no results.");

    /// <summary>
    /// The rows of one scenario, each path's ratio to the scenario's baseline filled in. Exactly one path of a
    /// scenario is its baseline.
    /// </summary>
    public static IEnumerable<PathResult> Compared(IReadOnlyList<PathResult> scenario)
    {
        var baseline = scenario.Single(p => p.Role == PathRole.Baseline).PerSecond;
        return scenario.Select(p => p with { VsBaseline = p.PerSecond / baseline });
    }

    /// <summary>
    /// The rows as a Markdown table: path, what it is, rate, ratio to the baseline, p50/p99 (with the scenario as the
    /// first column when <paramref name="withScenario"/>). Baseline and service rows are bold.
    /// </summary>
    public static string Table(IEnumerable<PathResult> rows, bool withScenario = false)
    {
        var s = new System.Text.StringBuilder();
        var scenario = withScenario ? "scenario | " : "";
        s.AppendLine(CultureInfo.InvariantCulture, $"| {scenario}path | role | per second | vs baseline | p50 ms | p99 ms |");
        s.AppendLine(withScenario ? "|---|---|---|---:|---:|---:|---:|" : "|---|---|---:|---:|---:|---:|");
        foreach (var r in rows)
        {
            var path = r.Role == PathRole.Floor ? r.Path : $"**{r.Path}**";
            var rate = r.Role == PathRole.Floor ? Rate(r.PerSecond) : $"**{Rate(r.PerSecond)}**";
            s.AppendLine(CultureInfo.InvariantCulture,
                $"| {(withScenario ? r.Scenario + " | " : "")}{path} | {RoleName(r.Role)} | {rate} {r.Unit} | {Ratio(r.VsBaseline)} | {Percentiles.Ms(r.P50Ms ?? double.NaN)} | {Percentiles.Ms(r.P99Ms ?? double.NaN)} |");
        }
        return s.ToString();
    }

    public static string RoleName(PathRole role) => role switch
    {
        PathRole.Service => "service",
        PathRole.Baseline => "fair raw baseline",
        _ => "floor",
    };

    public static string Rate(double perSecond) => perSecond.ToString(perSecond < 10 ? "0.0" : "#,0", CultureInfo.InvariantCulture);

    public static string Ratio(double? value) => value is { } v ? v.ToString(v < 10 ? "0.00" : "0.0", CultureInfo.InvariantCulture) : "-";
}
