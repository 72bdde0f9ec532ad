using Ganss.Xss;
using Markdig;

namespace Network.Forum.Posts.Rendering;

/// <summary>
/// Markdown to HTML that cannot run anything in a reader's browser, in two independent steps: Markdig renders with raw
/// HTML disabled (a tag in the source comes out as text), then HtmlSanitizer keeps only a short list of elements and
/// attributes and only http(s)/mailto addresses, so even a rendering bug in the first step cannot let script through.
/// Links get <c>rel="nofollow noopener ugc"</c>. The source and this HTML are both stored with the post.
/// </summary>
public static class PostMarkdown
{
    static readonly MarkdownPipeline Pipeline = new MarkdownPipelineBuilder()
        .DisableHtml()
        .UseEmphasisExtras()
        .UseAutoLinks()
        .UsePipeTables()
        .Build();

    static readonly HtmlSanitizer Sanitizer = CreateSanitizer();

    static HtmlSanitizer CreateSanitizer()
    {
        var sanitizer = new HtmlSanitizer(new HtmlSanitizerOptions
        {
            AllowedTags = new HashSet<string>(StringComparer.OrdinalIgnoreCase)
            {
                "p", "br", "hr", "strong", "em", "del", "code", "pre", "blockquote", "ul", "ol", "li", "a", "img",
                "h1", "h2", "h3", "h4", "h5", "h6", "table", "thead", "tbody", "tr", "th", "td",
            },
            AllowedAttributes = new HashSet<string>(StringComparer.OrdinalIgnoreCase) { "href", "src", "alt", "title", "start" },
            AllowedSchemes = new HashSet<string>(StringComparer.OrdinalIgnoreCase) { "http", "https", "mailto" },
            UriAttributes = new HashSet<string>(StringComparer.OrdinalIgnoreCase) { "href", "src" },
            AllowedCssProperties = new HashSet<string>(),
            AllowedAtRules = new HashSet<AngleSharp.Css.Dom.CssRuleType>(),
            AllowedClasses = new HashSet<string>(),
        });
        // Runs for every node the sanitizer kept, after it removed what is not allowed (a link to javascript: has lost its
        // href by then): so the links and images are counted here, in the sanitizer's own parse, not in a second one.
        sanitizer.PostProcessNode += (_, e) =>
        {
            if (e.Node is AngleSharp.Dom.IElement { LocalName: "a" } link)
            {
                link.SetAttribute("rel", "nofollow noopener ugc");
                if (link.HasAttribute("href")) counted.Links++;
            }
            else if (e.Node is AngleSharp.Dom.IElement { LocalName: "img" }) counted.Images++;
        };
        return sanitizer;
    }

    /// <summary>What the sanitizer's callback counted for the render on this thread (Sanitize is synchronous).</summary>
    [ThreadStatic] static (int Links, int Images) counted;

    public static RenderedPost Render(string source)
    {
        counted = default;
        var html = Sanitizer.Sanitize(Markdown.ToHtml(source, Pipeline)).Trim();
        return new RenderedPost(html, counted.Links, counted.Images);
    }
}
