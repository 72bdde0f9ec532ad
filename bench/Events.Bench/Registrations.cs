using System.Security.Claims;
using Network.Events.NetworkEvents;
using Network.Platform.Auth;
using Network.Tests.Hosting;

namespace Network.Bench.Events;

/// <summary>One way of registering people for events (HTTP API, Marten write path, raw SQL), with its own events.</summary>
public interface IRegistrationPath
{
    string Name { get; }

    /// <summary>Creates <paramref name="count"/> published events with this capacity, registration open now.</summary>
    Task<IReadOnlyList<Guid>> CreateEventsAsync(int count, int capacity);

    /// <summary><paramref name="count"/> new people for this path's registrations, made before anything is timed.</summary>
    Task<IReadOnlyList<Person>> PeopleAsync(string prefix, int count);

    /// <summary>Registers the person; throws if the answer is not a created registration.</summary>
    Task<Answer> RegisterAsync(Guid eventId, Person person, CancellationToken ct);

    /// <summary>What is stored for these events, for the no-overbooking check.</summary>
    Task<IReadOnlyList<StoredEvent>> LoadAsync(IReadOnlyList<Guid> eventIds);
}

/// <summary>
/// A person: their subject and name, as a principal for the paths inside the process, and for the HTTP path the
/// access token the sign-in provider gave them (null for the others, which no token passes through).
/// </summary>
public sealed record Person(string Id, string Name, string? Token = null)
{
    public ClaimsPrincipal Principal { get; } = new(new ClaimsIdentity(
        [new(NetworkClaims.Subject, Id), new(NetworkClaims.Name, Name), new(NetworkClaims.Role, Roles.Member)],
        "Bearer", NetworkClaims.Name, NetworkClaims.Role));

    static string NameOf(string prefix, int i) => $"Person {i} ({prefix})";

    /// <summary>
    /// People for the paths inside the process. Their subjects are new GUIDs like the provider's, so every path stores
    /// ids of one size (the hot event's snapshot, rewritten whole at every registration, grows alike).
    /// </summary>
    public static IReadOnlyList<Person> Make(string prefix, int count) =>
        [.. Enumerable.Range(1, count).Select(i => new Person(Guid.CreateVersion7().ToString(), NameOf(prefix, i)))];

    /// <summary>
    /// People the sign-in provider knows, each signed in with the password grant (16 at a time), before anything is
    /// timed. The provider decides their subjects.
    /// </summary>
    public static async Task<IReadOnlyList<Person>> SignInAsync(IdentityUnderTest identity, string prefix, int count)
    {
        var people = new Person[count];
        await Parallel.ForEachAsync(Enumerable.Range(0, count), new ParallelOptions { MaxDegreeOfParallelism = 16 }, async (i, _) =>
        {
            var signedIn = await identity.PersonAsync(NameOf(prefix, i + 1));
            people[i] = new Person(signedIn.Subject, signedIn.Name, signedIn.AccessToken);
        });
        return people;
    }
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
    readonly Measurement measurement = new();

    public IRegistrationPath Via => path;
    public string Path => path.Name;
    public string Scenario => scenario;
    public IReadOnlyList<Guid> Events => events;
    public int Capacity => capacity;
    public IReadOnlyList<Person> People => people;
    public Answer?[] Answers { get; } = new Answer?[people.Count];
    public string?[] Errors { get; } = new string?[people.Count];

    /// <summary>All rounds: every registration over the sum of the rounds' times.</summary>
    public Throughput Throughput => measurement.Throughput;

    public IReadOnlyList<Throughput> Rounds => measurement.Rounds;

    public Percentiles Latency => measurement.Latency;

    /// <summary>CPU per registration, in the bench's process (clients and service) and in PostgreSQL.</summary>
    public string CpuPerOperation => measurement.CpuPerOperation;

    public int Failed => Errors.Count(e => e is not null);

    /// <summary>The distinct error texts with how often each occurred (most frequent first).</summary>
    public IEnumerable<(string Error, int Count)> ErrorSummary =>
        Errors.OfType<string>().GroupBy(e => e).OrderByDescending(g => g.Count()).Select(g => (g.Key, g.Count()));

    /// <summary>
    /// Registers people [from, to) as one round, <paramref name="clients"/> at a time (each client takes the next
    /// registration as soon as its last one is answered); a refusal is recorded, not thrown.
    /// </summary>
    public Task ExecuteAsync(int from, int to, int clients) =>
        measurement.RunAsync(from, to, clients, async (i, ct) =>
        {
            try
            {
                Answers[i] = await path.RegisterAsync(events[i % events.Count], people[i], ct);
                return true;
            }
            catch (Exception e)
            {
                Errors[i] = $"{e.GetType().Name}: {e.Message}";
                return false;
            }
        });
}
