using AngleSharp.Html.Parser;
using Network.Forum.Posts.Rendering;
using Network.Forum.Posts.Viewing;
using Network.Platform.Http;
using Network.Tests.Hosting;
using Xunit;
using static Network.Tests.Forum.ForumSeed;

namespace Network.Tests.Forum;

/// <summary>
/// Markdown and raw-HTML injection: each payload's rendered HTML, parsed as a browser would (AngleSharp), has no element
/// that runs or loads anything, no event-handler or style attribute, and no address other than http(s), mailto or relative.
/// </summary>
public class XssTests(NetworkFixture fixture) : IClassFixture<NetworkFixture>
{
    public static readonly string[] Payloads =
    [
        // script tags
        "<script>alert(1)</script>",
        "<SCRIPT SRC=https://evil.example/x.js></SCRIPT>",
        "<scr<script>ipt>alert(1)</scr</script>ipt>",
        "<script/src=data:,alert(1)></script>",
        "<<script>alert(1);//<</script>",
        "\"><script>alert(document.cookie)</script>",
        // event handlers
        "<img src=x onerror=alert(1)>",
        "<img src=\"https://ok.example/a.png\" onload=\"alert(1)\">",
        "<body onload=alert(1)>",
        "<div onmouseover=\"alert(1)\">hover</div>",
        "<a href=\"https://ok.example\" onclick=\"alert(1)\">click</a>",
        "<input autofocus onfocus=alert(1)>",
        "<details open ontoggle=alert(1)>",
        "<video><source onerror=\"alert(1)\"></video>",
        "<audio src=x onerror=alert(1)>",
        "<marquee onstart=alert(1)>",
        "<p/onpointerenter=alert(1)>x</p>",
        // javascript: and other schemes, in Markdown and in HTML
        "[click](javascript:alert(1))",
        "[click](JaVaScRiPt:alert(1))",
        "[click]( javascript:alert(1) )",
        "[click](java\tscript:alert(1))",
        "[click](&#106;avascript:alert(1))",
        "[click](javascript&colon;alert(1))",
        "[click](vbscript:msgbox(1))",
        "[click](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)",
        "![img](javascript:alert(1))",
        "![img](data:image/svg+xml;base64,PHN2ZyBvbmxvYWQ9YWxlcnQoMSk+)",
        "[ref]\n\n[ref]: javascript:alert(1)",
        "<javascript:alert(1)>",
        "<a href=\"javascript:alert(1)\">x</a>",
        "<a href=\"&#x6A;avascript:alert(1)\">x</a>",
        "<a href=\"data:text/html,<script>alert(1)</script>\">x</a>",
        "<form action=\"javascript:alert(1)\"><button>go</button></form>",
        "<iframe src=\"javascript:alert(1)\"></iframe>",
        "<object data=\"javascript:alert(1)\"></object>",
        "<embed src=\"data:image/svg+xml,<svg onload=alert(1)>\">",
        "<base href=\"javascript:alert(1)//\">",
        "<meta http-equiv=\"refresh\" content=\"0;url=javascript:alert(1)\">",
        "<link rel=stylesheet href=\"javascript:alert(1)\">",
        // SVG and MathML
        "<svg onload=alert(1)>",
        "<svg><script>alert(1)</script></svg>",
        "<svg><a xlink:href=\"javascript:alert(1)\"><text x=20 y=20>x</text></a></svg>",
        "<svg><animate onbegin=alert(1) attributeName=x dur=1s>",
        "<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>",
        "<svg><foreignObject><iframe src=javascript:alert(1)></iframe></foreignObject></svg>",
        // CSS expressions and style
        "<div style=\"width: expression(alert(1))\">x</div>",
        "<p style=\"background:url(javascript:alert(1))\">x</p>",
        "<style>body{background:url(\"javascript:alert(1)\")}</style>",
        "<span style=\"behavior:url(x.htc)\">x</span>",
        "<div style=\"-moz-binding:url(https://evil.example/xss.xml#x)\">x</div>",
        // mutation XSS and parser confusion
        "<noscript><p title=\"</noscript><img src=x onerror=alert(1)>\">",
        "<listing>&lt;img src=x onerror=alert(1)&gt;</listing>",
        "<template><img src=x onerror=alert(1)></template>",
        "<textarea></textarea><img src=x onerror=alert(1)>",
        "<title><img src=x onerror=alert(1)></title>",
        "<xmp><img src=x onerror=alert(1)></xmp>",
        "<!--<img src=x onerror=alert(1)>-->",
        "<img src=\"x` `<script>alert(1)</script>\"` `>",
        "`<img src=x onerror=alert(1)>`",
        "```\n</code><script>alert(1)</script>\n```",
        "**<img src=x onerror=alert(1)>**",
        "> <iframe srcdoc=\"<script>alert(1)</script>\"></iframe>",
        "[x](https://ok.example \"title\\\" onmouseover=\\\"alert(1)\")",
        "<a href=\"https://ok.example\" style=\"position:fixed;top:0;left:0;width:100%;height:100%\">cover</a>",
    ];

    public static IEnumerable<object[]> Cases => Payloads.Select(p => new object[] { p });

    static readonly HashSet<string> Forbidden = new(StringComparer.OrdinalIgnoreCase)
    {
        "script", "iframe", "frame", "frameset", "object", "embed", "applet", "svg", "math", "form", "input", "button", "textarea",
        "select", "base", "meta", "link", "style", "template", "noscript", "video", "audio", "source", "details", "marquee",
    };

    static readonly HashSet<string> AddressAttributes = new(StringComparer.OrdinalIgnoreCase)
    {
        "href", "src", "action", "formaction", "xlink:href", "background", "poster", "srcset", "data", "cite",
    };

    /// <summary>What makes rendered HTML executable, as found in its parsed DOM; empty when it is safe.</summary>
    public static IReadOnlyList<string> ExecutableParts(string html)
    {
        var document = new HtmlParser().ParseDocument($"<!DOCTYPE html><html><body>{html}</body></html>");
        var found = new List<string>();
        foreach (var element in document.Body!.QuerySelectorAll("*"))
        {
            if (Forbidden.Contains(element.LocalName)) found.Add($"<{element.LocalName}> element");
            foreach (var attribute in element.Attributes)
            {
                if (attribute.Name.StartsWith("on", StringComparison.OrdinalIgnoreCase)) found.Add($"{attribute.Name} handler");
                if (attribute.Name.Equals("style", StringComparison.OrdinalIgnoreCase)) found.Add("style attribute");
                if (attribute.Name.Equals("srcdoc", StringComparison.OrdinalIgnoreCase)) found.Add("srcdoc attribute");
                if (AddressAttributes.Contains(attribute.Name) && !SafeAddress(attribute.Value)) found.Add($"{attribute.Name}=\"{attribute.Value}\"");
            }
        }
        return found;
    }

    /// <summary>An address a browser would not run: http(s), mailto, or relative (as browsers read it: control characters and spaces dropped).</summary>
    static bool SafeAddress(string value)
    {
        var compact = new string(value.Where(c => !char.IsWhiteSpace(c) && !char.IsControl(c)).ToArray()).ToLowerInvariant();
        var colon = compact.IndexOf(':');
        var slash = compact.IndexOfAny(['/', '?', '#']);
        if (colon < 0 || (slash >= 0 && slash < colon)) return true;
        return compact.StartsWith("http:", StringComparison.Ordinal) || compact.StartsWith("https:", StringComparison.Ordinal)
            || compact.StartsWith("mailto:", StringComparison.Ordinal);
    }

    [Fact]
    public void The_set_has_at_least_fifty_payloads_and_the_check_finds_what_it_looks_for()
    {
        Assert.True(Payloads.Distinct().Count() >= 50);
        // The checker itself is no blind spot: unsanitised payloads are caught.
        Assert.NotEmpty(ExecutableParts("<img src=x onerror=alert(1)>"));
        Assert.NotEmpty(ExecutableParts("<a href=\" JaVa\tScRiPt:alert(1)\">x</a>"));
        Assert.NotEmpty(ExecutableParts("<div style=\"width: expression(alert(1))\">x</div>"));
        Assert.NotEmpty(ExecutableParts("<svg><script>alert(1)</script></svg>"));
        Assert.Empty(ExecutableParts("<p><a href=\"https://ok.example/\" rel=\"nofollow noopener ugc\">ok</a></p>"));
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Rendered_markdown_has_no_executable_content(string payload)
    {
        var rendered = PostMarkdown.Render(payload);
        var parts = ExecutableParts(rendered.Html);
        Assert.True(parts.Count == 0, $"{payload} rendered as {rendered.Html}: {string.Join(", ", parts)}");
    }

    [Fact]
    public async Task Every_payload_posted_through_the_api_is_stored_as_written_and_served_without_executable_content()
    {
        var seed = new ForumSeed(fixture.Network);
        var board = await seed.Board("XSS");
        var thread = await Thread(seed.Staff, board.Id, "Payloads", "Start");
        foreach (var payload in Payloads) await Reply(seed.Staff, thread.Id, payload);

        var served = new List<PostResponse>();
        string? next = null;
        do
        {
            var page = await (await seed.Anonymous.GetAsync($"{Api}/threads/{thread.Id}/posts?pageSize=100{(next is null ? "" : $"&after={next}")}"))
                .ReadAs<KeysetPage<PostResponse>>();
            served.AddRange(page.Items);
            next = page.Next;
        } while (next is not null);
        Assert.Equal(Payloads.Select(p => p.Trim()), served.Skip(1).Select(p => p.Source));
        Assert.All(served, p => Assert.Empty(ExecutableParts(p.Html!)));
    }
}
