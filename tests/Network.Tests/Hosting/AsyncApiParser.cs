using System.Diagnostics;
using System.Text.Json;
using Xunit;

namespace Network.Tests.Hosting;

/// <summary>
/// An AsyncAPI document as the AsyncAPI parser (npm @asyncapi/parser, the parser of the AsyncAPI CLI and Studio) reads it,
/// run by tests/asyncapi-check/check.mjs with Node.js: its diagnostics and, when it parses, each message with its payload
/// and headers resolved ($refs followed), each operation with its channels and messages. ./test.sh installs the checker's package (npm ci); <see cref="Parse"/> says so
/// when it is missing.
/// </summary>
public static class AsyncApiParser
{
    public sealed record Diagnostic(string Severity, string Code, string Message, string Path)
    {
        public override string ToString() => $"{Severity} {Code} at /{Path}: {Message}";
    }

    public sealed record Message(string Id, string? Name, JsonElement? Payload, JsonElement? Headers);

    /// <param name="Messages">Their names (their ids when unnamed).</param>
    public sealed record Operation(string Id, string Action, IReadOnlyList<string> Channels, IReadOnlyList<string> Messages);

    /// <param name="ExitCode">0 without errors, 1 with (the checker's own verdict).</param>
    public sealed record Result(int ExitCode, string? Version, int Errors, IReadOnlyList<Diagnostic> Diagnostics, IReadOnlyList<Message> Messages,
        IReadOnlyList<Operation> Operations)
    {
        public IEnumerable<Diagnostic> ErrorDiagnostics => Diagnostics.Where(d => d.Severity == "error");
    }

    static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    static string Checker()
    {
        var folder = AppContext.BaseDirectory;
        while (folder is not null && !System.IO.File.Exists(System.IO.Path.Combine(folder, "Network.sln"))) folder = System.IO.Path.GetDirectoryName(folder);
        var checker = System.IO.Path.Combine(folder ?? throw new InvalidOperationException("Network.sln not found above the tests"), "tests", "asyncapi-check");
        if (!System.IO.Directory.Exists(System.IO.Path.Combine(checker, "node_modules", "@asyncapi", "parser")))
            throw new InvalidOperationException($"@asyncapi/parser is not installed: run 'npm ci' in {checker} (./test.sh does)");
        return checker;
    }

    public static async Task<Result> Parse(string document)
    {
        var checker = Checker();
        var start = new ProcessStartInfo("node", [System.IO.Path.Combine(checker, "check.mjs")])
        {
            RedirectStandardInput = true, RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = checker,
        };
        using var node = Process.Start(start)!;
        await node.StandardInput.WriteAsync(document);
        node.StandardInput.Close();
        var output = node.StandardOutput.ReadToEndAsync();
        var errors = node.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await node.WaitForExitAsync(timeout.Token);
        // 1 is the checker's "the document has errors"; anything else (a crash, a missing module) is not a verdict.
        Assert.True(node.ExitCode is 0 or 1, $"asyncapi-check failed with exit code {node.ExitCode}: {await errors}");
        var result = JsonSerializer.Deserialize<Result>(await output, Json)!;
        return result with { ExitCode = node.ExitCode };
    }
}
