using System.Buffers.Binary;
using System.Net;
using Marten;
using Microsoft.Extensions.DependencyInjection;
using Network.Knowledge.Analysis;
using Network.Knowledge.Items;
using Network.Platform.Text;
using Network.Tests.Hosting;
using SkiaSharp;
using Xunit;
using static Network.Tests.Knowledge.KnowledgeWorkflowTests;

namespace Network.Tests.Knowledge;

/// <summary>
/// The analysis as a chart (GET /analysis/published.png|.svg): a real image of the size asked for, its bars coloured
/// by year of publication, labelled in the caller's language; a bad grouping is a 400, a server without the chart's
/// font a 503.
/// </summary>
public class AnalysisChartTests(NetworkFixture fixture) : IClassFixture<NetworkFixture>
{
    // ScottPlot's Category10 palette: the first year's bars, then the second's.
    static readonly SKColor FirstYear = SKColor.Parse("#1f77b4"), SecondYear = SKColor.Parse("#ff7f0e");

    [Fact]
    public async Task The_chart_draws_the_published_counts_as_a_png_of_the_asked_size_with_a_bar_per_year()
    {
        var anybody = fixture.Network.Gateway.NewClient();

        // Limited to 2024 and 2025, where only this test publishes (the other tests of the class publish in other years).
        var empty = await Png(await anybody.GetAsync($"{Api}/analysis/published.png?by=theme&from=2024&to=2025"));
        Assert.Equal((1200, 700), empty.Size);
        Assert.Equal(0, Pixels(empty.Image, FirstYear));

        // Three climate items published in 2024, two climate and one education item in 2025 (and a draft, not counted).
        var store = fixture.Network.Knowledge.Services.GetRequiredService<IDocumentStore>();
        await using (var session = store.LightweightSession())
        {
            foreach (var (theme, year) in new[] { ("climate", 2024), ("climate", 2024), ("climate", 2024), ("climate", 2025), ("climate", 2025), ("education", 2025) })
                Publish(session, theme, new DateTimeOffset(year, 6, 1, 10, 0, 0, TimeSpan.Zero));
            var draft = Guid.CreateVersion7();
            session.Events.StartStream<KnowledgeItem>(draft, new ItemDrafted(draft, ItemType.GoodPractice, null, Content("education"), "seed", "Seed", DateTimeOffset.UtcNow));
            await session.SaveChangesAsync();
        }

        var chart = await Png(await anybody.GetAsync($"{Api}/analysis/published.png?by=theme&from=2024&to=2025"));
        Assert.Equal((1200, 700), chart.Size);
        Assert.NotEqual(empty.Bytes, chart.Bytes);
        var (first, second) = (Pixels(chart.Image, FirstYear), Pixels(chart.Image, SecondYear));
        Assert.True(first > 1000, $"{first} pixels of the first year's colour"); // bars, not only the legend's swatch
        Assert.True(second > 1000, $"{second} pixels of the second year's colour");
        Assert.True(first < second * 1.5 && first > second * 0.5, $"2024: 3 items, 2025: 3 items, drawn as {first} and {second} pixels");

        var small = await Png(await anybody.GetAsync($"{Api}/analysis/published.png?by=type&from=2024&to=2025&width=800&height=400"));
        Assert.Equal((800, 400), small.Size);
        var onlyLastYear = await Png(await anybody.GetAsync($"{Api}/analysis/published.png?by=theme&from=2025&to=2025"));
        Assert.Equal(0, Pixels(onlyLastYear.Image, SecondYear)); // 2025 is now the only year, drawn in the first colour
        Assert.True(Pixels(onlyLastYear.Image, FirstYear) > 1000);
    }

    [Fact]
    public async Task The_svg_is_labelled_in_the_language_the_exports_choose()
    {
        var anybody = fixture.Network.Gateway.NewClient();
        var store = fixture.Network.Knowledge.Services.GetRequiredService<IDocumentStore>();
        await using (var session = store.LightweightSession())
        {
            Publish(session, "migration", new DateTimeOffset(2023, 3, 1, 10, 0, 0, TimeSpan.Zero));
            await session.SaveChangesAsync();
        }

        using var english = await anybody.GetAsync($"{Api}/analysis/published.svg?by=theme&from=2023&to=2023");
        Assert.Equal(HttpStatusCode.OK, english.StatusCode);
        Assert.Equal("image/svg+xml", english.Content.Headers.ContentType?.MediaType);
        var englishSvg = await english.Content.ReadAsStringAsync();
        Assert.Contains("Published items by theme", englishSvg);
        Assert.Contains("migration", englishSvg);
        Assert.Contains("2023", englishSvg);

        var request = new HttpRequestMessage(HttpMethod.Get, $"{Api}/analysis/published.svg?by=theme&from=2023&to=2023");
        request.Headers.AcceptLanguage.ParseAdd("de-DE,de;q=0.9,en;q=0.5");
        var germanSvg = await (await anybody.SendAsync(request)).Content.ReadAsStringAsync();
        Assert.Contains("Veröffentlichte Einträge nach Thema", germanSvg);
        Assert.Contains("Published items by", await (await anybody.GetAsync($"{Api}/analysis/published.svg?by=theme&lang=en")).Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task A_bad_grouping_or_size_is_a_problem_and_a_server_without_the_font_answers_503()
    {
        var anybody = fixture.Network.Gateway.NewClient();
        await (await anybody.GetAsync($"{Api}/analysis/published.png?by=colour")).AssertProblem(HttpStatusCode.BadRequest);
        await (await anybody.GetAsync($"{Api}/analysis/published.svg?by=colour")).AssertProblem(HttpStatusCode.BadRequest);
        await (await anybody.GetAsync($"{Api}/analysis/published.png?width=10")).AssertProblem(HttpStatusCode.BadRequest);
        await (await anybody.GetAsync($"{Api}/analysis/published.png?height=3001")).AssertProblem(HttpStatusCode.BadRequest);

        var network = fixture.Network;
        var settings = network.Settings("knowledge-db", network.KnowledgeDatabase);
        settings[AnalysisChart.FontFileSetting] = "/nonexistent/DejaVuSans.ttf";
        await using var withoutFont = new ServiceUnderTest<Network.Knowledge.IntegrationEvents>(settings).Start();
        await NetworkUnderTest.WaitUntilHealthy(withoutFont.NewClient());
        var problem = await (await withoutFont.NewClient().GetAsync("/analysis/published.png")).AssertProblem(HttpStatusCode.ServiceUnavailable);
        Assert.Contains("/nonexistent/DejaVuSans.ttf", problem.GetProperty("detail").GetString());
        Assert.Equal(HttpStatusCode.OK, (await withoutFont.NewClient().GetAsync("/analysis/published")).StatusCode); // the figures still come
    }

    static ItemContent Content(string theme) => new(new LocalizedText($"Praxis {theme}", $"Practice {theme}"), LocalizedText.Empty,
        new Dictionary<string, LocalizedText>(), "05314000", [], [theme], [11], []);

    static void Publish(IDocumentSession session, string theme, DateTimeOffset at)
    {
        var id = Guid.CreateVersion7();
        var content = Content(theme);
        session.Events.StartStream<KnowledgeItem>(id,
            new ItemDrafted(id, ItemType.GoodPractice, null, content, "seed", "Seed", at), new ItemSubmitted(id, ItemType.GoodPractice, null, 1, "seed", "Seed", at),
            new ReviewStarted(id, 1, "seed", "Seed", at), new ItemPublished(id, ItemType.GoodPractice, null, 1, content, "seed", "Seed", at));
    }

    sealed record Chart(byte[] Bytes, (int Width, int Height) Size, SKBitmap Image);

    /// <summary>A PNG by its signature and IHDR chunk (width and height, big-endian), decoded whole by SkiaSharp.</summary>
    static async Task<Chart> Png(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("image/png", response.Content.Headers.ContentType?.MediaType);
        var bytes = await response.Content.ReadAsByteArrayAsync();
        Assert.Equal([0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A], bytes[..8]);
        Assert.Equal("IHDR", System.Text.Encoding.ASCII.GetString(bytes, 12, 4));
        var size = (BinaryPrimitives.ReadInt32BigEndian(bytes.AsSpan(16)), BinaryPrimitives.ReadInt32BigEndian(bytes.AsSpan(20)));
        var image = SKBitmap.Decode(bytes) ?? throw new Xunit.Sdk.XunitException("SkiaSharp cannot decode the PNG.");
        Assert.Equal(size, (image.Width, image.Height));
        return new Chart(bytes, size, image);
    }

    static int Pixels(SKBitmap image, SKColor color)
    {
        var count = 0;
        for (var y = 0; y < image.Height; y++)
            for (var x = 0; x < image.Width; x++)
                if (image.GetPixel(x, y) == color) count++;
        return count;
    }
}
