using System.Net;
using System.Text.Json;
using Network.Events.NetworkEvents;
using Network.Events.NetworkEvents.Viewing;
using Network.Events.Registrations;
using Network.Tests.Hosting;
using Npgsql;
using Xunit;
using static Network.Tests.Events.NetworkEventTestSupport;

namespace Network.Tests.Events;

/// <summary>
/// No overbooking, ever: 300 people register at once for 50 seats through the Gateway, then 20 confirmed people
/// cancel at once. Run three times in a row (each run its own event) so a lucky interleaving cannot pass it.
/// </summary>
public class OverbookingTests(NetworkFixture fixture) : IClassFixture<NetworkFixture>
{
    const int Seats = 50, People = 300, Cancellations = 20;
    NetworkUnderTest Network => fixture.Network;
    HttpClient Staff => Network.Gateway.NewClient(Network.StaffToken);

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public async Task Three_hundred_concurrent_registrations_for_fifty_seats_confirm_exactly_fifty_and_cancellations_promote_the_next_in_order(int run)
    {
        var organiser = await KnownOrganiser(Network);
        var published = await CreatePublished(Staff, EventBody(organiser, capacity: Seats));
        // 300 different people, each with their own token from the provider: signed in before the burst, so the
        // burst is only the registrations (in batches, so the sign-ins do not become a load test of the provider).
        var people = new List<HttpClient>(People);
        foreach (var batch in Enumerable.Range(1, People).Chunk(25))
            people.AddRange(await Task.WhenAll(batch.Select(async i =>
                Network.Gateway.NewClient((await Network.PersonAsync($"Run {run} person {i:000}")).AccessToken))));

        // When: all 300 at once.
        using var start = new SemaphoreSlim(0);
        var registering = people.Select(async p =>
        {
            await start.WaitAsync();
            return await (await p.PostAsync($"{Api}/events/{published.Id}/registrations", null)).ReadAs<RegistrationResponse>(HttpStatusCode.Created);
        }).ToArray();
        using var watching = new CancellationTokenSource();
        var peakConnections = PeakConnectionsOfEventsDatabase(watching.Token);
        start.Release(People);
        var answers = await Task.WhenAll(registering);
        await watching.CancelAsync();

        // The burst waits its turn in the service, not on the row lock holding a connection each (which once ran
        // the server out of connections): far fewer than a pool's worth (100 without the turns). Besides the one
        // writer, the daemon's connections and answers still being written on a slow machine count here.
        Assert.InRange(await peakConnections, 1, 50);

        // Then: exactly 50 confirmed, 250 waiting, as the answers said and as stored.
        Assert.Equal(Seats, answers.Count(a => a.Status == RegistrationStatus.Confirmed));
        Assert.Equal(People - Seats, answers.Count(a => a.Status == RegistrationStatus.Waitlisted));
        Assert.Equal(Enumerable.Range(1, People - Seats).ToArray(), answers.Where(a => a.PositionOnWaitingList is not null).Select(a => a.PositionOnWaitingList!.Value).Order().ToArray());
        var stored = await Event(published.Id);
        Assert.Equal((Seats, People - Seats), (stored.ConfirmedCount, stored.WaitlistedCount));

        // The waiting list's order is the order of the registration events in the stream (stable, not re-sorted).
        var inStreamOrder = await RegistrationIdsInStreamOrder(published.Id);
        Assert.Equal(People, inStreamOrder.Count);
        var registrations = await RegistrationsOf(Staff, published.Id);
        Assert.Equal(inStreamOrder, registrations.Select(r => r.RegistrationId).ToList());
        var waiting = registrations.Where(r => r.Status == RegistrationStatus.Waitlisted).Select(r => r.RegistrationId).ToList();
        var waitingIds = answers.Where(a => a.Status == RegistrationStatus.Waitlisted).Select(a => a.RegistrationId).ToHashSet();
        Assert.Equal(inStreamOrder.Where(waitingIds.Contains).ToList(), waiting);
        Assert.Equal(inStreamOrder.Take(Seats).ToHashSet(), answers.Where(a => a.Status == RegistrationStatus.Confirmed).Select(a => a.RegistrationId).ToHashSet());

        // When: 20 confirmed people cancel at once (each with their own token).
        var byRegistration = answers.Zip(people).ToDictionary(x => x.First.RegistrationId, x => x.Second);
        var leaving = answers.Where(a => a.Status == RegistrationStatus.Confirmed).Take(Cancellations).Select(a => a.RegistrationId).ToList();
        var cancelling = await Task.WhenAll(leaving.Select(id => byRegistration[id].DeleteAsync($"{Api}/events/{published.Id}/registrations/{id}")));
        Assert.All(cancelling, r => Assert.Equal(HttpStatusCode.NoContent, r.StatusCode));

        // Then: exactly the next 20 on the list are promoted, still 50 confirmed, the rest keep their order.
        var after = await Event(published.Id);
        Assert.Equal((Seats, People - Seats - Cancellations), (after.ConfirmedCount, after.WaitlistedCount));
        var registrationsAfter = await RegistrationsOf(Staff, published.Id);
        var confirmedNow = registrationsAfter.Where(r => r.Status == RegistrationStatus.Confirmed).Select(r => r.RegistrationId).ToHashSet();
        Assert.True(waiting.Take(Cancellations).All(confirmedNow.Contains), "the first 20 waiting must be promoted");
        Assert.Equal(waiting.Skip(Cancellations).ToList(), registrationsAfter.Where(r => r.Status == RegistrationStatus.Waitlisted).Select(r => r.RegistrationId).ToList());
        Assert.Equal(leaving.ToHashSet(), registrationsAfter.Where(r => r.Status == RegistrationStatus.Cancelled).Select(r => r.RegistrationId).ToHashSet());
        Assert.Equal(Seats, confirmedNow.Count);
        Assert.Equal(Cancellations, await CountEvents(published.Id, "registration_promoted"));
    }

    async Task<EventResponse> Event(Guid id) => await (await Staff.GetAsync($"{Api}/events/{id}")).ReadAs<EventResponse>();

    async Task<List<Guid>> RegistrationIdsInStreamOrder(Guid eventId)
    {
        await using var connection = new NpgsqlConnection(Network.EventsDatabase);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            "select data::text from mt_events where stream_id = @id and type = 'person_registered' order by version", connection);
        command.Parameters.AddWithValue("id", eventId);
        var ids = new List<Guid>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            var data = JsonDocument.Parse(reader.GetString(0)).RootElement;
            ids.Add((data.TryGetProperty("RegistrationId", out var v) ? v : data.GetProperty("registrationId")).GetGuid());
        }
        return ids;
    }

    /// <summary>Samples how many connections the Events database has open until cancelled; returns the peak.</summary>
    async Task<long> PeakConnectionsOfEventsDatabase(CancellationToken until)
    {
        var database = new NpgsqlConnectionStringBuilder(Network.EventsDatabase).Database;
        await using var connection = new NpgsqlConnection(Network.EventsDatabase);
        await connection.OpenAsync(CancellationToken.None);
        await using var command = new NpgsqlCommand("select count(*) from pg_stat_activity where datname = @db and pid <> pg_backend_pid()", connection);
        command.Parameters.AddWithValue("db", database!);
        long peak = 0;
        while (!until.IsCancellationRequested)
        {
            peak = Math.Max(peak, (long)(await command.ExecuteScalarAsync(CancellationToken.None))!);
            await Task.Delay(10, CancellationToken.None);
        }
        return peak;
    }

    async Task<long> CountEvents(Guid eventId, string type) =>
        await HttpAssertions.CountRows(Network.EventsDatabase, $"mt_events where stream_id = '{eventId}' and type = '{type}'");
}
