using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Network.Tests.AppHost;

/// <summary>What the AppHost tests share: local mode on free ports and a temporary data folder, and the built AppHost as a process.</summary>
static class AppHostProcess
{
    /// <summary>The AppHost's arguments for local mode: the Debian servers and smtp4dev on <paramref name="ports"/> (six), state in the folder.</summary>
    public static string[] LocalModeArguments(string dataDirectory, int[] ports) =>
    [
        "--Infrastructure:Mode=local",
        $"--Infrastructure:DataDirectory={dataDirectory}",
        $"--Infrastructure:PostgresPort={ports[0]}",
        $"--Infrastructure:RabbitMqPort={ports[1]}",
        $"--Infrastructure:RabbitMqDistPort={ports[2]}",
        $"--Infrastructure:RabbitMqEpmdPort={ports[3]}",
        $"--Infrastructure:MailSmtpPort={ports[4]}",
        $"--Infrastructure:MailWebPort={ports[5]}",
        $"--Infrastructure:RabbitMqManagementPort={ports[6]}",
        "--Gateway:HttpPort=0",
    ];

    public static int[] FreePorts(int count)
    {
        var listeners = Enumerable.Range(0, count).Select(_ => new TcpListener(IPAddress.Loopback, 0)).ToList();
        listeners.ForEach(l => l.Start());
        var ports = listeners.Select(l => ((IPEndPoint)l.LocalEndpoint).Port).ToArray();
        listeners.ForEach(l => l.Stop());
        return ports;
    }

    /// <summary>
    /// Runs the AppHost the test project built (its own output folder, as <c>dotnet run</c> would) until it exits or
    /// <paramref name="timeout"/> passes (then it is killed); returns its exit code (null when killed) and console output.
    /// </summary>
    public static async Task<(int? ExitCode, string Output)> RunAsync(string[] arguments, TimeSpan timeout)
    {
        var project = global::Projects.AppHost.ProjectPath; // the AppHost project's folder
        // The tests' own output is bin/<configuration>/<framework>/; the AppHost was built with the same two.
        var framework = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
        var executable = Path.Combine(project, "bin", framework.Parent!.Name, framework.Name, "Network.AppHost");
        var dashboard = FreePorts(2);
        var start = new ProcessStartInfo(executable, arguments)
        {
            WorkingDirectory = project,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            Environment =
            {
                ["DOTNET_ENVIRONMENT"] = "Development",
                ["ASPNETCORE_ENVIRONMENT"] = "Development",
                ["ASPNETCORE_URLS"] = $"http://127.0.0.1:{dashboard[0]}",
                ["ASPIRE_DASHBOARD_OTLP_ENDPOINT_URL"] = $"http://127.0.0.1:{dashboard[1]}",
                ["ASPIRE_ALLOW_UNSECURED_TRANSPORT"] = "true",
            },
        };
        var output = new StringBuilder();
        using var process = new Process { StartInfo = start };
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) lock (output) output.AppendLine(e.Data); };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) lock (output) output.AppendLine(e.Data); };
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        using var deadline = new CancellationTokenSource(timeout);
        try
        {
            await process.WaitForExitAsync(deadline.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
            lock (output) return (null, output.ToString());
        }
        await process.WaitForExitAsync(); // the rest of the output
        lock (output) return (process.ExitCode, output.ToString());
    }

    /// <summary>Aspire stops the servers on dispose; give them a moment to release the folder.</summary>
    public static async Task DeleteWhenServersAreGoneAsync(DirectoryInfo dataDirectory)
    {
        for (var attempt = 0; attempt < 50 && System.IO.Directory.EnumerateFiles(dataDirectory.FullName, "postmaster.pid", SearchOption.AllDirectories).Any(); attempt++)
            await Task.Delay(200);

        for (var attempt = 0; ; attempt++)
        {
            try
            {
                dataDirectory.Delete(recursive: true);
                return;
            }
            catch (DirectoryNotFoundException)
            {
                return;
            }
            catch (Exception) when (attempt < 10)
            {
                await Task.Delay(500);
            }
        }
    }
}
