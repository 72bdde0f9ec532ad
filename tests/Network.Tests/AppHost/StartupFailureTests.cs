using System.Net;
using System.Net.Sockets;
using Xunit;
using Xunit.Abstractions;

namespace Network.Tests.AppHost;

/// <summary>The built AppHost as <c>./run.sh</c> runs it, with a resource that cannot start.</summary>
[Collection(nameof(AppHostCollection))]
public sealed class StartupFailureTests(ITestOutputHelper output)
{
    [Fact]
    public async Task When_PostgreSQL_cannot_start_the_AppHost_names_it_shows_its_log_and_exits_with_an_error()
    {
        // Another program holds PostgreSQL's port: the server cannot listen and exits.
        using var squatter = new TcpListener(IPAddress.Loopback, 0);
        squatter.Start();
        var ports = AppHostProcess.FreePorts(7);
        ports[0] = ((IPEndPoint)squatter.LocalEndpoint).Port;
        var dataDirectory = System.IO.Directory.CreateTempSubdirectory("network-apphost-failure-");
        if (!OperatingSystem.IsWindows())
            File.SetUnixFileMode(dataDirectory.FullName, (UnixFileMode)0b111_101_101); // 0755: the postgres user may enter
        try
        {
            var (exitCode, console) = await AppHostProcess.RunAsync(
                AppHostProcess.LocalModeArguments(dataDirectory.FullName, ports), TimeSpan.FromSeconds(240));
            output.WriteLine(console);

            Assert.True(exitCode is not null, "The AppHost still ran after 240 s: it waits instead of saying what failed.");
            Assert.NotEqual(0, exitCode);
            // Aspire calls the state of an executable that ended by itself "Finished"; postgres.sh passes on the server's exit code.
            Assert.Contains("Resource postgres is Finished (exit code 1). The AppHost stops", console);
            Assert.Contains("Its last log lines:", console);
            Assert.Contains("could not bind IPv4 address \"127.0.0.1\": Address already in use", console); // PostgreSQL's own line
        }
        finally
        {
            await AppHostProcess.DeleteWhenServersAreGoneAsync(dataDirectory);
        }
    }
}
