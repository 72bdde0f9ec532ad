using System.Globalization;
using Marten;
using Network.Platform.Exports;
using Network.Platform.Http;
using ScottPlot;

namespace Network.Knowledge.Analysis;

/// <summary>
/// The analysis as a picture (GET /analysis/published.png|.svg?by=&amp;from=&amp;to=, anybody): the same figures as
/// <c>/analysis/published</c>, drawn with ScottPlot as one horizontal bar per group (largest at the top, the JSON's
/// order), stacked by year of publication, each bar ending in its total. Titles and axes in German or English as the
/// exports choose (<c>?lang=</c>, else Accept-Language); <c>?width=&amp;height=</c> in pixels, 1200 x 700 unless asked.
/// </summary>
/// <remarks>
/// ScottPlot's SkiaSharp reads font files itself (no fontconfig), so the text needs a font file on disk: DejaVu Sans
/// (Debian's fonts-dejavu-core, installed by run.sh and test.sh) unless <c>Knowledge:ChartFontFile</c> names another.
/// Without it the chart is a 503 problem naming the file, never a picture without text or a 500.
/// </remarks>
public static class AnalysisChart
{
    public const int DefaultWidth = 1200, DefaultHeight = 700;
    const int MinSize = 300, MaxSize = 3000;
    public const string DefaultFontFile = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf";
    public const string FontFileSetting = "Knowledge:ChartFontFile";

    static readonly Lock FontsLock = new();
    static readonly Dictionary<string, string> RegisteredFonts = new(StringComparer.Ordinal);

    /// <summary>GET /analysis/published.png: the analysis as a PNG image.</summary>
    public static async Task<IResult> HandlePng(string? by, int? from, int? to, int? width, int? height, HttpContext http, IQuerySession session,
        IConfiguration configuration, CancellationToken ct)
    {
        var (plot, size) = await DrawAsync(by, from, to, width, height, http, session, configuration, ct);
        return TypedResults.File(plot.GetImageBytes(size.Width, size.Height, ImageFormat.Png), "image/png");
    }

    /// <summary>GET /analysis/published.svg: the analysis as an SVG image.</summary>
    public static async Task<IResult> HandleSvg(string? by, int? from, int? to, int? width, int? height, HttpContext http, IQuerySession session,
        IConfiguration configuration, CancellationToken ct)
    {
        var (plot, size) = await DrawAsync(by, from, to, width, height, http, session, configuration, ct);
        return TypedResults.Text(plot.GetSvgXml(size.Width, size.Height), "image/svg+xml", System.Text.Encoding.UTF8);
    }

    static async Task<(Plot Plot, (int Width, int Height) Size)> DrawAsync(string? by, int? from, int? to, int? width, int? height, HttpContext http,
        IQuerySession session, IConfiguration configuration, CancellationToken ct)
    {
        var validation = new Validation();
        if (width is < MinSize or > MaxSize) validation.Add("width", $"'width' is between {MinSize} and {MaxSize} pixels.");
        if (height is < MinSize or > MaxSize) validation.Add("height", $"'height' is between {MinSize} and {MaxSize} pixels.");
        validation.ThrowIfInvalid();
        var language = ExportSettings.From(http.Request).Language;
        var counts = await PublishedCounts.CountAsync(by, from, to, session, ct);
        var font = Font(configuration[FontFileSetting] ?? DefaultFontFile);
        http.Response.Headers.Vary = ExportSettings.Vary;
        return (Draw(counts, from, to, language, font), (width ?? DefaultWidth, height ?? DefaultHeight));
    }

    /// <summary>The chart of these figures, its text in <paramref name="font"/> (a name <see cref="Font"/> registered).</summary>
    public static Plot Draw(PublishedCountsResponse counts, int? from, int? to, ExportLanguage language, string font)
    {
        var german = language == ExportLanguage.German;
        var plot = new Plot();
        plot.Font.Set(font);
        var header = PublishedCounts.Header(counts.By);
        var period = (from, to) switch
        {
            (null, null) => "",
            (_, null) => german ? $" ab {from}" : $" from {from}",
            (null, _) => german ? $" bis {to}" : $" up to {to}",
            _ when from == to => $", {from}",
            _ => $", {from}–{to}",
        };
        plot.Title(german
            ? $"Veröffentlichte Einträge nach {header.German}{period}, je Jahr der Veröffentlichung"
            : $"Published items by {header.English.ToLowerInvariant()}{period}, per year of publication", size: 20);
        plot.Axes.Left.Label.Text = german ? header.German : header.English;
        plot.Axes.Bottom.Label.Text = counts.By switch
        {
            "theme" => german ? "Einträge (ein Eintrag mit mehreren Themen zählt bei jedem)" : "Items (an item with several themes counts for each)",
            "sdg" => german ? "Einträge (ein Eintrag mit mehreren SDGs zählt bei jedem)" : "Items (an item with several SDGs counts for each)",
            _ => german ? "Einträge" : "Items",
        };
        plot.Axes.Bottom.TickGenerator = new ScottPlot.TickGenerators.NumericAutomatic { IntegerTicksOnly = true };
        plot.Axes.Left.TickLabelStyle.FontSize = 14;
        plot.Axes.Bottom.TickLabelStyle.FontSize = 13;

        if (counts.Groups.Count == 0)
        {
            var nothing = plot.Add.Annotation(german ? "Keine veröffentlichten Einträge" : "No published items", Alignment.MiddleCenter);
            nothing.LabelFontSize = 20;
            nothing.LabelBackgroundColor = Colors.White;
            nothing.LabelShadowColor = Colors.Transparent;
            plot.Axes.Left.SetTicks([], []);
            plot.Axes.Bottom.SetTicks([], []);
            plot.Axes.SetLimits(0, 1, 0, 1);
            return plot;
        }

        var palette = new ScottPlot.Palettes.Category10();
        var bars = new List<Bar>();
        var top = counts.Groups.Count - 1;
        for (var g = 0; g < counts.Groups.Count; g++)
        {
            var group = counts.Groups[g];
            double stacked = 0;
            var last = counts.Years.Last(y => group.PerYear.ContainsKey(y));
            for (var y = 0; y < counts.Years.Count; y++)
            {
                if (!group.PerYear.TryGetValue(counts.Years[y], out var count)) continue;
                bars.Add(new Bar
                {
                    Position = top - g, ValueBase = stacked, Value = stacked + count, FillColor = palette.GetColor(y), Size = 0.7,
                    Label = counts.Years[y] == last ? group.Total.ToString(CultureInfo.InvariantCulture) : "",
                });
                stacked += count;
            }
        }
        var plotted = plot.Add.Bars(bars);
        plotted.Horizontal = true;
        plotted.ValueLabelStyle.FontSize = 14;
        for (var y = 0; y < counts.Years.Count; y++)
            plot.Legend.ManualItems.Add(new LegendItem { LabelText = counts.Years[y].ToString(CultureInfo.InvariantCulture), FillColor = palette.GetColor(y) });
        plot.ShowLegend(Edge.Right);
        plot.Axes.Left.SetTicks([.. counts.Groups.Select((_, g) => (double)(top - g))], [.. counts.Groups.Select(g => g.Key)]);
        plot.Axes.Left.MajorTickStyle.Length = 0;
        plot.Axes.SetLimitsX(0, counts.Groups.Max(g => g.Total) * 1.12);
        plot.Axes.SetLimitsY(-0.6, top + 0.6);
        return plot;
    }

    /// <summary>
    /// Registers the font file with ScottPlot once (its registry is global) and gives the name to draw with; a missing
    /// file is the service's fault, not the caller's: 503.
    /// </summary>
    public static string Font(string file)
    {
        lock (FontsLock)
        {
            if (RegisteredFonts.TryGetValue(file, out var registered)) return registered;
            if (!File.Exists(file))
                throw new DomainRuleViolation($"The chart's font file {file} is missing on this server (Debian: apt-get install fonts-dejavu-core).",
                    StatusCodes.Status503ServiceUnavailable, "Chart font missing");
            var name = $"network-chart-{RegisteredFonts.Count}";
            Fonts.AddFontFile(name, file);
            var bold = Path.Combine(Path.GetDirectoryName(file)!, Path.GetFileNameWithoutExtension(file) + "-Bold" + Path.GetExtension(file));
            if (File.Exists(bold)) Fonts.AddFontFile(name, bold, bold: true);
            RegisteredFonts[file] = name;
            return name;
        }
    }
}
