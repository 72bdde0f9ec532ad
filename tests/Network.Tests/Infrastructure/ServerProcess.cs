using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Runtime.InteropServices;
using System.Text;

namespace Network.Tests.Infrastructure;

/// <summary>Thrown when a test server cannot be started or reached; the message carries the server's log tail.</summary>
public sealed class TestServerException(string message, Exception? inner = null) : Exception(message, inner);

/// <summary>
/// One server process (postgres, beam, epmd, smtp4dev) started by the tests, in its own session and process group
/// (<c>setsid</c>), with stdin from /dev/null and stdout+stderr appended to a log file. Every live one is
/// listed in its folder as a <c>.pgid-NAME</c> file, which the watchdog of <see cref="ServerHost"/> reads
/// to kill the servers if the test process dies without running its exit handler.
/// </summary>
internal sealed class ServerProcess
{
    private readonly Process _process;
    private readonly string _pgidFile;
    private readonly int _exitSignal;

    private ServerProcess(Process process, string name, string logFile, string pgidFile, int exitSignal)
    {
        _process = process;
        Name = name;
        LogFile = logFile;
        _pgidFile = pgidFile;
        _exitSignal = exitSignal;
    }

    public string Name { get; }
    public string LogFile { get; }

    /// <summary>The pid of the server itself (setsid, sh and setpriv exec into it), also its process group id.</summary>
    public int Id => _process.Id;

    public bool HasExited => _process.HasExited;

    /// <summary>
    /// Starts <paramref name="program"/> in <paramref name="folder"/> (or in <paramref name="workingDirectory"/>, with its log
    /// still in the folder), as <paramref name="user"/> if given (only when this process is root, via setpriv).
    /// <paramref name="exitSignal"/> is what the process group gets first when the test process ends (SIGQUIT lets postgres
    /// clean its shared memory); SIGKILL follows.
    /// </summary>
    public static ServerProcess Start(string name, string folder, string program, IEnumerable<string> args,
        IReadOnlyDictionary<string, string>? environment = null, string? user = null, int exitSignal = Native.SIGKILL,
        string? workingDirectory = null)
    {
        var logFile = Path.Combine(folder, name + ".log");
        var psi = new ProcessStartInfo("setsid") { UseShellExecute = false, WorkingDirectory = workingDirectory ?? folder };
        foreach (var arg in new[] { "/bin/sh", "-c", "log=$1; shift; exec \"$@\" </dev/null >>\"$log\" 2>&1", "sh", logFile })
            psi.ArgumentList.Add(arg);
        foreach (var arg in AsUser(user).Append(program).Concat(args))
            psi.ArgumentList.Add(arg);
        foreach (var (key, value) in environment ?? new Dictionary<string, string>())
            psi.Environment[key] = value;

        var process = Process.Start(psi) ?? throw new TestServerException($"Could not start {program}.");
        var pgidFile = Path.Combine(folder, ".pgid-" + name);
        File.WriteAllText(pgidFile, $"{process.Id} {exitSignal}\n");
        var server = new ServerProcess(process, name, logFile, pgidFile, exitSignal);
        ServerHost.Register(server);
        return server;
    }

    /// <summary>Runs a setup command to completion (initdb, chown); throws with its output if it fails.</summary>
    public static async Task<string> RunAsync(string program, IEnumerable<string> args, string workingDirectory,
        string? user = null, TimeSpan? timeout = null, CancellationToken ct = default)
    {
        var command = AsUser(user).Append(program).Concat(args).ToList();
        var psi = new ProcessStartInfo(command[0])
        {
            UseShellExecute = false,
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
        };
        foreach (var arg in command.Skip(1))
            psi.ArgumentList.Add(arg);
        using var process = Process.Start(psi) ?? throw new TestServerException($"Could not start {program}.");
        process.StandardInput.Close();
        var stdout = process.StandardOutput.ReadToEndAsync(ct);
        var stderr = process.StandardError.ReadToEndAsync(ct);
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(ct);
        cts.CancelAfter(timeout ?? TimeSpan.FromSeconds(60));
        try
        {
            await process.WaitForExitAsync(cts.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TestServerException($"{program} {string.Join(' ', args)} did not finish in time.");
        }
        var output = await stdout + await stderr;
        if (process.ExitCode != 0)
            throw new TestServerException($"{program} {string.Join(' ', args)} failed with exit code {process.ExitCode}:\n{output}");
        return output;
    }

    private static IEnumerable<string> AsUser(string? user) =>
        user is null ? [] : ["setpriv", $"--reuid={user}", $"--regid={user}", "--init-groups", "--"];

    /// <summary>
    /// Polls <paramref name="probe"/> (which throws while the server is not ready) until it succeeds; fails
    /// with the log tail if the process exits or <paramref name="timeout"/> passes.
    /// </summary>
    public async Task WaitUntilReadyAsync(string what, Func<CancellationToken, Task> probe, TimeSpan timeout, CancellationToken ct)
    {
        var clock = Stopwatch.StartNew();
        Exception? last = null;
        while (true)
        {
            if (HasExited)
                throw new TestServerException($"{what} exited with code {_process.ExitCode} while starting.\n{LogTail()}", last);
            try
            {
                using var attempt = CancellationTokenSource.CreateLinkedTokenSource(ct);
                attempt.CancelAfter(TimeSpan.FromSeconds(10));
                await probe(attempt.Token);
                return;
            }
            catch (Exception e) when (!ct.IsCancellationRequested)
            {
                last = e;
            }
            if (clock.Elapsed > timeout)
                throw new TestServerException(
                    $"{what} did not accept connections within {timeout.TotalSeconds:0} s (last error: {last?.Message}).\n{LogTail()}", last);
            await Task.Delay(100, ct);
        }
    }

    /// <summary>The last lines of the server's log, for error messages.</summary>
    public string LogTail(int lines = 40)
    {
        try
        {
            using var stream = new FileStream(LogFile, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
            stream.Seek(Math.Max(0, stream.Length - 16_384), SeekOrigin.Begin);
            var text = new StreamReader(stream, Encoding.UTF8).ReadToEnd();
            var tail = text.Split('\n').TakeLast(lines);
            return $"--- last lines of {LogFile} ---\n{string.Join('\n', tail)}";
        }
        catch (IOException e)
        {
            return $"--- no log at {LogFile}: {e.Message} ---";
        }
    }

    /// <summary>Sends <paramref name="signal"/> to the server process only.</summary>
    public void Signal(int signal)
    {
        if (!HasExited)
            Native.Kill(Id, signal);
    }

    /// <summary>
    /// Sends <paramref name="signal"/> to the server (or its whole process group) and waits up to
    /// <paramref name="grace"/> for every process of the group to end, then kills what is left of it.
    /// </summary>
    public async Task StopAsync(int signal, TimeSpan grace, bool wholeGroup = false)
    {
        if (wholeGroup)
            Native.Kill(-Id, signal);
        else
            Signal(signal);
        await WaitForGroupExitAsync(grace);
        ForceKill();
        await WaitForGroupExitAsync(TimeSpan.FromSeconds(10));
        using (var cts = new CancellationTokenSource(TimeSpan.FromSeconds(10)))
        {
            try { await _process.WaitForExitAsync(cts.Token); }
            catch (OperationCanceledException) { }
        }
        Forget();
    }

    /// <summary>Synchronous stop for the process exit handler: first the exit signal to the group.</summary>
    internal void SendExitSignal()
    {
        if (!HasExited)
            Native.Kill(-Id, _exitSignal);
    }

    internal void ForceKill()
    {
        Native.Kill(-Id, Native.SIGKILL); // the group: also any child left behind by the leader
        if (!HasExited)
            Native.Kill(Id, Native.SIGKILL);
    }

    internal void Forget()
    {
        ServerHost.Unregister(this);
        try { File.Delete(_pgidFile); } catch (IOException) { }
    }

    /// <summary>
    /// Waits until no process of the group is alive (beam outlives the rabbitmq-server script that started it,
    /// and the port is only closed once beam is gone). Zombies count as gone.
    /// </summary>
    private async Task WaitForGroupExitAsync(TimeSpan timeout)
    {
        var clock = Stopwatch.StartNew();
        while (GroupAlive(Id) && clock.Elapsed < timeout)
            await Task.Delay(20);
    }

    internal static bool GroupAlive(int pgid)
    {
        foreach (var folder in System.IO.Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(folder), out _))
                continue;
            try
            {
                var (state, group) = ReadStat(Path.Combine(folder, "stat"));
                if (group != pgid)
                    continue;
                // The main thread of a killed multi-threaded process is a zombie before its other threads
                // (which still hold its sockets) have exited.
                if (state != 'Z' || System.IO.Directory.EnumerateDirectories(Path.Combine(folder, "task"))
                        .Any(task => ReadStat(Path.Combine(task, "stat")).State is not ('Z' or 'X')))
                    return true;
            }
            catch (IOException) { } // ended meanwhile
        }
        return false;
    }

    /// <summary>State and process group from /proc/.../stat: "pid (comm) state ppid pgrp ..." (comm may hold spaces).</summary>
    private static (char State, int Group) ReadStat(string path)
    {
        var stat = File.ReadAllText(path);
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        return (fields[0][0], int.Parse(fields[2]));
    }
}

/// <summary>
/// The temporary folder of this test process, the list of servers it started, and their cleanup: a
/// ProcessExit handler, plus a watchdog shell (own session) that kills the servers listed in the folder and
/// deletes it if the test process dies without running that handler (SIGKILL, crash, hang timeout).
/// </summary>
internal static class ServerHost
{
    private const string WatchdogScript = """
        exec </dev/null >/dev/null 2>&1
        owner=$1; root=$2
        while kill -0 "$owner"; do sleep 1; done
        for f in "$root"/*/.pgid-*; do [ -f "$f" ] && read -r g s < "$f" && kill "-$s" "-$g"; done
        sleep 2
        for f in "$root"/*/.pgid-*; do [ -f "$f" ] && read -r g s < "$f" && kill -9 "-$g"; done
        rm -rf "$root"
        """;

    private static readonly Lock Sync = new();
    private static readonly List<ServerProcess> Running = [];
    private static readonly HashSet<int> PortsHandedOut = [];
    private static string? _root;

    /// <summary>A new empty folder for one server under this process's temporary folder.</summary>
    public static string CreateFolder(string name)
    {
        var path = Path.Combine(Root, $"{name}-{Guid.NewGuid().ToString("N")[..8]}");
        System.IO.Directory.CreateDirectory(path);
        return path;
    }

    private static string Root
    {
        get
        {
            lock (Sync)
            {
                if (_root is not null)
                    return _root;
                if (!OperatingSystem.IsLinux())
                    throw new TestServerException("The test servers run on Linux only (setsid, setpriv, signals).");
                var root = Path.Combine(Path.GetTempPath(), $"network-tests-{Environment.ProcessId}-{Guid.NewGuid().ToString("N")[..6]}");
                System.IO.Directory.CreateDirectory(root);
                // Traversable by the postgres user when we are root.
                File.SetUnixFileMode(root, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute |
                    UnixFileMode.GroupRead | UnixFileMode.GroupExecute | UnixFileMode.OtherRead | UnixFileMode.OtherExecute);
                AppDomain.CurrentDomain.ProcessExit += (_, _) => StopAll();
                var watchdog = new ProcessStartInfo("setsid") { UseShellExecute = false };
                foreach (var arg in new[] { "/bin/sh", "-c", WatchdogScript, "watchdog", Environment.ProcessId.ToString(), root })
                    watchdog.ArgumentList.Add(arg);
                Process.Start(watchdog)?.Dispose();
                return _root = root;
            }
        }
    }

    public static void Register(ServerProcess server)
    {
        lock (Sync) Running.Add(server);
    }

    public static void Unregister(ServerProcess server)
    {
        lock (Sync) Running.Remove(server);
    }

    /// <summary>Removes a server's folder (its processes must be stopped).</summary>
    public static void DeleteFolder(string folder)
    {
        try { System.IO.Directory.Delete(folder, recursive: true); }
        catch (IOException) { }
        catch (UnauthorizedAccessException) { }
    }

    /// <summary>
    /// A free TCP port on 127.0.0.1 below the kernel's ephemeral range, so that no client's outgoing
    /// connection takes it while a stopped server waits to start again on it.
    /// </summary>
    public static int FreePort()
    {
        var ephemeralStart = 32768;
        try
        {
            var range = File.ReadAllText("/proc/sys/net/ipv4/ip_local_port_range").Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
            ephemeralStart = int.Parse(range[0]);
        }
        catch (Exception e) when (e is IOException or FormatException or IndexOutOfRangeException) { }
        var (low, high) = ephemeralStart > 12_000 ? (10_000, ephemeralStart) : (ephemeralStart - 2_000, ephemeralStart);
        for (var attempt = 0; attempt < 1000; attempt++)
        {
            var port = Random.Shared.Next(low, high);
            lock (Sync)
            {
                if (!PortsHandedOut.Add(port))
                    continue;
            }
            try
            {
                using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
                socket.Bind(new IPEndPoint(IPAddress.Loopback, port));
                return port;
            }
            catch (SocketException) { }
        }
        throw new TestServerException("Found no free TCP port.");
    }

    /// <summary>Whether a TCP connection to 127.0.0.1:<paramref name="port"/> is accepted right now.</summary>
    public static async Task<bool> AcceptsConnectionsAsync(int port, CancellationToken ct = default)
    {
        using var client = new TcpClient();
        try
        {
            await client.ConnectAsync(IPAddress.Loopback, port, ct);
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }

    /// <summary>Finds a program: PATH first, then the given folders (globs are not supported; pass real paths).</summary>
    public static string? FindProgram(string name, params IEnumerable<string> fallbackFolders)
    {
        var path = Environment.GetEnvironmentVariable("PATH")?.Split(':', StringSplitOptions.RemoveEmptyEntries) ?? [];
        return path.Concat(fallbackFolders)
            .Select(folder => Path.Combine(folder, name))
            .FirstOrDefault(File.Exists);
    }

    private static void StopAll()
    {
        ServerProcess[] servers;
        lock (Sync) servers = [.. Running];
        foreach (var server in servers)
            server.SendExitSignal();
        var deadline = Stopwatch.StartNew();
        while (servers.Any(s => ServerProcess.GroupAlive(s.Id)) && deadline.Elapsed < TimeSpan.FromSeconds(3))
            Thread.Sleep(20);
        foreach (var server in servers)
        {
            server.ForceKill();
            server.Forget();
        }
        if (_root is not null)
            DeleteFolder(_root);
    }
}

internal static class Native
{
    public const int SIGINT = 2;
    public const int SIGQUIT = 3;
    public const int SIGKILL = 9;
    public const int SIGTERM = 15;
    public const int SIGCONT = 18;
    public const int SIGSTOP = 19;

    [DllImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static extern int SysKill(int pid, int signal);

    /// <summary>kill(2); a negative pid signals a process group. Errors (no such process) are ignored.</summary>
    public static void Kill(int pid, int signal) => _ = SysKill(pid, signal);
}
