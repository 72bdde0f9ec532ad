using System.Text.RegularExpressions;
using Network.Forum.Posts.Rendering;
using Network.Forum.Threads;
using Network.Platform.Http;

namespace Network.Forum.Posts;

/// <summary>What a writer sends for a post (a thread's first, a reply or an edit), checked and rendered once.</summary>
public sealed partial record PostDraft(string Source, string Language, IReadOnlyList<Guid> Mentions)
{
    public const int MaxSourceLength = InputLimits.MaxTextLength;
    public const int MaxMentions = 10;

    public static PostDraft Validate(string? body, string? language, IReadOnlyList<Guid>? mentions, Validation v)
    {
        v.Required("body", body, MaxSourceLength);
        if (language is null || !LanguageCode().IsMatch(language))
            v.Add("language", "'language' is the post's ISO 639-1 code: two lower-case letters, e.g. \"de\" or \"en\".");
        if (mentions is { Count: > MaxMentions }) v.Add("mentions", $"A post mentions at most {MaxMentions} organisations.");
        if (mentions?.Any(m => m == Guid.Empty) == true) v.Add("mentions", "'mentions' are ids of organisations in the forum.");
        return new PostDraft(body?.Trim() ?? "", language ?? "", [.. (mentions ?? []).Distinct()]);
    }

    [GeneratedRegex("^[a-z]{2}$")]
    private static partial Regex LanguageCode();

    public PostContent Render(Guid? quotedPostId, out RenderedPost rendered)
    {
        rendered = PostMarkdown.Render(Source);
        return new PostContent(Source, rendered.Html, Language, quotedPostId, Mentions);
    }
}
