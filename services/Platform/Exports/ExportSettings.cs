using Microsoft.AspNetCore.Http;
using Microsoft.Net.Http.Headers;
using Network.Platform.Http;

namespace Network.Platform.Exports;

public enum ExportLanguage { German, English }

/// <summary>
/// The caller's language for the header row and, for CSV, the separator. The language is <c>?lang=de|en</c>, else the
/// first of German and English in <c>Accept-Language</c> (by weight), else English. The separator is
/// <c>?separator=semicolon|comma|tab</c>, else a semicolon for German and a comma for English: German spreadsheet
/// programs split a CSV file at their list separator, which is the semicolon (the comma is their decimal mark), so a
/// German browser's download opens in columns, and a script that sends no Accept-Language gets RFC 4180's comma.
/// </summary>
public sealed record ExportSettings(ExportLanguage Language, char Separator)
{
    public static ExportSettings From(HttpRequest request)
    {
        ExportLanguage? language = request.Query["lang"].ToString() switch
        {
            "" => FromAcceptLanguage(request),
            "de" => ExportLanguage.German,
            "en" => ExportLanguage.English,
            _ => null,
        };
        char? separator = request.Query["separator"].ToString() switch
        {
            "" => language == ExportLanguage.German ? ';' : ',',
            "semicolon" => ';',
            "comma" => ',',
            "tab" => '\t',
            _ => null,
        };
        var validation = new Validation();
        if (language is null) validation.Add("lang", "'lang' must be 'de' or 'en'.");
        if (separator is null) validation.Add("separator", "'separator' must be 'semicolon', 'comma' or 'tab'.");
        validation.ThrowIfInvalid();
        return new ExportSettings(language!.Value, separator!.Value);
    }

    static ExportLanguage FromAcceptLanguage(HttpRequest request)
    {
        var ranked = request.GetTypedHeaders().AcceptLanguage
            .Where(l => l.Quality is null or > 0)
            .OrderByDescending(l => l.Quality ?? 1);
        foreach (var tag in ranked)
        {
            var primary = tag.Value.Value?.Split('-')[0];
            if (string.Equals(primary, "de", StringComparison.OrdinalIgnoreCase)) return ExportLanguage.German;
            if (string.Equals(primary, "en", StringComparison.OrdinalIgnoreCase)) return ExportLanguage.English;
        }
        return ExportLanguage.English;
    }

    /// <summary>The answer depends on these request headers (for caches between the caller and the service).</summary>
    public static readonly string Vary = HeaderNames.AcceptLanguage;
}
