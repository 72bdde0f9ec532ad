using System.Text;

namespace Network.Tests.Faults;

/// <summary>
/// Judges a fault test's history the way Jepsen's queue checkers do: what the clients saw acknowledged, what they
/// attempted without learning the outcome (a timeout, a 503, a dropped connection), and the effects found at the end
/// (read-model rows, stored streams, consumed messages, each with how many times it was applied). Every operation has
/// a key the test chooses (an organisation's id or its unique name). The report sorts each key into one class:
/// <list type="bullet">
/// <item><b>ok</b>: acknowledged and applied exactly once;</item>
/// <item><b>lost</b>: acknowledged and absent;</item>
/// <item><b>duplicated</b>: applied more than once (found twice, or a counter above one);</item>
/// <item><b>unexpected</b>: present but never attempted;</item>
/// <item><b>partial</b>: present but incomplete (part of a write, e.g. an event without its snapshot);</item>
/// <item><b>recovered</b>: outcome unknown to the client, applied exactly once;</item>
/// <item>and, not an error, <b>absent unknown</b>: outcome unknown, not applied.</item>
/// </list>
/// A fault test asserts <see cref="Report.Lost"/>, <see cref="Report.Duplicated"/>, <see cref="Report.Unexpected"/> and
/// <see cref="Report.Partial"/> are empty (<see cref="Report.IsValid"/>) and prints the report.
/// </summary>
public sealed class EffectChecker
{
    readonly HashSet<string> acknowledged = [];
    readonly HashSet<string> unknown = [];
    readonly Dictionary<string, int> applied = [];
    readonly HashSet<string> incomplete = [];
    readonly Lock sync = new();

    /// <summary>The client saw the operation succeed (e.g. 201 with an id).</summary>
    public void Acknowledged(string key)
    {
        lock (sync)
        {
            unknown.Remove(key);
            acknowledged.Add(key);
        }
    }

    /// <summary>The client attempted the operation and does not know whether it took effect.</summary>
    public void Unknown(string key)
    {
        lock (sync)
            if (!acknowledged.Contains(key))
                unknown.Add(key);
    }

    /// <summary>
    /// An effect of operation <paramref name="key"/> found at the end, applied <paramref name="times"/> times (a row
    /// found twice is two calls, or one call with 2); <paramref name="complete"/> false when only part of it is there.
    /// </summary>
    public void Observed(string key, int times = 1, bool complete = true)
    {
        lock (sync)
        {
            applied[key] = applied.GetValueOrDefault(key) + times;
            if (!complete)
                incomplete.Add(key);
        }
    }

    public Report Check()
    {
        lock (sync)
        {
            var attempted = acknowledged.Union(unknown).ToHashSet();
            int Times(string key) => applied.GetValueOrDefault(key);
            return new Report(
                Ok: Sorted(acknowledged.Where(k => Times(k) == 1 && !incomplete.Contains(k))),
                Lost: Sorted(acknowledged.Where(k => Times(k) == 0)),
                Duplicated: Sorted(applied.Keys.Where(k => Times(k) > 1)),
                Unexpected: Sorted(applied.Keys.Where(k => !attempted.Contains(k) && Times(k) > 0)),
                Partial: Sorted(incomplete.Where(k => Times(k) > 0)),
                Recovered: Sorted(unknown.Where(k => Times(k) == 1 && !incomplete.Contains(k))),
                AbsentUnknown: Sorted(unknown.Where(k => Times(k) == 0)));
        }
    }

    static IReadOnlyList<string> Sorted(IEnumerable<string> keys) => [.. keys.Order(StringComparer.Ordinal)];

    public sealed record Report(
        IReadOnlyList<string> Ok,
        IReadOnlyList<string> Lost,
        IReadOnlyList<string> Duplicated,
        IReadOnlyList<string> Unexpected,
        IReadOnlyList<string> Partial,
        IReadOnlyList<string> Recovered,
        IReadOnlyList<string> AbsentUnknown)
    {
        public bool IsValid => Lost.Count == 0 && Duplicated.Count == 0 && Unexpected.Count == 0 && Partial.Count == 0;

        /// <summary>Counts first, then up to ten keys of each class that is an error.</summary>
        public override string ToString()
        {
            var text = new StringBuilder(
                $"{(IsValid ? "valid" : "INVALID")}: ok {Ok.Count}, lost {Lost.Count}, duplicated {Duplicated.Count}, " +
                $"unexpected {Unexpected.Count}, partial {Partial.Count}, recovered {Recovered.Count}, absent unknown {AbsentUnknown.Count}");
            foreach (var (name, keys) in new[] { ("lost", Lost), ("duplicated", Duplicated), ("unexpected", Unexpected), ("partial", Partial) })
                if (keys.Count > 0)
                    text.Append($"\n  {name}: {string.Join(", ", keys.Take(10))}{(keys.Count > 10 ? ", ..." : "")}");
            return text.ToString();
        }
    }
}
