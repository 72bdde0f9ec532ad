using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Network.Events.NetworkEvents.Viewing;
using Network.Platform.Http;
using Network.Tests.Hosting;
using Xunit;

namespace Network.Tests.Events;

/// <summary>Shared steps of the event API tests: a known organiser, event bodies, creating and publishing through the Gateway.</summary>
public static class NetworkEventTestSupport
{
    public const string Api = "/api/events";
    public static readonly TimeSpan Berlin = TimeSpan.FromHours(1);

    /// <summary>Registers an organisation in the Directory and waits until the Events service knows it.</summary>
    public static async Task<Guid> KnownOrganiser(NetworkUnderTest network)
    {
        var staff = network.Gateway.NewClient(network.StaffToken);
        var response = await staff.PostJson("/api/directory/organisations", new
        {
            name = $"Eine Welt Forum {Guid.NewGuid():N}"[..30],
            kind = "OneWorldGroup",
            municipalityAgs = "05314000",
            shortDescription = "Development education in Bonn.",
        });
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.Created, body);
        var id = JsonDocument.Parse(body).RootElement.GetProperty("id").GetGuid();
        await Eventually.Until(
            async () =>
            {
                try { return await HttpAssertions.CountRows(network.EventsDatabase, $"mt_doc_knownorganisation where id = '{id}'"); }
                catch (Npgsql.PostgresException) { return 0L; } // the table is created with the first organisation
            },
            n => n == 1, TimeSpan.FromSeconds(30), "the Events service to learn the organiser");
        return id;
    }

    public static object EventBody(Guid organiserId, int capacity = 50, DateTimeOffset? start = null, DateTimeOffset? end = null,
        DateTimeOffset? opens = null, DateTimeOffset? closes = null, string kind = "Conference", string[]? languages = null,
        string[]? themes = null)
    {
        var s = start ?? new DateTimeOffset(DateTime.UtcNow.Date.AddDays(30).AddHours(9), TimeSpan.Zero).ToOffset(Berlin);
        return new
        {
            kind,
            title = new { de = "Bundeskonferenz Kommunale Entwicklungspolitik", en = "Federal conference on municipal development policy" },
            description = new { de = "Zwei Tage Austausch.", en = "Two days of exchange." },
            start = s,
            end = end ?? s.AddHours(8),
            municipalityAgs = "05314000",
            venue = "Stadthalle Bonn",
            organiserId,
            languages = languages ?? ["de", "en"],
            capacity,
            registrationOpens = opens ?? DateTimeOffset.UtcNow.AddHours(-1),
            registrationCloses = closes ?? s.AddHours(-1),
            accessibilityNotes = "Step-free access.",
            themes,
        };
    }

    public static async Task<EventResponse> Create(HttpClient staff, object body) =>
        await (await staff.PostJson($"{Api}/events", body)).ReadAs<EventResponse>(HttpStatusCode.Created);

    public static async Task<EventResponse> CreatePublished(HttpClient staff, object body)
    {
        var created = await Create(staff, body);
        return await (await staff.PostAsync($"{Api}/events/{created.Id}/publication", null)).ReadAs<EventResponse>();
    }

    public static StringContent Json(object body) => new(JsonSerializer.Serialize(body, HttpAssertions.Json), Encoding.UTF8, "application/json");

    public static HttpRequestMessage Request(HttpMethod method, string url, object? body = null, string? ifMatch = null)
    {
        var request = new HttpRequestMessage(method, url) { Content = body is null ? null : Json(body) };
        if (ifMatch is not null) request.Headers.IfMatch.Add(new EntityTagHeaderValue(ifMatch));
        return request;
    }

    /// <summary>Every registration of an event as staff read them, page by page, in order of registration.</summary>
    public static async Task<IReadOnlyList<Network.Events.Registrations.Viewing.RegistrationView>> RegistrationsOf(HttpClient staff, Guid eventId)
    {
        var all = new List<Network.Events.Registrations.Viewing.RegistrationView>();
        for (var page = 1; ; page++)
        {
            var batch = await (await staff.GetAsync($"{Api}/events/{eventId}/registrations?page={page}&pageSize=100"))
                .ReadAs<Page<Network.Events.Registrations.Viewing.RegistrationView>>();
            all.AddRange(batch.Items);
            if (!batch.HasNextPage) return all;
        }
    }

    public static Task<long> StoredEvents(NetworkUnderTest network) => HttpAssertions.StoredEvents(network.EventsDatabase);
}
