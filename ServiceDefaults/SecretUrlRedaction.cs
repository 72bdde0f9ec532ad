using System.Diagnostics;
using System.Text.RegularExpressions;
using OpenTelemetry;

namespace Microsoft.Extensions.Hosting;

/// <summary>
/// Some URLs carry a secret: the personal calendar feed (<c>/calendar-feeds/{token}.ics</c>, a link calendar clients
/// poll without a token) and the one-time links of the sign-in mails (<c>?token=</c>). Every span of every process
/// (ASP.NET Core's server spans, HttpClient's and YARP's client spans) has these parts of its URL attributes and
/// its name replaced by <c>{token}</c> when it starts and when it ends, before any exporter sees it, so no trace
/// holds the secret; the route (<c>http.route</c>) stays as it is.
/// </summary>
public sealed partial class SecretUrlRedaction : BaseProcessor<Activity>
{
    public const string Placeholder = "{token}";

    static readonly string[] UrlAttributes = ["url.path", "url.full", "url.query", "http.target", "http.url"];

    [GeneratedRegex(@"(?<=/calendar-feeds/)[^/?#]+(?=\.ics)", RegexOptions.IgnoreCase)]
    private static partial Regex CalendarFeedSecret();

    [GeneratedRegex(@"(?<=[?&]token=)[^&#]+", RegexOptions.IgnoreCase)]
    private static partial Regex TokenParameter();

    /// <summary>The URL (or path, or query) with every secret it carries replaced.</summary>
    public static string Redact(string url)
    {
        if (url.Contains("/calendar-feeds/", StringComparison.OrdinalIgnoreCase)) url = CalendarFeedSecret().Replace(url, Placeholder);
        if (url.Contains("token=", StringComparison.OrdinalIgnoreCase)) url = TokenParameter().Replace(url, Placeholder);
        return url;
    }

    public override void OnStart(Activity activity) => RedactSpan(activity);

    public override void OnEnd(Activity activity) => RedactSpan(activity);

    static void RedactSpan(Activity activity)
    {
        foreach (var attribute in UrlAttributes)
            if (activity.GetTagItem(attribute) is string value && Redact(value) is var redacted && redacted != value)
                activity.SetTag(attribute, redacted);
        if (Redact(activity.DisplayName) is var name && name != activity.DisplayName) activity.DisplayName = name;
    }
}
