namespace Network.Bench;

/// <summary>
/// CPU time used so far by this process (the bench's clients and the service under test, which runs in it) and by
/// PostgreSQL (every process of the machine named postgres, read from /proc: the bench's server and its backends).
/// The difference of two readings over the operations between them says where a path's time goes when the machine's
/// cores are the limit. Zero for PostgreSQL where /proc cannot be read (an external server on another machine).
/// Other PostgreSQL servers on the machine (another engineer's tests) count too, unless <see cref="OnlyServerOfAsync"/>
/// narrowed the count to the bench's own server (its postmaster, the backends it started, and the ones that ended).
/// </summary>
public readonly record struct CpuTime(TimeSpan Process, TimeSpan Postgres)
{
    static readonly double TicksPerSecond = 100; // USER_HZ: 100 on every Linux architecture .NET runs on

    static int? postmaster;

    /// <summary>From now on, count only the PostgreSQL server <paramref name="database"/> talks to (found by its backend's parent process).</summary>
    public static async Task OnlyServerOfAsync(Npgsql.NpgsqlDataSource database)
    {
        await using var command = database.CreateCommand("select pg_backend_pid()");
        var backend = (int)(await command.ExecuteScalarAsync())!;
        try
        {
            var stat = File.ReadAllText($"/proc/{backend}/stat");
            postmaster = int.Parse(stat[(stat.LastIndexOf(')') + 2)..].Split(' ')[1]);
        }
        catch (IOException) { } // not on this machine: every postgres process, as before
    }

    public static CpuTime Now() => new(System.Diagnostics.Process.GetCurrentProcess().TotalProcessorTime, PostgresNow());

    public static CpuTime operator -(CpuTime a, CpuTime b) => new(a.Process - b.Process, a.Postgres - b.Postgres);

    public static CpuTime operator +(CpuTime a, CpuTime b) => new(a.Process + b.Process, a.Postgres + b.Postgres);

    /// <summary>Per operation, e.g. "0.42 ms in this process + 0.31 ms in PostgreSQL".</summary>
    public string PerOperation(int operations) => operations == 0 ? "-" : string.Create(System.Globalization.CultureInfo.InvariantCulture,
        $"{Process.TotalMilliseconds / operations:0.00} ms in this process + {Postgres.TotalMilliseconds / operations:0.00} ms in PostgreSQL");

    static TimeSpan PostgresNow()
    {
        double ticks = 0;
        try
        {
            foreach (var folder in System.IO.Directory.EnumerateDirectories("/proc"))
            {
                if (!int.TryParse(Path.GetFileName(folder), out _)) continue;
                try
                {
                    var stat = File.ReadAllText(Path.Combine(folder, "stat"));
                    // pid (comm) state ppid ... : utime and stime are fields 14 and 15, counted after the closing parenthesis
                    var close = stat.LastIndexOf(')');
                    if (close < 0 || !stat.AsSpan(0, close).EndsWith("(postgres")) continue;
                    var fields = stat[(close + 2)..].Split(' ');
                    var pid = int.Parse(Path.GetFileName(folder));
                    if (postmaster is { } server && pid != server && int.Parse(fields[1]) != server) continue;
                    ticks += double.Parse(fields[11]) + double.Parse(fields[12]);
                    // The postmaster's children that ended (connections closed) were added to its children's time.
                    if (pid == postmaster) ticks += double.Parse(fields[13]) + double.Parse(fields[14]);
                }
                catch (IOException) { } // the process ended meanwhile
                catch (UnauthorizedAccessException) { }
            }
        }
        catch (IOException) { return TimeSpan.Zero; }
        return TimeSpan.FromSeconds(ticks / TicksPerSecond);
    }
}
