using System.Net;
using AngleSharp.Html.Parser;
using Duende.IdentityModel.OidcClient.Browser;

namespace Network.Tests.Identity;

/// <summary>
/// What a person's browser does in the code flow, for the OpenID Connect client library: follow the redirects from
/// the authorize URL, fill in the provider's sign-in form (as its HTML names the fields), submit it, follow on until the
/// provider sends the browser to the client's redirect URI, and hand that URL back. Cookies are kept, as a browser does.
/// </summary>
public sealed class SignInPageBrowser(string email, string password) : IBrowser
{
    public List<Uri> Visited { get; } = [];

    /// <summary>The status and HTML of the last sign-in page the provider answered.</summary>
    public (HttpStatusCode Status, string Html)? LastPage { get; private set; }

    public async Task<BrowserResult> InvokeAsync(BrowserOptions options, CancellationToken cancellationToken = default)
    {
        using var handler = new HttpClientHandler { AllowAutoRedirect = false, CookieContainer = new CookieContainer() };
        using var http = new HttpClient(handler) { Timeout = TimeSpan.FromSeconds(30) };
        var next = new Uri(options.StartUrl);
        var signedIn = false;
        for (var step = 0; step < 10; step++)
        {
            if (next.ToString().StartsWith(options.EndUrl, StringComparison.Ordinal))
                return new BrowserResult { ResultType = BrowserResultType.Success, Response = next.ToString() };
            Visited.Add(next);
            using var response = await http.GetAsync(next, cancellationToken);
            if (response.Headers.Location is { } location)
            {
                next = new Uri(next, location);
                continue;
            }
            var html = await response.Content.ReadAsStringAsync(cancellationToken);
            LastPage = (response.StatusCode, html);
            if (signedIn || !next.AbsolutePath.EndsWith("/account/login", StringComparison.Ordinal))
                return Failure($"stopped at {next} ({(int)response.StatusCode})");

            var form = new HtmlParser().ParseDocument(html).Forms.Single();
            var fields = form.Elements.OfType<AngleSharp.Html.Dom.IHtmlInputElement>()
                .Where(i => !string.IsNullOrEmpty(i.Name))
                .ToDictionary(i => i.Name!, i => i.Value);
            fields["email"] = email;
            fields["password"] = password;
            using var submitted = await http.PostAsync(new Uri(next, form.GetAttribute("action") ?? next.AbsolutePath), new FormUrlEncodedContent(fields), cancellationToken);
            if (submitted.Headers.Location is null)
            {
                LastPage = (submitted.StatusCode, await submitted.Content.ReadAsStringAsync(cancellationToken));
                return Failure($"the sign-in form answered {(int)submitted.StatusCode}");
            }
            signedIn = true;
            next = new Uri(next, submitted.Headers.Location);
        }
        return Failure("too many redirects");
    }

    static BrowserResult Failure(string error) => new() { ResultType = BrowserResultType.UnknownError, Error = error };
}
