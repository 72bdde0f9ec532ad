using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Antiforgery;

namespace Network.Identity.Pages;

/// <summary>
/// The provider's few HTML pages (sign in, set a password), kept plain: one form each, labelled fields, German and
/// English, no script. Everything inserted is HTML-encoded; every form carries the antiforgery token.
/// </summary>
public sealed class HtmlPage(HttpContext http, IAntiforgery antiforgery)
{
    static readonly HtmlEncoder Html = HtmlEncoder.Default;

    public static string Encode(string? text) => Html.Encode(text ?? "");

    public string Form(string action, string fields, string submit)
    {
        var tokens = antiforgery.GetAndStoreTokens(http);
        return $"""
            <form method="post" action="{Encode(action)}">
            <input type="hidden" name="{Encode(tokens.FormFieldName)}" value="{Encode(tokens.RequestToken)}">
            {fields}
            <button type="submit">{Encode(submit)}</button>
            </form>
            """;
    }

    public static string Field(string name, string label, string type, string? value = null, string? autocomplete = null, bool required = true) =>
        $"""
        <p><label for="{name}">{Encode(label)}</label><br>
        <input id="{name}" name="{name}" type="{type}" value="{Encode(value)}"{(autocomplete is null ? "" : $" autocomplete=\"{autocomplete}\"")}{(required ? " required" : "")}></p>
        """;

    public static string Hidden(string name, string? value) => $"""<input type="hidden" name="{name}" value="{Encode(value)}">""";

    public static string Message(string? text, bool error = true) =>
        text is null ? "" : $"""<p role="{(error ? "alert" : "status")}"><strong>{Encode(text)}</strong></p>""";

    const string Style = "body{font-family:system-ui,sans-serif;max-width:32rem;margin:3rem auto;padding:0 1rem;line-height:1.5}"
        + "input{width:100%;padding:.4rem;font-size:1rem}button{padding:.5rem 1.2rem;font-size:1rem}";

    public static IResult Render(string title, string body, int status = StatusCodes.Status200OK, string? retryAfterSeconds = null) =>
        new PageResult($"""
            <!DOCTYPE html>
            <html lang="de">
            <head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
            <title>{Encode(title)} – Network</title>
            <style>{Style}</style></head>
            <body><main><h1>{Encode(title)}</h1>
            {body}
            </main></body></html>
            """, status, retryAfterSeconds);

    sealed class PageResult(string html, int status, string? retryAfterSeconds) : IResult
    {
        public Task ExecuteAsync(HttpContext http)
        {
            http.Response.StatusCode = status;
            http.Response.ContentType = "text/html; charset=utf-8";
            http.Response.Headers.CacheControl = "no-store";
            if (retryAfterSeconds is not null) http.Response.Headers.RetryAfter = retryAfterSeconds;
            return http.Response.WriteAsync(html);
        }
    }
}
