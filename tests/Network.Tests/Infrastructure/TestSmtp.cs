using System.Collections.Concurrent;
using System.Net.Http.Json;
using System.Text.RegularExpressions;
using Network.Platform.Mail;
using Network.Tests.Hosting;

namespace Network.Tests.Infrastructure;

/// <summary>A mail as smtp4dev received it; line breaks of the bodies are <c>\n</c>.</summary>
public sealed record ReceivedMail(
    string Id, IReadOnlyList<string> To, string From, string Subject, string TextBody, string? HtmlBody, DateTimeOffset ReceivedAt)
{
    /// <summary>Short, for the message of a failed wait (the bodies would drown it).</summary>
    public override string ToString() => $"{ReceivedAt:HH:mm:ss.fff} '{Subject}' from {From} to {string.Join(", ", To)}";
}

/// <summary>
/// A catch-all SMTP server for tests: smtp4dev (the repository's local dotnet tool) started by this process, on
/// 127.0.0.1 and free ports, messages in memory; or, when <see cref="EnvironmentVariable"/> is set, an existing one
/// (e.g. the <c>mail</c> resource of a running <c>./run.sh</c>). It keeps every mail and delivers none; tests read
/// them back through its web API. Tests tell their mails apart by recipient: use a new address in every test.
/// Use the shared instance through <see cref="TestServers.Smtp"/>.
/// </summary>
public sealed partial class TestSmtp : IAsyncDisposable
{
    /// <summary>
    /// <c>smtp://HOST:PORT|http://HOST:WEBPORT</c>: the SMTP server and its web API. Without the part after <c>|</c>,
    /// the web API is taken at <c>http://HOST:5390</c>, where <c>./run.sh</c> puts it.
    /// </summary>
    public const string EnvironmentVariable = "NETWORK_TEST_SMTP";

    private const int RunShWebPort = 5390;
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(60);
    private readonly HttpClient _web;
    private readonly ServerProcess? _server;
    private readonly string? _folder;
    private readonly ConcurrentDictionary<string, ReceivedMail> _read = new();
    private int _disposed;

    private TestSmtp(string connectionString, Uri webUri, ServerProcess? server, string? folder)
    {
        ConnectionString = connectionString;
        WebUri = webUri;
        _server = server;
        _folder = folder;
        _web = new HttpClient { BaseAddress = webUri, Timeout = TimeSpan.FromSeconds(30) };
    }

    /// <summary><c>smtp://127.0.0.1:PORT</c>: the value for <c>ConnectionStrings:mail</c>.</summary>
    public string ConnectionString { get; }

    /// <summary>smtp4dev's web view and API.</summary>
    public Uri WebUri { get; }

    /// <summary>Whether the server was given by <see cref="EnvironmentVariable"/> rather than started here.</summary>
    public bool IsExternal => _server is null;

    /// <summary>Uses an existing smtp4dev, given as <see cref="EnvironmentVariable"/> describes.</summary>
    public static TestSmtp FromEnvironment(string value)
    {
        var parts = value.Split('|', 2, StringSplitOptions.TrimEntries);
        return FromUri(parts[0], parts.Length > 1 ? new Uri(parts[1]) : null);
    }

    /// <summary>Uses an existing smtp4dev: its smtp:// URI and its web API (default: port 5390 of the same host).</summary>
    public static TestSmtp FromUri(string connectionString, Uri? webUri = null)
    {
        var smtp = SmtpServerAddress.Parse(connectionString);
        return new TestSmtp(connectionString, webUri ?? new Uri($"http://{smtp.Host}:{RunShWebPort}/"), null, null);
    }

    /// <summary>Starts a new smtp4dev (own folder and ports, messages in memory); dispose it to stop it.</summary>
    public static async Task<TestSmtp> StartDedicatedAsync(CancellationToken ct = default)
    {
        var repository = FindRepository();
        for (var attempt = 1; ; attempt++)
        {
            var folder = ServerHost.CreateFolder("smtp4dev");
            int smtpPort = ServerHost.FreePort(), webPort = ServerHost.FreePort();
            var server = ServerProcess.Start("smtp4dev", folder, "dotnet",
            [
                "tool", "run", "smtp4dev", "--",
                $"--urls=http://127.0.0.1:{webPort}",
                $"--smtpport={smtpPort}",
                "--bindaddress=127.0.0.1",
                "--imapport=", "--pop3port=", // empty disables them
                "--db=", // in memory
                $"--baseappdatapath={folder}",
                "--nousersettings",
                "--hostname=localhost",
                "--messagestokeep=100000", // every mail of the run stays readable
                "--disablemessagesanitisation", // HtmlBody as sent
            ], environment: new Dictionary<string, string> { ["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1" }, workingDirectory: repository);
            var smtp = new TestSmtp($"smtp://127.0.0.1:{smtpPort}", new Uri($"http://127.0.0.1:{webPort}/"), server, folder);
            try
            {
                await server.WaitUntilReadyAsync($"smtp4dev on ports {smtpPort} (SMTP) and {webPort} (web)", smtp.EnsureRunningAsync, StartTimeout, ct);
                return smtp;
            }
            catch (TestServerException e) when (attempt < 3 && e.Message.Contains("already in use", StringComparison.OrdinalIgnoreCase))
            {
                await smtp.DisposeAsync(); // lost a race for a port: try others
            }
            catch
            {
                await smtp.DisposeAsync();
                throw;
            }
        }
    }

    /// <summary>Every mail received so far with <paramref name="recipient"/> among its To addresses, oldest first.</summary>
    public async Task<IReadOnlyList<ReceivedMail>> MailsToAsync(string recipient, CancellationToken ct = default)
    {
        var summaries = new List<MessageSummary>();
        for (var page = 1; ; page++)
        {
            // The search also matches longer addresses that contain this one; the filter below keeps exact ones.
            var found = await _web.GetFromJsonAsync<MessagePage>(
                $"api/messages?searchTerms={Uri.EscapeDataString(recipient)}&page={page}&pageSize=100", ct)
                ?? throw new TestServerException("smtp4dev answered an empty message list.");
            summaries.AddRange(found.Results);
            if (page >= found.PageCount)
                break;
        }
        var mails = new List<ReceivedMail>();
        foreach (var summary in summaries.Where(s => s.To.Contains(recipient, StringComparer.OrdinalIgnoreCase)))
            mails.Add(_read.TryGetValue(summary.Id, out var known) ? known : _read[summary.Id] = await ReadAsync(summary, ct));
        return [.. mails.OrderBy(m => m.ReceivedAt)];
    }

    /// <summary>
    /// The first mail to <paramref name="recipient"/> (that satisfies <paramref name="where"/>, if given); fails with what did
    /// arrive for that address when none does within <paramref name="timeout"/>.
    /// </summary>
    public async Task<ReceivedMail> WaitForMailToAsync(string recipient, TimeSpan timeout, Func<ReceivedMail, bool>? where = null)
    {
        var matches = where ?? (_ => true);
        var mails = await Eventually.Until(() => MailsToAsync(recipient), received => received.Any(matches), timeout,
            $"a mail to {recipient}");
        return mails.First(matches);
    }

    /// <summary>Stops a server started here and deletes its folder; nothing for an external one. Idempotent.</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1)
            return;
        _web.Dispose();
        if (_server is null)
            return;
        await _server.StopAsync(Native.SIGKILL, TimeSpan.FromSeconds(5), wholeGroup: true); // dotnet and smtp4dev under it
        ServerHost.DeleteFolder(_folder!);
    }

    private async Task<ReceivedMail> ReadAsync(MessageSummary summary, CancellationToken ct)
    {
        var id = Uri.EscapeDataString(summary.Id);
        var message = await _web.GetFromJsonAsync<MessageDetails>($"api/messages/{id}", ct)
            ?? throw new TestServerException($"smtp4dev has no message {summary.Id}.");
        var text = message.HasPlainTextBody ? await _web.GetStringAsync($"api/messages/{id}/plaintext", ct) : "";
        var html = message.HasHtmlBody ? await _web.GetStringAsync($"api/messages/{id}/html", ct) : null;
        // The From header as a mail program shows it (display name decoded, a folded line joined with one space), not
        // smtp4dev's re-quoted rendering.
        var header = message.Headers.FirstOrDefault(h => h.Name.Equals("From", StringComparison.OrdinalIgnoreCase))?.Value;
        var from = header is null ? message.From : Whitespace().Replace(header.Trim(), " ");
        return new ReceivedMail(summary.Id, summary.To, from, message.Subject, Unix(text), html is null ? null : Unix(html), message.ReceivedDate);
    }

    private static string Unix(string text) => text.ReplaceLineEndings("\n");

    /// <summary>Throws until the web API answers and says the SMTP listener runs (it serves the web view even when not).</summary>
    private async Task EnsureRunningAsync(CancellationToken ct)
    {
        var server = await _web.GetFromJsonAsync<ServerState>("api/server", ct);
        if (server is not { IsRunning: true })
            throw new TestServerException($"smtp4dev's SMTP server is not running: {server?.Exception ?? "no reason given"}");
    }

    /// <summary>The repository root, where <c>.config/dotnet-tools.json</c> names smtp4dev for <c>dotnet tool run</c>.</summary>
    private static string FindRepository()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
            if (File.Exists(Path.Combine(folder.FullName, ".config", "dotnet-tools.json")))
                return folder.FullName;
        throw new TestServerException(
            $"No .config/dotnet-tools.json above {AppContext.BaseDirectory}: run the tests from the repository (./test.sh), " +
            $"or set {EnvironmentVariable} to an smtp4dev server.");
    }

    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();

    // smtp4dev's JSON, read with the web defaults of System.Net.Http.Json (camelCase).
    private sealed record MessagePage(
        IReadOnlyList<MessageSummary> Results,
        int PageCount);

    private sealed record MessageSummary(
        string Id,
        IReadOnlyList<string> To);

    private sealed record MessageDetails(
        string From,
        string Subject,
        DateTimeOffset ReceivedDate,
        bool HasPlainTextBody,
        bool HasHtmlBody,
        IReadOnlyList<MessageHeader> Headers);

    private sealed record MessageHeader(
        string Name,
        string Value);

    private sealed record ServerState(
        bool IsRunning,
        string? Exception);
}
