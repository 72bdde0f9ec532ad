using System.Diagnostics;
using System.Net;
using System.Text.Json;
using System.Text.Json.Serialization;
using Xunit;

namespace Network.Tests.Hosting;

/// <summary>
/// A calendar file as a strict calendar program reads it: Mozilla's ical.js (Thunderbird's parser), run by
/// tests/ical-check/check.mjs with Node.js, not by the library that wrote it. Each event's start and end come back in
/// UTC as computed from the file's own VTIMEZONE rules, with every RFC 5545 rule the file breaks.
/// ./test.sh installs the checker's one package (npm ci); <see cref="Read(string)"/> says so when it is missing.
/// </summary>
public static class StrictCalendar
{
    public sealed record Time(string Local, string? Tzid, DateTimeOffset Utc);
    public sealed record Rule(string Kind, string OffsetFrom, string OffsetTo, string? Rrule);
    public sealed record TimeZone(string Tzid, IReadOnlyList<Rule> Rules);
    public sealed record Event(string Uid, string? Summary, string? Description, string? Location, string? Status, int? Sequence, Time Start, Time? End);
    public sealed record File(string? Name, IReadOnlyList<TimeZone> Timezones, IReadOnlyList<Event> Events, IReadOnlyList<string> Violations);

    static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { NumberHandling = JsonNumberHandling.AllowReadingFromString };

    static string Checker()
    {
        var folder = AppContext.BaseDirectory;
        while (folder is not null && !System.IO.File.Exists(Path.Combine(folder, "Network.sln"))) folder = Path.GetDirectoryName(folder);
        var checker = Path.Combine(folder ?? throw new InvalidOperationException("Network.sln not found above the tests"), "tests", "ical-check");
        if (!System.IO.Directory.Exists(Path.Combine(checker, "node_modules", "ical.js")))
            throw new InvalidOperationException($"ical.js is not installed: run 'npm ci' in {checker} (./test.sh does)");
        return checker;
    }

    /// <summary>The response's calendar, read strictly; fails the test on any violation of RFC 5545.</summary>
    public static async Task<File> Read(HttpResponseMessage response)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, text);
        Assert.Equal("text/calendar", response.Content.Headers.ContentType?.MediaType);
        var file = await Read(text);
        Assert.True(file.Violations.Count == 0, string.Join("\n", file.Violations));
        return file;
    }

    public static async Task<File> Read(string text)
    {
        var checker = Checker();
        var start = new ProcessStartInfo("node", [Path.Combine(checker, "check.mjs")])
        {
            RedirectStandardInput = true, RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = checker,
        };
        start.Environment["TZ"] = "UTC";
        using var node = Process.Start(start)!;
        await node.StandardInput.WriteAsync(text);
        node.StandardInput.Close();
        var output = node.StandardOutput.ReadToEndAsync();
        var errors = node.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await node.WaitForExitAsync(timeout.Token);
        Assert.True(node.ExitCode == 0, $"ical-check failed: {await errors}");
        return JsonSerializer.Deserialize<File>(await output, Json)!;
    }
}
