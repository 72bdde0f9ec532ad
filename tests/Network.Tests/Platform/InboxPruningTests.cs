using Marten;
using MassTransit;
using Microsoft.Extensions.DependencyInjection;
using Network.Contracts.Directory;
using Network.Forum.Members;
using Network.Platform.Inbox;
using Network.Tests.Hosting;
using Npgsql;
using Xunit;

namespace Network.Tests.Platform;

/// <summary>
/// The inbox forgets what it handled after the retention (30 days by default, docs/architecture.md), in batches, and a
/// message that comes again after its record is gone changes nothing newer (the consumers apply by version).
/// The Forum's inbox stands for every service's: the pruning is the platform's.
/// </summary>
public class InboxPruningTests(NetworkFixture fixture) : IClassFixture<NetworkFixture>
{
    NetworkUnderTest Network => fixture.Network;
    IDocumentStore Forum => Network.Forum.Services.GetRequiredService<IDocumentStore>();
    static readonly TimeSpan Delivery = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task Records_older_than_the_retention_go_in_batches_and_younger_ones_stay()
    {
        var now = DateTimeOffset.UtcNow;
        var run = Guid.NewGuid().ToString("N");
        string Key(string age, int i) => $"PruningTest-{run}/{age}-{i}";
        await using (var session = Forum.LightweightSession())
        {
            for (var i = 0; i < 7; i++) session.Insert(new ProcessedMessage(Key("old", i), "Test", now.AddDays(-31)));
            for (var i = 0; i < 3; i++) session.Insert(new ProcessedMessage(Key("young", i), "Test", now.AddDays(-29)));
            await session.SaveChangesAsync();
        }
        // Two records as written before the indexed column existed: their time only in the JSON.
        await using (var database = NpgsqlDataSource.Create(Network.ForumDatabase))
        await using (var legacy = database.CreateCommand("update mt_doc_processedmessage set processed_at = null where id = any($1)"))
        {
            legacy.Parameters.Add(new NpgsqlParameter { Value = new[] { Key("old", 6), Key("young", 2) } });
            Assert.Equal(2, await legacy.ExecuteNonQueryAsync());
        }

        var deleted = await InboxPruning.PruneAsync(Forum, now.AddDays(-30), batchSize: 2, CancellationToken.None);

        Assert.Equal(7, deleted);
        await using var query = Forum.QuerySession();
        var left = await query.Query<ProcessedMessage>().Where(m => m.Id.StartsWith($"PruningTest-{run}/")).Select(m => m.Id).ToListAsync();
        Assert.Equal([Key("young", 0), Key("young", 1), Key("young", 2)], left.Order());
    }

    [Fact]
    public async Task A_message_delivered_again_after_its_record_was_pruned_changes_nothing_newer()
    {
        var organisation = Guid.NewGuid();
        var person = Guid.NewGuid();
        var joined = NewId.NextGuid();
        var now = DateTimeOffset.UtcNow;
        await Publish(new PersonJoinedOrganisation(organisation, person, "Member", "Pruned Paula", 2, now), joined);
        await Publish(new PersonLeftOrganisation(organisation, person, 3, now));
        await Eventually.Until(() => Stored(person), m => m?.Memberships.SingleOrDefault()?.Version == 3, Delivery, "join and leave applied");

        Assert.True(await InboxPruning.PruneAsync(Forum, DateTimeOffset.UtcNow.AddMinutes(1), 1000, CancellationToken.None) >= 2);
        await using (var query = Forum.QuerySession())
            Assert.Null(await query.LoadAsync<ProcessedMessage>(ProcessedMessage.KeyFor(nameof(DirectoryPeopleConsumer), joined)));

        await Publish(new PersonJoinedOrganisation(organisation, person, "Member", "Pruned Paula", 2, now), joined);
        // Handled again (its record is back), and what it found newer stayed.
        await Eventually.Until(async () =>
        {
            await using var query = Forum.QuerySession();
            return await query.LoadAsync<ProcessedMessage>(ProcessedMessage.KeyFor(nameof(DirectoryPeopleConsumer), joined));
        }, m => m is not null, Delivery, "the join handled again");

        var member = await Stored(person);
        Assert.Empty(member!.ActingFor);
        Assert.Equal(3, Assert.Single(member.Memberships).Version);
    }

    Task Publish(object message, Guid? messageId = null) =>
        Network.Directory.Services.GetRequiredService<IBus>().Publish(message, message.GetType(),
            Pipe.Execute<PublishContext>(c => c.MessageId = messageId ?? NewId.NextGuid()));

    async Task<ForumMember?> Stored(Guid personId)
    {
        await using var session = Forum.QuerySession();
        return await session.LoadAsync<ForumMember>(personId);
    }
}
