using System.Diagnostics;
using System.Globalization;

namespace Network.Bench;

/// <summary>Latency percentiles (nearest rank) of a set of samples in milliseconds.</summary>
public sealed record Percentiles(int Count, double P50, double P90, double P99, double Max, double Min)
{
    public static Percentiles Of(IEnumerable<double> samples)
    {
        var sorted = samples.Order().ToArray();
        if (sorted.Length == 0)
            return new Percentiles(0, double.NaN, double.NaN, double.NaN, double.NaN, double.NaN);
        double At(double p) => sorted[Math.Clamp((int)Math.Ceiling(p * sorted.Length) - 1, 0, sorted.Length - 1)];
        return new Percentiles(sorted.Length, At(0.50), At(0.90), At(0.99), sorted[^1], sorted[0]);
    }

    public string Row(string what) =>
        $"| {what} | {Count} | {Ms(P50)} | {Ms(P90)} | {Ms(P99)} | {Ms(Max)} |";

    /// <summary>How many samples fall in each band: shows polling artefacts (clusters near the polling intervals).</summary>
    public static string Bands(IEnumerable<double> samples)
    {
        double[] edges = [10, 25, 50, 100, 250];
        var counts = new int[edges.Length + 1];
        foreach (var sample in samples)
            counts[edges.Count(edge => sample >= edge)]++;
        var labels = new[] { "<10", "10-25", "25-50", "50-100", "100-250", ">=250" };
        return string.Join(", ", labels.Select((label, i) => $"{label} ms: {counts[i]}"));
    }

    public static string Ms(double value) =>
        double.IsNaN(value) ? "-" : value.ToString(value < 10 ? "0.0" : "0", CultureInfo.InvariantCulture);
}

/// <summary>A throughput measurement: messages over the time from the first send/append to the last receive.</summary>
public sealed record Throughput(int Messages, TimeSpan Elapsed, int Received)
{
    public double PerSecond => Received / Elapsed.TotalSeconds;

    public string Rate => PerSecond.ToString("0", CultureInfo.InvariantCulture);
}

public static class Clock
{
    public static long Now => Stopwatch.GetTimestamp();

    public static double Ms(long from, long to) => Stopwatch.GetElapsedTime(from, to).TotalMilliseconds;
}
