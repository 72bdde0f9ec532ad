using System.Collections.Concurrent;
using System.Net;
using System.Net.Mime;
using System.Text.Json;
using System.Text.Json.Nodes;
using CloudNative.CloudEvents;
using CloudNative.CloudEvents.SystemTextJson;
using Network.Tests.Hosting;
using Network.Tests.Identity;
using Network.Tests.Infrastructure;
using Npgsql;
using RabbitMQ.Client;
using RabbitMQ.Client.Events;
using RabbitMQ.Client.Exceptions;
using Xunit;

namespace Network.Tests.Partners;

/// <summary>
/// A network whose partner exchange is on a broker of its own (with the management API), so one test can kill it and start
/// it again; everything else talks over the shared broker as in every other class.
/// </summary>
public sealed class AmqpPartnerFixture : IAsyncLifetime
{
    public TestRabbitMq Broker { get; private set; } = null!;
    public string VirtualHost { get; private set; } = "";
    public NetworkUnderTest Network { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Broker = await TestServers.StartDedicatedRabbitMqAsync(management: true);
        VirtualHost = Uri.UnescapeDataString(new Uri(await Broker.CreateVirtualHostAsync("partners")).AbsolutePath.TrimStart('/'));
        Network = await NetworkUnderTest.StartAsync(partners: new PartnersUnderTest
        {
            Settings = new Dictionary<string, string?>
            {
                ["Partners:Amqp:Broker"] = Broker.AmqpUri,
                ["Partners:Amqp:VirtualHost"] = VirtualHost,
                ["Partners:Amqp:Management:Uri"] = Broker.ManagementUri!.ToString(),
                ["Partners:Amqp:Management:UserName"] = Broker.UserName,
                ["Partners:Amqp:Management:Password"] = Broker.Password,
            },
        });
    }

    public async Task DisposeAsync()
    {
        if (Network is not null) await Network.DisposeAsync();
        if (Broker is not null) await Broker.DisposeAsync();
    }
}

/// <summary>
/// A partner that prefers AMQP gets a broker user of its own, declares its queue, binds it from the exchanges of its scopes
/// and receives the same CloudEvents as the webhooks, written here as a partner would: plain RabbitMQ.Client and
/// CloudNative.CloudEvents' JSON formatter. Everything its credentials do not allow is refused by the broker.
/// </summary>
public class AmqpPartnerTests(AmqpPartnerFixture fixture) : IClassFixture<AmqpPartnerFixture>
{
    const string Directory = "network.partners.directory";
    const string Events = "network.partners.events";
    NetworkUnderTest Network => fixture.Network;

    [Fact]
    public async Task A_partner_binds_its_queue_and_receives_the_Directory_changes_as_the_feeds_CloudEvents_in_order_per_organisation()
    {
        var partner = await PartnerClient.CreateAsync(Network, "Kommunalportal AMQP", "directory", "partners");
        var credentials = await CreateCredentialsAsync(partner);

        Assert.Equal(partner.ClientId, credentials.GetProperty("userName").GetString()); // Identity's client ids read partner-<id>
        Assert.StartsWith("partner-", partner.ClientId);
        Assert.Equal(partner.ClientId + ".", credentials.GetProperty("queuePrefix").GetString());
        Assert.Equal([Directory], credentials.GetProperty("exchanges").EnumerateArray().Select(e => e.GetString()!));
        Assert.Equal((fixture.Broker.Host, fixture.Broker.Port, fixture.VirtualHost),
            (credentials.GetProperty("host").GetString(), credentials.GetProperty("port").GetInt32(), credentials.GetProperty("virtualHost").GetString()));
        var password = credentials.GetProperty("password").GetString()!;
        Assert.True(password.Length >= 40, password);

        // Shown once: the partner's view of its credentials has everything but the password.
        var shown = await (await partner.Http.GetAsync($"{PartnerClient.Api}/amqp-credentials")).ReadAs<JsonElement>();
        Assert.Equal(partner.ClientId, shown.GetProperty("userName").GetString());
        Assert.DoesNotContain(password, shown.GetRawText());
        Assert.Equal(JsonValueKind.Null, shown.GetProperty("password").ValueKind);

        await using var connection = await ConnectAsync(credentials);
        await using var inbox = await AmqpInbox.StartAsync(connection, partner.ClientId + ".inbox", (Directory, "network.directory.#"));

        var organisations = new List<Guid>();
        for (var i = 0; i < 3; i++)
        {
            var organisation = await Network.RegisterOrganisationAsync($"Verein AMQP {i} {Guid.NewGuid():N}"[..28]); // registered, verified
            await (await Network.Staff().PutJson($"/api/directory/organisations/{organisation.Id}/profile",
                new { name = organisation.Name, shortDescription = "Jetzt auch über AMQP." })).AssertSuccess();
            organisations.Add(organisation.Id);
        }

        var received = await inbox.WaitForAsync(m => organisations.Contains(Guid.Parse(m.Event.Subject!)), 9);
        Assert.Equal(9, received.Count);
        var feed = await FeedAsync(partner, "network.directory.organisation.*");
        foreach (var message in received)
        {
            var recorded = Assert.Single(feed, e => e.GetProperty("id").GetString() == message.Event.Id);
            Assert.Equal(recorded.GetProperty("type").GetString(), message.Event.Type);
            Assert.Equal(recorded.GetProperty("subject").GetString(), message.Event.Subject);
            Assert.Equal("/network/directory", message.Event.Source!.ToString());
            Assert.Equal(recorded.GetProperty("position").GetInt64().ToString(), (string)message.Event["sequence"]!);
            Assert.True(JsonNode.DeepEquals(JsonNode.Parse(recorded.GetProperty("data").GetRawText()),
                JsonNode.Parse(Assert.IsType<JsonElement>(message.Event.Data).GetRawText())), message.Event.Id);
            // The AMQP side: routed by type, persistent, its message id the CloudEvent id, structured-mode content type.
            Assert.Equal(message.Event.Type, message.RoutingKey);
            Assert.Equal(Directory, message.Exchange);
            Assert.Equal(message.Event.Id, message.MessageId);
            Assert.Equal(DeliveryModes.Persistent, message.DeliveryMode);
            Assert.Equal("application/cloudevents+json", new ContentType(message.ContentType!).MediaType);
        }
        // Each organisation's events in the feed's order, which is theirs: registered, verified, profile updated.
        foreach (var organisation in organisations)
        {
            var its = received.Where(m => m.Event.Subject == organisation.ToString()).ToList();
            Assert.Equal(["network.directory.organisation.registered.v1", "network.directory.organisation.verified.v1",
                "network.directory.organisation.profile-updated.v1"], its.Select(m => m.Event.Type!));
            Assert.Equal(its.Select(m => long.Parse((string)m.Event["sequence"]!)).Order(), its.Select(m => long.Parse((string)m.Event["sequence"]!)));
        }

        // The broker keeps a salted hash; the service keeps that the user exists, never the password.
        Assert.Equal(1, await HttpAssertions.CountRows(Network.PartnersDatabase, $"mt_doc_amqpcredential where id = '{partner.ClientId}'"));
        Assert.Empty(await TablesContainingAsync(Network.PartnersDatabase, password));
    }

    [Fact]
    public async Task The_broker_refuses_whatever_the_partners_credentials_do_not_allow()
    {
        var partner = await PartnerClient.CreateAsync(Network, "Nur Verzeichnis", "directory", "partners");
        var other = await PartnerClient.CreateAsync(Network, "Andere Stadt", "events", "partners");
        await using var connection = await ConnectAsync(await CreateCredentialsAsync(partner));
        await using var otherConnection = await ConnectAsync(await CreateCredentialsAsync(other));
        var queue = partner.ClientId + ".inbox";
        var othersQueue = other.ClientId + ".inbox";

        // What is allowed, on the same connection: its own queue, bound from the Directory's exchange; the other its own from Events'.
        await using (var allowed = await connection.CreateChannelAsync())
        {
            await allowed.QueueDeclareAsync(queue, durable: true, exclusive: false, autoDelete: false);
            await allowed.QueueBindAsync(queue, Directory, "network.directory.#");
        }
        await using (var allowed = await otherConnection.CreateChannelAsync())
        {
            await allowed.QueueDeclareAsync(othersQueue, durable: true, exclusive: false, autoDelete: false);
            await allowed.QueueBindAsync(othersQueue, Events, "network.events.#");
        }

        await AssertRefusedAsync(connection, channel => channel.QueueBindAsync(queue, Events, "network.events.#"), "binding from the events exchange");
        await AssertRefusedAsync(connection, channel => channel.QueueDeclareAsync("inbox", durable: true, exclusive: false, autoDelete: false),
            "declaring a queue without its prefix");
        await AssertRefusedAsync(connection, channel => channel.QueueDeclareAsync(other.ClientId + ".mine", durable: true, exclusive: false, autoDelete: false),
            "declaring a queue with another partner's prefix");
        await AssertRefusedAsync(connection, channel => channel.BasicConsumeAsync(othersQueue, autoAck: true, new AsyncEventingBasicConsumer(channel)),
            "consuming another partner's queue");
        await AssertRefusedAsync(connection, channel => channel.QueueBindAsync(othersQueue, Directory, "network.directory.#"),
            "binding another partner's queue");
        // A publish is refused by closing the channel; the next call on it learns why (the broker handles a channel's frames in order).
        await AssertRefusedAsync(connection, async channel =>
        {
            await channel.BasicPublishAsync(Directory, "network.directory.organisation.verified.v1", "forged"u8.ToArray());
            await channel.QueueDeclarePassiveAsync(queue);
        }, "publishing to the Directory's exchange");
        await AssertRefusedAsync(connection, async channel =>
        {
            await channel.BasicPublishAsync("", queue, "forged"u8.ToArray());
            await channel.QueueDeclarePassiveAsync(queue);
        }, "publishing to its own queue through the default exchange");
        Assert.True(connection.IsOpen, "A refusal closes the channel, not the connection.");
    }

    [Fact]
    public async Task After_the_credentials_are_deleted_or_the_partner_client_revoked_the_partner_cannot_connect()
    {
        var created = await Identity.Partners.CreateAsync(Network, "Bald gesperrt", "directory", "partners");
        var partner = new PartnerClient(created.Id, created.ClientId, created.ContactEmail, Network.Gateway.NewClient(await Identity.Partners.ClientCredentialsAsync(Network, created)));

        var first = await CreateCredentialsAsync(partner);
        var open = await ConnectAsync(first);
        await (await partner.Http.DeleteAsync($"{PartnerClient.Api}/amqp-credentials")).AssertSuccess();
        await Eventually.Until(() => Task.FromResult(open.IsOpen), isOpen => !isOpen, TimeSpan.FromSeconds(10), "the open connection closed by the deletion");
        await AssertCannotConnectAsync(first);
        await (await partner.Http.GetAsync($"{PartnerClient.Api}/amqp-credentials")).AssertProblem(HttpStatusCode.NotFound);

        // Asked again: a new password; the old one stays refused.
        var second = await (await partner.Http.PostAsync($"{PartnerClient.Api}/amqp-credentials", null)).ReadAs<JsonElement>(HttpStatusCode.Created);
        Assert.NotEqual(first.GetProperty("password").GetString(), second.GetProperty("password").GetString());
        await AssertCannotConnectAsync(first);
        var reopened = await ConnectAsync(second);

        await (await Network.Staff().DeleteAsync($"/api/identity/partners/{created.Id}")).AssertSuccess();
        await Eventually.Until(() => Task.FromResult(reopened.IsOpen), isOpen => !isOpen, TimeSpan.FromSeconds(30),
            "the open connection closed by the revocation");
        await AssertCannotConnectAsync(second);
        Assert.Equal(0, await HttpAssertions.CountRows(Network.PartnersDatabase, $"mt_doc_amqpcredential where id = '{partner.ClientId}'"));
        await open.DisposeAsync();
        await reopened.DisposeAsync();
    }

    [Fact]
    public async Task Changes_made_while_the_broker_is_down_arrive_after_it_is_back()
    {
        var partner = await PartnerClient.CreateAsync(Network, "Ausfallsicher", "directory", "partners");
        var credentials = await CreateCredentialsAsync(partner);
        var queue = partner.ClientId + ".outage";
        var before = Guid.Empty;
        IReadOnlyList<string> beforeIds = [];
        await using (var connection = await ConnectAsync(credentials))
        await using (var inbox = await AmqpInbox.StartAsync(connection, queue, (Directory, "network.directory.organisation.#")))
        {
            before = (await Network.RegisterOrganisationAsync($"Verein Vorher {Guid.NewGuid():N}"[..28])).Id;
            // The pipeline runs, the queue is bound.
            beforeIds = [.. (await inbox.WaitForAsync(m => m.Event.Subject == before.ToString(), 2)).Select(m => m.Event.Id!)];
        }

        await fixture.Broker.KillAsync();
        Network.Directory.Organisations.Viewing.OrganisationResponse during;
        try
        {
            during = await Network.RegisterOrganisationAsync($"Verein Ausfall {Guid.NewGuid():N}"[..28]);
            // Recorded in the feed while the broker is down (the replay lists both), so the publisher has them to send.
            await Eventually.Until(() => FeedAsync(partner, "network.directory.organisation.*"),
                feed => feed.Count(e => e.GetProperty("subject").GetString() == during.Id.ToString()) == 2, TimeSpan.FromSeconds(30),
                "both events of the organisation in the feed");
        }
        finally
        {
            await fixture.Broker.StartAsync();
        }

        await using var reconnected = await ConnectAsync(credentials);
        await using var after = await AmqpInbox.StartAsync(reconnected, queue, (Directory, "network.directory.organisation.#"));
        var arrived = await after.WaitForAsync(m => m.Event.Subject == during.Id.ToString(), 2, seconds: 60);
        Assert.Equal(["network.directory.organisation.registered.v1", "network.directory.organisation.verified.v1"],
            arrived.DistinctBy(m => m.Event.Id).Select(m => m.Event.Type!));
        // At least once: a killed broker may not have written the acknowledgements of the messages before; those come again
        // with the same message ids (partners drop duplicates by them), never as new ones.
        Assert.All(after.Received.Where(m => m.Event.Subject == before.ToString()), again => Assert.Contains(again.Event.Id, beforeIds));
    }

    static async Task<JsonElement> CreateCredentialsAsync(PartnerClient partner) =>
        await (await partner.Http.PostAsync($"{PartnerClient.Api}/amqp-credentials", null)).ReadAs<JsonElement>(HttpStatusCode.Created);

    static ConnectionFactory Factory(JsonElement credentials) => new()
    {
        HostName = credentials.GetProperty("host").GetString()!,
        Port = credentials.GetProperty("port").GetInt32(),
        VirtualHost = credentials.GetProperty("virtualHost").GetString()!,
        UserName = credentials.GetProperty("userName").GetString()!,
        Password = credentials.GetProperty("password").GetString()!,
        AutomaticRecoveryEnabled = false,
        RequestedConnectionTimeout = TimeSpan.FromSeconds(5),
    };

    static Task<IConnection> ConnectAsync(JsonElement credentials) => Factory(credentials).CreateConnectionAsync();

    static async Task AssertCannotConnectAsync(JsonElement credentials)
    {
        var refused = await Assert.ThrowsAnyAsync<Exception>(async () => await (await ConnectAsync(credentials)).DisposeAsync());
        Assert.True(Chain(refused).Any(e => e is AuthenticationFailureException || e.Message.Contains("ACCESS_REFUSED", StringComparison.Ordinal)),
            refused.ToString());
    }

    /// <summary>The broker answers ACCESS_REFUSED (403) and closes the channel.</summary>
    static async Task AssertRefusedAsync(IConnection connection, Func<IChannel, Task> attempt, string what)
    {
        var channel = await connection.CreateChannelAsync();
        var refused = await Assert.ThrowsAnyAsync<Exception>(() => attempt(channel));
        var reason = Chain(refused).OfType<OperationInterruptedException>().FirstOrDefault()?.ShutdownReason ?? channel.CloseReason;
        Assert.True(reason?.ReplyCode == Constants.AccessRefused, $"{what}: {refused}");
        Assert.False(channel.IsOpen, what);
        await channel.DisposeAsync();
    }

    static IEnumerable<Exception> Chain(Exception e)
    {
        for (Exception? current = e; current is not null; current = current.InnerException) yield return current;
    }

    /// <summary>The replay of the feed: every event of the type filter the partner may see, oldest first.</summary>
    static async Task<IReadOnlyList<JsonElement>> FeedAsync(PartnerClient partner, string type)
    {
        var events = new List<JsonElement>();
        string? cursor = null;
        do
        {
            var page = await (await partner.Http.GetAsync($"{PartnerClient.Api}/events?after=0&pageSize=100&type={Uri.EscapeDataString(type)}"
                + (cursor is null ? "" : "&cursor=" + Uri.EscapeDataString(cursor)))).ReadAs<JsonElement>();
            events.AddRange(page.GetProperty("items").EnumerateArray());
            cursor = page.GetProperty("next").GetString();
        } while (cursor is not null);
        return events;
    }

    /// <summary>Every table of the database whose rows, as text, contain <paramref name="text"/>.</summary>
    static async Task<IReadOnlyList<string>> TablesContainingAsync(string connectionString, string text)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        var tables = new List<string>();
        await using (var list = new NpgsqlCommand("select quote_ident(table_schema) || '.' || quote_ident(table_name) from information_schema.tables " +
            "where table_type = 'BASE TABLE' and table_schema not in ('pg_catalog', 'information_schema')", connection))
        await using (var reader = await list.ExecuteReaderAsync())
            while (await reader.ReadAsync()) tables.Add(reader.GetString(0));
        var containing = new List<string>();
        foreach (var table in tables)
        {
            await using var search = new NpgsqlCommand($"select count(*) from {table} t where t::text like '%' || @text || '%'", connection);
            search.Parameters.AddWithValue("text", text);
            if ((long)(await search.ExecuteScalarAsync())! > 0) containing.Add(table);
        }
        Assert.True(tables.Count > 5, $"only {tables.Count} tables found");
        return containing;
    }
}

/// <summary>One message as the partner's consumer got it, its body decoded by CloudNative.CloudEvents' JSON formatter.</summary>
public sealed record AmqpDelivery(CloudEvent Event, string Exchange, string RoutingKey, string? MessageId, string? ContentType, DeliveryModes DeliveryMode);

/// <summary>A partner's durable queue, bound and consumed (each message acknowledged once decoded), as a partner writes it.</summary>
public sealed class AmqpInbox : IAsyncDisposable
{
    static readonly JsonEventFormatter Formatter = new();
    readonly IChannel channel;
    readonly ConcurrentQueue<AmqpDelivery> received = new();

    AmqpInbox(IChannel channel) => this.channel = channel;

    public IReadOnlyList<AmqpDelivery> Received => [.. received];

    public static async Task<AmqpInbox> StartAsync(IConnection connection, string queue, params (string Exchange, string RoutingKey)[] bindings)
    {
        var channel = await connection.CreateChannelAsync();
        await channel.QueueDeclareAsync(queue, durable: true, exclusive: false, autoDelete: false);
        foreach (var (exchange, routingKey) in bindings)
            await channel.QueueBindAsync(queue, exchange, routingKey);
        var inbox = new AmqpInbox(channel);
        var consumer = new AsyncEventingBasicConsumer(channel);
        consumer.ReceivedAsync += async (_, message) =>
        {
            var cloudEvent = Formatter.DecodeStructuredModeMessage(message.Body.ToArray(), new ContentType(message.BasicProperties.ContentType!), null);
            inbox.received.Enqueue(new AmqpDelivery(cloudEvent, message.Exchange, message.RoutingKey, message.BasicProperties.MessageId,
                message.BasicProperties.ContentType, message.BasicProperties.DeliveryMode));
            await channel.BasicAckAsync(message.DeliveryTag, multiple: false);
        };
        await channel.BasicConsumeAsync(queue, autoAck: false, consumer);
        return inbox;
    }

    public async Task<IReadOnlyList<AmqpDelivery>> WaitForAsync(Func<AmqpDelivery, bool> matches, int count, int seconds = 30)
    {
        await Eventually.Until(() => Task.FromResult(received.Count(matches)), n => n >= count, TimeSpan.FromSeconds(seconds), $"{count} AMQP message(s)");
        return [.. received.Where(matches)];
    }

    public async ValueTask DisposeAsync()
    {
        if (channel.IsOpen) await channel.CloseAsync();
        await channel.DisposeAsync();
    }
}
