using System.Collections.Concurrent;
using System.Net;
using System.Text.RegularExpressions;
using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;
using Aspire.Hosting.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Network.Platform.Mail;
using Network.Tests.Infrastructure;
using Xunit;
using Xunit.Abstractions;

namespace Network.Tests.AppHost;

/// <summary>
/// The whole AppHost as <c>./run.sh</c> starts it, in local infrastructure mode (the Debian PostgreSQL
/// and RabbitMQ and smtp4dev as executable resources) with a temporary data folder and free ports.
/// </summary>
[Collection(nameof(AppHostCollection))]
public sealed partial class AppHostTests(ITestOutputHelper output)
{
    static readonly string[] Resources =
    [
        "postgres", "directory-db", "forum-db", "events-db", "knowledge-db", "identity-db", "partners-db",
        "rabbitmq", "rabbitmq-identity", "rabbitmq-directory", "rabbitmq-forum", "rabbitmq-events", "rabbitmq-knowledge", "rabbitmq-partners",
        "mail", "identity-api", "directory-api", "forum-api", "events-api", "knowledge-api", "partners-api", "gateway",
    ];

    [Fact]
    public async Task Every_resource_becomes_healthy_and_the_gateway_answers()
    {
        // Twenty-two resources start on two cores; seen to take 220 s while other test runs loaded the machine (load 65).
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(300));
        var dataDirectory = System.IO.Directory.CreateTempSubdirectory("network-apphost-test-");
        // postgres.sh runs the server as the 'postgres' user when root: it must be able to enter the folder.
        if (!OperatingSystem.IsWindows())
            File.SetUnixFileMode(dataDirectory.FullName,
                UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute |
                UnixFileMode.GroupRead | UnixFileMode.GroupExecute | UnixFileMode.OtherRead | UnixFileMode.OtherExecute);
        var ports = AppHostProcess.FreePorts(7);

        try
        {
            var builder = await DistributedApplicationTestingBuilder.CreateAsync<global::Projects.AppHost>(
                AppHostProcess.LocalModeArguments(dataDirectory.FullName, ports),
                timeout.Token);
            // Health checks failing while the servers start are expected: keep the test output readable.
            builder.Services.AddLogging(logging => logging
                .AddFilter("Microsoft.Extensions.Diagnostics.HealthChecks", LogLevel.None)
                .AddFilter("Aspire.Hosting.Dcp", LogLevel.Warning));

            await using var app = await builder.BuildAsync(timeout.Token);
            var started = DateTime.UtcNow;
            await app.StartAsync(timeout.Token);

            // Watch by resource (not by name): a project's logs are kept under its replica's name.
            // Each watch begins with the backlog, so nothing written before this point is missed.
            var logs = new ConcurrentQueue<(string Resource, LogLine Line)>();
            using var stopWatching = CancellationTokenSource.CreateLinkedTokenSource(timeout.Token);
            var loggers = app.Services.GetRequiredService<ResourceLoggerService>();
            var model = app.Services.GetRequiredService<DistributedApplicationModel>();
            var watchers = model.Resources.Where(r => Resources.Contains(r.Name))
                .Select(r => CollectLogsAsync(loggers, r, logs, stopWatching.Token)).ToArray();
            await WaitUntilHealthyAsync(app, timeout.Token);
            output.WriteLine($"All {Resources.Length} resources healthy after {(DateTime.UtcNow - started).TotalSeconds:0.0} s.");

            using var gateway = app.CreateHttpClient("gateway", "http");
            using var health = await gateway.GetAsync("/health", timeout.Token);
            Assert.Equal(HttpStatusCode.OK, health.StatusCode);

            // What a service that takes WithReference(mail) gets: the platform's sender reaches the web view's mailbox.
            var mailConnection = await app.GetConnectionStringAsync("mail", timeout.Token);
            Assert.Equal($"smtp://127.0.0.1:{ports[4]}", mailConnection);
            await using var mailbox = TestSmtp.FromUri(mailConnection!, new Uri($"http://127.0.0.1:{ports[5]}/"));
            var recipient = $"apphost-{Guid.NewGuid():N}@network.test";
            var sender = new ServiceCollection().AddNetworkMail(new ConfigurationBuilder()
                .AddInMemoryCollection([new("ConnectionStrings:mail", mailConnection)]).Build())
                .BuildServiceProvider().GetRequiredService<IMailSender>();
            await sender.SendAsync(new OutgoingMail(recipient, "Willkommen", "Grüße aus dem AppHost"), timeout.Token);
            var received = await mailbox.WaitForMailToAsync(recipient, TimeSpan.FromSeconds(15));
            Assert.Equal(("Willkommen", "Grüße aus dem AppHost"), (received.Subject, received.TextBody));

            await Task.Delay(TimeSpan.FromSeconds(1), timeout.Token); // let the last lines arrive
            await stopWatching.CancelAsync();
            await Task.WhenAll(watchers);
            var errors = ErrorsIn(logs);
            Assert.True(errors.Count == 0, "Resources logged errors:\n" + string.Join('\n', errors));

            await app.StopAsync(CancellationToken.None);
        }
        finally
        {
            await AppHostProcess.DeleteWhenServersAreGoneAsync(dataDirectory);
        }
    }

    static async Task WaitUntilHealthyAsync(DistributedApplication app, CancellationToken cancellationToken)
    {
        try
        {
            await Task.WhenAll(Resources.Select(name => app.ResourceNotifications.WaitForResourceHealthyAsync(name, cancellationToken)));
        }
        catch (OperationCanceledException)
        {
            var states = Resources.Select(name => app.ResourceNotifications.TryGetCurrentState(name, out var e)
                ? $"{name}: {e.Snapshot.State?.Text}/{e.Snapshot.HealthStatus?.ToString() ?? "no health yet"}"
                : $"{name}: no state");
            throw new TimeoutException("Not every resource became healthy in time:\n" + string.Join('\n', states));
        }
    }

    static async Task CollectLogsAsync(ResourceLoggerService loggers, IResource resource,
        ConcurrentQueue<(string, LogLine)> into, CancellationToken cancellationToken)
    {
        try
        {
            await foreach (var batch in loggers.WatchAsync(resource).WithCancellation(cancellationToken))
                foreach (var line in batch)
                    into.Enqueue((resource.Name, line));
        }
        catch (OperationCanceledException)
        {
        }
    }

    /// <summary>
    /// Lines on stderr, or errors in the formats of ASP.NET Core's console logger (whose message is on
    /// the next line), PostgreSQL, RabbitMQ and smtp4dev.
    /// </summary>
    internal static List<string> ErrorsIn(IEnumerable<(string Resource, LogLine Line)> logs)
    {
        var errors = new List<string>();
        foreach (var resource in logs.GroupBy(l => l.Resource))
        {
            var lines = resource.Select(l => l.Line).OrderBy(l => l.LineNumber).ToList();
            var abortedHandshakes = AbortedHandshakes(lines.Select(l => AnsiEscape().Replace(l.Content, "")));
            for (var i = 0; i < lines.Count; i++)
            {
                var text = AnsiEscape().Replace(lines[i].Content, "");
                if (!lines[i].IsErrorMessage && !ErrorPattern().IsMatch(text) || ExpectedWhileStarting(text)
                    || RabbitMqError().Match(text) is { Success: true } error && abortedHandshakes.Contains(error.Groups["process"].Value))
                    continue;
                var next = i + 1 < lines.Count ? " " + AnsiEscape().Replace(lines[i + 1].Content, "").Trim() : "";
                errors.Add($"{resource.Key}: {text}{next}");
            }
        }
        return errors;
    }

    /// <summary>
    /// A service's <c>/health</c> is polled until it is ready; ASP.NET Core logs each unhealthy answer
    /// before that (e.g. the bus not started yet) at error level.
    /// </summary>
    static bool ExpectedWhileStarting(string line) =>
        line.Contains("Microsoft.Extensions.Diagnostics.HealthChecks.DefaultHealthCheckService", StringComparison.Ordinal);

    /// <summary>
    /// RabbitMQ's connection processes whose client gave up during the handshake on a busy machine: a health check that
    /// timed out after naming itself "health-check" (seen once on a fresh clone), or any client that closed the connection
    /// before it even authenticated (<c>{handshake_error,starting,...'connection.close'}</c>, seen at a load of 25 with seven
    /// services connecting at once); each tries again and connects. The broker logs such an abort over several error lines
    /// of that connection's process; only that process's lines are expected. A refused login is not among them
    /// (<c>access_refused</c>): that is a real error.
    /// </summary>
    static HashSet<string> AbortedHandshakes(IEnumerable<string> lines)
    {
        var byProcess = lines.Select(l => (Line: l, Match: RabbitMqError().Match(l))).Where(x => x.Match.Success)
            .GroupBy(x => x.Match.Groups["process"].Value, x => x.Line);
        return byProcess.Where(p =>
        {
            var text = string.Join('\n', p);
            return HealthCheckHandshakeClosed().IsMatch(text)
                || text.Contains("handshake_error,starting", StringComparison.Ordinal) && text.Contains("'connection.close'", StringComparison.Ordinal)
                && !text.Contains("access_refused", StringComparison.Ordinal);
        }).Select(p => p.Key).ToHashSet();
    }

    [GeneratedRegex(@"closing AMQP connection <[0-9.]+> \(.* - health-check\)")]
    private static partial Regex HealthCheckHandshakeClosed();

    [GeneratedRegex(@"\[error\] (?<process><[0-9.]+>)")]
    private static partial Regex RabbitMqError();

    [GeneratedRegex(@"^(\S+Z\s+)?\s*(fail|crit):|\b(ERROR|FATAL|PANIC):|\[(error|critical|alert|emergency)\]|^\[(ERR|FTL)\]")]
    private static partial Regex ErrorPattern();

    [GeneratedRegex(@"\x1B\[[0-9;]*m")]
    private static partial Regex AnsiEscape();
}

/// <summary>The whole system on a 2-core machine: run it alone, not beside other test classes.</summary>
[CollectionDefinition(nameof(AppHostCollection), DisableParallelization = true)]
public sealed class AppHostCollection;
