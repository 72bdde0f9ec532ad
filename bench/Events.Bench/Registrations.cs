using System.Security.Claims;
using Network.Events.NetworkEvents;
using Network.Platform.Auth;

namespace Network.Bench.Events;

/// <summary>One way of registering people for events (HTTP API, Marten write path, raw SQL), with its own events.</summary>
public interface IRegistrationPath
{
    string Name { get; }

    /// <summary>Creates <paramref name="count"/> published events with this capacity, registration open now.</summary>
    Task<IReadOnlyList<Guid>> CreateEventsAsync(int count, int capacity);

    /// <summary>Registers the person; throws if the answer is not a created registration.</summary>
    Task<Answer> RegisterAsync(Guid eventId, Person person, CancellationToken ct);

    /// <summary>What is stored for these events, for the no-overbooking check.</summary>
    Task<IReadOnlyList<StoredEvent>> LoadAsync(IReadOnlyList<Guid> eventIds);
}

/// <summary>A person with their own bearer token (made up front) and the same identity as a principal.</summary>
public sealed record Person(string Id, string Name, string Token)
{
    public ClaimsPrincipal Principal { get; } = new(new ClaimsIdentity(
        [new(NetworkClaims.Subject, Id), new(NetworkClaims.Name, Name), new(NetworkClaims.Role, Roles.Member)],
        "Bearer", NetworkClaims.Name, NetworkClaims.Role));

    public static IReadOnlyList<Person> Make(string prefix, int count, string signingKey) =>
        [.. Enumerable.Range(1, count).Select(i =>
        {
            var (id, name) = ($"{prefix}-{i:00000}", $"Person {i} ({prefix})");
            return new Person(id, name, NetworkTokens.Create(signingKey, id, name, [Roles.Member]));
        })];
}

/// <summary>The answer to one registration: its id, confirmed or waitlisted, and the position on the waiting list.</summary>
public sealed record Answer(Guid RegistrationId, RegistrationStatus Status, int? Position);

/// <summary>One registration as stored; Position is 1-based while waitlisted.</summary>
public sealed record StoredRegistration(Guid RegistrationId, string PersonId, RegistrationStatus Status, int? Position);

/// <summary>
/// An event as stored: its capacity and counters, its registrations (the state: snapshot or rows) and the
/// registration log in the order of writing (the PersonRegistered events of the stream; for raw SQL, the rows by time).
/// </summary>
public sealed record StoredEvent(Guid Id, int Capacity, int Confirmed, int Waitlisted,
    IReadOnlyList<StoredRegistration> Registrations, IReadOnlyList<StoredRegistration> Log);

/// <summary>
/// One path's run of one scenario: its events, its people (person i registers for event i mod |events|), the answers
/// and timings. It is executed in rounds (slices of the people), so the paths of a scenario can take turns and
/// share the machine's ups and downs alike.
/// </summary>
public sealed class Run(IRegistrationPath path, string scenario, IReadOnlyList<Guid> events, int capacity, IReadOnlyList<Person> people)
{
    readonly double[] latencies = new double[people.Count];
    readonly List<Throughput> rounds = [];

    public IRegistrationPath Via => path;
    public string Path => path.Name;
    public string Scenario => scenario;
    public IReadOnlyList<Guid> Events => events;
    public int Capacity => capacity;
    public IReadOnlyList<Person> People => people;
    public Answer?[] Answers { get; } = new Answer?[people.Count];
    public string?[] Errors { get; } = new string?[people.Count];

    /// <summary>All rounds: every registration over the sum of the rounds' times.</summary>
    public Throughput Throughput => new(people.Count, TimeSpan.FromTicks(rounds.Sum(r => r.Elapsed.Ticks)), Answers.Count(a => a is not null));

    public IReadOnlyList<Throughput> Rounds => rounds;

    public Percentiles Latency => Percentiles.Of(latencies);

    public int Failed => Errors.Count(e => e is not null);

    /// <summary>The distinct error texts with how often each occurred (most frequent first).</summary>
    public IEnumerable<(string Error, int Count)> ErrorSummary =>
        Errors.OfType<string>().GroupBy(e => e).OrderByDescending(g => g.Count()).Select(g => (g.Key, g.Count()));

    /// <summary>
    /// Registers people [from, to), <paramref name="clients"/> at a time (each client takes the next registration as
    /// soon as its last one is answered); times each registration and the round.
    /// </summary>
    public async Task ExecuteAsync(int from, int to, int clients)
    {
        var started = Clock.Now;
        await Parallel.ForEachAsync(Enumerable.Range(from, to - from), new ParallelOptions { MaxDegreeOfParallelism = clients }, async (i, ct) =>
        {
            var t0 = Clock.Now;
            try { Answers[i] = await path.RegisterAsync(events[i % events.Count], people[i], ct); }
            catch (Exception e) { Errors[i] = $"{e.GetType().Name}: {e.Message}"; }
            latencies[i] = Clock.Ms(t0, Clock.Now);
        });
        var answered = Answers.Skip(from).Take(to - from).Count(a => a is not null);
        rounds.Add(new Throughput(to - from, TimeSpan.FromMilliseconds(Clock.Ms(started, Clock.Now)), answered));
    }
}
