using Network.Forum.Posts.Rendering;
using Xunit;

namespace Network.Tests.Forum;

/// <summary>What the posting rules count in a rendered post (newcomers' link and image limits): what a reader would see.</summary>
public class PostMarkdownTests
{
    [Theory]
    [InlineData("Nur Text.", 0, 0)]
    [InlineData("[Stadt](https://bonn.example/) und https://kiel.example/ und <mailto:a@b.example>", 3, 0)]
    [InlineData("[nichts](javascript:alert(1)) und [auch nichts](data:text/html,x)", 0, 0)] // the sanitizer took the href
    [InlineData("![Karte](https://bonn.example/karte.png) ![zwei](https://kiel.example/b.png)", 0, 2)]
    [InlineData("<a href=\"https://raw.example/\">roh</a> <img src=\"https://raw.example/x.png\">", 0, 0)] // raw HTML stays text
    [InlineData("| a | b |\n|---|---|\n| [x](https://x.example/) | ![y](https://y.example/y.png) |", 1, 1)]
    public void Links_and_images_are_counted_as_the_reader_gets_them(string source, int links, int images)
    {
        var rendered = PostMarkdown.Render(source);
        Assert.Equal((links, images), (rendered.Links, rendered.Images));
    }

    [Fact]
    public void Counts_do_not_carry_over_from_one_render_to_the_next()
    {
        Assert.Equal(2, PostMarkdown.Render("[a](https://a.example/) [b](https://b.example/)").Links);
        Assert.Equal(0, PostMarkdown.Render("Kein Link.").Links);
        // Renders on many threads at once each count their own (the count lives per thread, the sanitizer is shared).
        var renders = Enumerable.Range(0, 200).AsParallel()
            .Select(i => (Expected: i % 5, PostMarkdown.Render(string.Concat(Enumerable.Repeat("[l](https://l.example/) ", i % 5))).Links)).ToList();
        Assert.All(renders, r => Assert.Equal(r.Expected, r.Links));
    }
}
