using Marten;
using Microsoft.Extensions.DependencyInjection;
using Network.Platform.EventStore;
using Network.Tests.Hosting;
using Npgsql;
using Xunit;

namespace Network.Tests.Platform;

/// <summary>Every service's event store prepares the statements it sends again and again (EventStoreConnections).</summary>
public class EventStoreConnectionsTests(NetworkFixture fixture) : IClassFixture<NetworkFixture>
{
    [Fact]
    public void Automatic_preparation_is_switched_on_unless_the_connection_string_sets_it()
    {
        var tuned = new NpgsqlConnectionStringBuilder(EventStoreConnections.Tuned("Host=db;Database=events"));
        Assert.Equal(EventStoreConnections.MaxAutoPrepare, tuned.MaxAutoPrepare);
        Assert.Equal(EventStoreConnections.AutoPrepareMinUsages, tuned.AutoPrepareMinUsages);
        Assert.Equal("events", tuned.Database);

        var own = new NpgsqlConnectionStringBuilder(EventStoreConnections.Tuned("Host=db;Database=events;Max Auto Prepare=0;Auto Prepare Min Usages=5"));
        Assert.Equal(0, own.MaxAutoPrepare);
        Assert.Equal(5, own.AutoPrepareMinUsages);
    }

    [Fact]
    public async Task A_services_store_prepares_a_statement_it_sends_a_second_time_on_a_connection()
    {
        var store = fixture.Network.Events.Services.GetRequiredService<IDocumentStore>();
        await using var session = store.LightweightSession();
        await session.BeginTransactionAsync(CancellationToken.None); // one connection for the session from here on
        const string probe = "select 40 + 2 as prepared_probe";
        for (var i = 0; i < EventStoreConnections.AutoPrepareMinUsages; i++)
            Assert.Equal(42, (await session.QueryAsync<int>(probe)).Single());

        var prepared = await session.QueryAsync<long>("select count(*) from pg_prepared_statements where statement like '%prepared_probe%'");
        Assert.Equal(1, prepared.Single());
    }
}
