using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Http;
using Microsoft.Net.Http.Headers;

namespace Network.Platform.Http;

/// <summary>
/// ETags are the event stream's version; <c>If-Match</c> carries the version the client last saw and maps to
/// Marten's expected version (a stale one is a 412).
/// </summary>
public static class ETags
{
    public static string For(long version) => $"\"{version}\"";

    public static void SetETag(this HttpResponse response, long version) =>
        response.Headers[HeaderNames.ETag] = For(version);

    /// <summary>An ETag for a representation that is not a stream version: a hash of its content.</summary>
    public static string ForContent(string content) =>
        $"\"{Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(content)))[..32]}\"";

    /// <summary>
    /// Conditional GET: sets <paramref name="etag"/> on the response and answers whether the client's copy (If-None-Match)
    /// is current, in which case the endpoint returns 304 Not Modified without a body.
    /// </summary>
    public static bool ClientHasCurrentCopy(this HttpContext http, string etag)
    {
        http.Response.Headers[HeaderNames.ETag] = etag;
        return http.Request.HasCurrentCopy(etag);
    }

    /// <summary>
    /// If-None-Match names <paramref name="etag"/> (weakly compared) or is <c>*</c>: the client's copy is current and
    /// a GET answers 304 Not Modified. A malformed header counts as no match (the full answer is always safe).
    /// </summary>
    private static bool HasCurrentCopy(this HttpRequest request, string etag)
    {
        var values = request.Headers.IfNoneMatch;
        if (values.Count == 0 || !EntityTagHeaderValue.TryParseList(values.ToArray()!, out var tags)) return false;
        var mine = EntityTagHeaderValue.Parse(etag);
        return tags.Any(t => t.Equals(EntityTagHeaderValue.Any) || t.Compare(mine, useStrongComparison: false));
    }

    /// <summary>
    /// The version named by If-Match, or null when the header is absent. A malformed value or a list of
    /// several ETags is a 400: the client must name exactly the version it saw.
    /// </summary>
    public static long? ExpectedVersion(this HttpRequest request)
    {
        var values = request.Headers.IfMatch;
        if (values.Count == 0) return null;

        var raw = string.Join(",", values.ToArray()).Trim();
        if (raw.StartsWith("W/", StringComparison.Ordinal)) raw = raw[2..];
        if (raw.Length >= 2 && raw[0] == '"' && raw[^1] == '"' &&
            long.TryParse(raw.AsSpan(1, raw.Length - 2), out var version) && version > 0)
            return version;

        throw new RequestValidationException(new Dictionary<string, string[]>
        {
            ["If-Match"] = ["If-Match must be exactly one ETag as returned by GET, e.g. \"3\"."],
        });
    }
}
