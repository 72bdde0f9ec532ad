using System.Globalization;
using System.Text;
using Microsoft.AspNetCore.Http;
using Microsoft.Net.Http.Headers;

namespace Network.Platform.Http;

/// <summary>
/// The name a file is saved under when someone downloads it: readable words from a title (umlauts spelled out, every
/// other character a hyphen), short enough for every file system, and sent both as plain ASCII and as UTF-8
/// (RFC 6266's <c>filename</c> and <c>filename*</c>) in the Content-Disposition header.
/// </summary>
public static class DownloadNames
{
    const int MaxSlugLength = 60;

    /// <summary>"Bundeskonferenz Kommunale Entwicklungspolitik: Düren" → "bundeskonferenz-kommunale-entwicklungspolitik-dueren".</summary>
    public static string Slug(string? title, string fallback)
    {
        var slug = new StringBuilder();
        foreach (var c in (title ?? "").Normalize(NormalizationForm.FormC).ToLowerInvariant())
        {
            var spelled = c switch { 'ä' => "ae", 'ö' => "oe", 'ü' => "ue", 'ß' => "ss", _ => null };
            if (spelled is not null) slug.Append(spelled);
            else if (char.IsAsciiLetterOrDigit(c)) slug.Append(c);
            else if (Unaccented(c) is { } plain) slug.Append(plain);
            else if (slug.Length > 0 && slug[^1] != '-') slug.Append('-');
            if (slug.Length >= MaxSlugLength) break;
        }
        var text = slug.ToString().Trim('-');
        return text.Length == 0 ? fallback : text;
    }

    /// <summary>é → e, ç → c: the letter without its accent when it has an ASCII base letter.</summary>
    static char? Unaccented(char c)
    {
        var decomposed = c.ToString().Normalize(NormalizationForm.FormD);
        return decomposed.Length > 0 && char.IsAsciiLetterOrDigit(decomposed[0]) &&
               decomposed.Skip(1).All(d => CharUnicodeInfo.GetUnicodeCategory(d) == UnicodeCategory.NonSpacingMark)
            ? decomposed[0]
            : null;
    }

    /// <summary>Content-Disposition: attachment (saved as a file) or inline (shown), with the file's name.</summary>
    public static void Announce(HttpResponse response, string fileName, bool attachment = true)
    {
        var disposition = new ContentDispositionHeaderValue(attachment ? "attachment" : "inline");
        disposition.SetHttpFileName(fileName);
        response.Headers[HeaderNames.ContentDisposition] = disposition.ToString();
    }
}
