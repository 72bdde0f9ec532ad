using System.Globalization;
using ScottPlot;

namespace Network.Bench.Summary;

/// <summary>
/// The chart of summary.md: one panel per bench and scenario (their rates differ by orders of magnitude, so each gets
/// its own scale), in each a bar group per path with its throughput (left axis) and its p99 latency (right axis),
/// every bar labelled with its value.
/// </summary>
public static class SummaryChart
{
    const int Width = 1400, PanelHeight = 420;
    static readonly Color ThroughputColor = Color.FromHex("#2b6cb0");
    static readonly Color LatencyColor = Color.FromHex("#dd6b20");

    // Where a machine has no fontconfig setup the default font may draw nothing; a Debian font file (fonts-dejavu-core) always works.
    const string FontFile = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf";
    const string FontName = "DejaVu Sans";

    public static void Save(IReadOnlyList<BenchResults> benches, string path)
    {
        var hasFont = File.Exists(FontFile);
        if (hasFont) Fonts.AddFontFile(FontName, FontFile);
        var panels = benches.SelectMany(b => b.Paths.GroupBy(p => p.Scenario).Select(s => (Bench: b.Title, Scenario: s.Key, Paths: s.ToList()))).ToList();
        var plots = panels.Select(panel =>
        {
            var plot = new Plot();
            if (hasFont) plot.Font.Set(FontName);
            Draw(plot, $"{panel.Bench}: {panel.Scenario}", panel.Paths);
            return plot;
        }).ToList();
        var multiplot = new Multiplot(plots[0]);
        foreach (var plot in plots.Skip(1)) multiplot.AddPlot(plot);
        multiplot.Layout = new ScottPlot.MultiplotLayouts.Rows();
        multiplot.SavePng(path, Width, PanelHeight * panels.Count);
    }

    static void Draw(Plot plot, string title, IReadOnlyList<PathResult> paths)
    {
        var throughput = new List<Bar>();
        var latency = new List<Bar>();
        for (var i = 0; i < paths.Count; i++)
        {
            var p = paths[i];
            throughput.Add(new Bar { Position = 3 * i, Value = p.PerSecond, FillColor = ThroughputColor, ValueLabel = BenchResults.Rate(p.PerSecond) });
            if (p.P99Ms is { } p99 && !double.IsNaN(p99))
                latency.Add(new Bar { Position = 3 * i + 1, Value = p99, FillColor = LatencyColor, ValueLabel = $"{Percentiles.Ms(p99)} ms" });
        }
        var rates = plot.Add.Bars(throughput);
        rates.LegendText = "throughput (per second, left axis)";
        if (latency.Count > 0)
        {
            var p99s = plot.Add.Bars(latency);
            p99s.LegendText = "p99 latency (ms, right axis)";
            p99s.Axes.YAxis = plot.Axes.Right;
        }

        plot.Title(title, size: 16);
        plot.Axes.Bottom.SetTicks(
            [.. paths.Select((_, i) => 3.0 * i + 0.5)],
            [.. paths.Select(p => $"{p.Path}\n({Role(p)})")]);
        plot.Axes.Bottom.MajorTickStyle.Length = 0;
        plot.Axes.Bottom.TickLabelStyle.OffsetY = 4; // the first line of a label otherwise touches the frame
        plot.Axes.Left.Label.Text = "throughput (per second)";
        plot.Axes.Right.Label.Text = "p99 latency (ms)";
        plot.Axes.SetLimitsX(-1, 3 * paths.Count - 1);
        plot.Axes.SetLimitsY(0, paths.Max(p => p.PerSecond) * 1.15, plot.Axes.Left);
        plot.Axes.SetLimitsY(0, Math.Max(1, paths.Max(p => p.P99Ms is { } v && !double.IsNaN(v) ? v : 0)) * 1.15, plot.Axes.Right);
        plot.ShowLegend(Edge.Right);
    }

    static string Role(PathResult p) => p.Role switch
    {
        PathRole.Baseline => "fair raw baseline",
        PathRole.Floor => "floor",
        _ => $"service, {BenchResults.Ratio(p.VsBaseline)} of raw",
    };
}
