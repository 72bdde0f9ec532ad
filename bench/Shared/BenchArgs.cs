using System.Globalization;

namespace Network.Bench;

/// <summary>A bench's command line: <c>--name value</c> pairs; each bench reads its own options from it.</summary>
public sealed class BenchArgs
{
    readonly Dictionary<string, string> values = [];

    public BenchArgs(string[] args)
    {
        for (var i = 0; i + 1 < args.Length; i += 2)
        {
            if (!args[i].StartsWith("--", StringComparison.Ordinal))
                throw new ArgumentException($"Unexpected argument {args[i]}; options are --name value.");
            values[args[i][2..]] = args[i + 1];
        }
    }

    /// <summary>The value of --<paramref name="name"/>, null if not given.</summary>
    public string? this[string name] => values.GetValueOrDefault(name);

    public int Int(string name, int fallback) => values.TryGetValue(name, out var v) ? int.Parse(v, CultureInfo.InvariantCulture) : fallback;

    /// <summary>
    /// --results PATH, or else bench/results/<paramref name="fileName"/> of the repository the bench runs in (found by
    /// Network.sln from the current directory, then from the program's folder).
    /// </summary>
    public string Results(string fileName)
    {
        if (values.TryGetValue("results", out var results)) return Path.GetFullPath(results);
        foreach (var start in new[] { Environment.CurrentDirectory, AppContext.BaseDirectory })
            for (var folder = new DirectoryInfo(start); folder is not null; folder = folder.Parent)
                if (File.Exists(Path.Combine(folder.FullName, "Network.sln")))
                    return Path.Combine(folder.FullName, "bench", "results", fileName);
        return Path.GetFullPath(fileName);
    }
}
