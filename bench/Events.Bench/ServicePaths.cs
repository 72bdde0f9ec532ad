using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Serialization;
using Marten;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Network.Events.NetworkEvents;
using Network.Events.Registrations;
using Network.Events.Registrations.Registering;
using Network.Tests.Hosting;

namespace Network.Bench.Events;

/// <summary>
/// What the two paths through the Events service share: events are created and published through its HTTP API by
/// staff, and what is stored is read back from its own store — the NetworkEvent snapshot (the seat ledger) with the
/// Registration documents in order of registration (the state), and the PersonRegistered events of the stream in version
/// order (the log, i.e. mt_events).
/// </summary>
public abstract class ServicePath(IDocumentStore store, HttpClient staff, Guid organiserId) : IRegistrationPath
{
    protected static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { Converters = { new JsonStringEnumConverter() } };

    public abstract string Name { get; }

    public virtual Task<IReadOnlyList<Person>> PeopleAsync(string prefix, int count) => Task.FromResult(Person.Make(prefix, count));

    public abstract Task<Answer> RegisterAsync(Guid eventId, Person person, CancellationToken ct);

    public async Task<IReadOnlyList<Guid>> CreateEventsAsync(int count, int capacity)
    {
        var ids = new List<Guid>();
        var start = new DateTimeOffset(DateTime.UtcNow.Date.AddDays(30).AddHours(9), TimeSpan.Zero);
        for (var i = 0; i < count; i++)
        {
            var created = await staff.PostAsJsonAsync("/events", new
            {
                kind = "Conference",
                title = new { de = $"Benchmark-Konferenz {i + 1}", en = $"Benchmark conference {i + 1}" },
                start, end = start.AddHours(8),
                municipalityAgs = "05314000", venue = "Stadthalle Bonn", organiserId, languages = new[] { "de" }, capacity,
                registrationOpens = DateTimeOffset.UtcNow.AddHours(-1), registrationCloses = start.AddHours(-1),
            }, Json);
            var id = JsonDocument.Parse(await Expect(created, HttpStatusCode.Created)).RootElement.GetProperty("id").GetGuid();
            await Expect(await staff.PostAsync($"/events/{id}/publication", null), HttpStatusCode.OK);
            ids.Add(id);
        }
        return ids;
    }

    public async Task<IReadOnlyList<StoredEvent>> LoadAsync(IReadOnlyList<Guid> eventIds)
    {
        await using var query = store.QuerySession();
        var result = new List<StoredEvent>();
        foreach (var e in await query.LoadManyAsync<NetworkEvent>(eventIds))
        {
            var registrations = await query.Query<Registration>().Where(r => r.EventId == e.Id).OrderBy(r => r.Ticket).ToListAsync();
            var waiting = registrations.Where(r => r.Status == RegistrationStatus.Waitlisted)
                .Select((r, i) => (r.Id, Position: i + 1)).ToDictionary(x => x.Id, x => x.Position);
            var state = registrations.Select(r => new StoredRegistration(r.Id, r.PersonId, r.Status,
                waiting.TryGetValue(r.Id, out var p) ? p : null)).ToList();
            var log = (await query.Events.FetchStreamAsync(e.Id)).Select(x => x.Data).OfType<PersonRegistered>()
                .Select(r => new StoredRegistration(r.RegistrationId, r.PersonId, r.Status, null)).ToList();
            result.Add(new StoredEvent(e.Id, e.Capacity, e.ConfirmedCount, e.WaitingCount, state, log));
        }
        return result;
    }

    protected static async Task<string> Expect(HttpResponseMessage response, HttpStatusCode status)
    {
        var body = await response.Content.ReadAsStringAsync();
        return response.StatusCode == status ? body : throw new HttpRequestException($"{(int)response.StatusCode} {response.StatusCode}: {body}");
    }

    protected static Answer AnswerOf(RegistrationResponse r) => new(r.RegistrationId, r.Status, r.PositionOnWaitingList);
}

/// <summary>
/// POST /events/{id}/registrations to the Events service over loopback, each person with their own access token from
/// the sign-in provider, which the service checks against the provider's keys.
/// </summary>
public sealed class HttpPath(IDocumentStore store, HttpClient staff, Guid organiserId, HttpClient client, IdentityUnderTest identity)
    : ServicePath(store, staff, organiserId)
{
    readonly List<Person> signedIn = [];

    public override string Name => "HTTP";

    /// <summary>
    /// The first <paramref name="count"/> people signed in so far, signing in more when needed. Every run has fresh
    /// events, so a person never registers twice for one, and signing in (two password hashes per person) is most of
    /// the bench's time: the scenarios share the people (their tokens live an hour in the tests' provider).
    /// </summary>
    public override async Task<IReadOnlyList<Person>> PeopleAsync(string prefix, int count)
    {
        if (signedIn.Count < count) signedIn.AddRange(await Person.SignInAsync(identity, prefix, count - signedIn.Count));
        return signedIn.Take(count).ToList();
    }

    public override async Task<Answer> RegisterAsync(Guid eventId, Person person, CancellationToken ct)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/events/{eventId}/registrations");
        request.Headers.Authorization = new("Bearer", person.Token);
        using var response = await client.SendAsync(request, ct);
        return AnswerOf(JsonSerializer.Deserialize<RegistrationResponse>(await Expect(response, HttpStatusCode.Created), Json)!);
    }
}

/// <summary>
/// The endpoint's own code without HTTP: <see cref="RegisterForEvent.Handle"/> called directly, with the session the
/// service's DI gives a request (its <c>NetworkSessionFactory</c>: lightweight session, stamped with the caller) and the
/// caller as a principal. Handle takes the stream's turn (StreamTurns) and row lock (FetchForExclusiveWriting, batched
/// with the person's active registration), decides confirmed or waitlisted, appends (event, inline ledger and registration
/// document, one transaction) and answers from the decision.
/// </summary>
public sealed class MartenPath(IDocumentStore store, HttpClient staff, Guid organiserId, IServiceProvider services) : ServicePath(store, staff, organiserId)
{
    readonly IHttpContextAccessor accessor = services.GetRequiredService<IHttpContextAccessor>();

    public override string Name => "Marten";

    public override async Task<Answer> RegisterAsync(Guid eventId, Person person, CancellationToken ct)
    {
        var http = new DefaultHttpContext { User = person.Principal };
        accessor.HttpContext = http; // flows only into this registration (async-local), as during a request
        await using var scope = services.CreateAsyncScope();
        var session = scope.ServiceProvider.GetRequiredService<IDocumentSession>();
        var created = await RegisterForEvent.Handle(eventId, null, http, session, TimeProvider.System, ct);
        return AnswerOf(created.Value!);
    }
}
