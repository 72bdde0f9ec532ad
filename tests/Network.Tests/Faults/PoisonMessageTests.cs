using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text;
using Network.Platform.Messaging;
using Network.Tests.Hosting;
using Network.Tests.Infrastructure;
using RabbitMQ.Client;
using Xunit;
using Xunit.Abstractions;

namespace Network.Tests.Faults;

/// <summary>
/// A message no consumer can handle, in the middle of a stream: retried as MessagingSetup configures, then parked in the
/// consumer's <c>_error</c> queue with the reason, visible as a failed consume span in the trace, and blocking none of
/// the messages behind it.
/// </summary>
public class PoisonMessageTests(ITestOutputHelper output)
{
    const int Messages = 100;
    const string PoisonId = "0f8fad5b-d9cb-469f-a165-70867728950e";

    /// <summary>MessagingSetup's retry intervals: five retries after the first attempt.</summary>
    const int Retries = 5;

    [Fact]
    public async Task A_poison_message_in_the_middle_of_a_stream_is_retried_then_parked_in_the_error_queue_and_blocks_nothing()
    {
        var directoryDb = await TestServers.CreateDatabaseAsync("directory");
        var forumDb = await TestServers.CreateDatabaseAsync("forum");
        var broker = await TestServers.CreateVirtualHostAsync("poison");
        using var spans = new FailedSpans(PoisonId);
        await using var directory = new ServiceUnderTest<Network.Directory.IntegrationEvents>(
            FaultRig.Settings("directory-db", directoryDb, broker)).Start();
        await using var forum = new ServiceUnderTest<Network.Forum.Organisations.MemberOrganisation>(
            FaultRig.Settings("forum-db", forumDb, broker)).Start();
        await Task.WhenAll(NetworkUnderTest.WaitUntilHealthy(directory.NewClient()), NetworkUnderTest.WaitUntilHealthy(forum.NewClient()));

        var checker = new EffectChecker();
        for (var i = 0; i < Messages / 2; i++)
            checker.Acknowledged((await FaultRig.RegisterAsync(directory, $"Before the poison {i:000}")).ToString());
        await PublishPoisonAsync(broker);
        var published = Stopwatch.StartNew();
        for (var i = 0; i < Messages / 2; i++)
            checker.Acknowledged((await FaultRig.RegisterAsync(directory, $"After the poison {i:000}")).ToString());

        await FaultRig.WaitForForumAsync(forumDb, Messages, TimeSpan.FromSeconds(60));
        var streamDone = published.Elapsed;
        await FaultRig.ObserveForumAsync(checker, forumDb);
        var report = checker.Check();
        var parked = await Eventually.Until(() => ErrorQueueAsync(broker), m => m.Count == 1, TimeSpan.FromSeconds(30),
            "the poison message in the forum's error queue");
        var headers = parked[0];
        output.WriteLine($"stream of {Messages} through {streamDone.TotalSeconds:0.0} s after the poison; {report}");
        output.WriteLine("error queue message headers: " + string.Join(", ", headers.Select(h => $"{h.Key}={h.Value}")));

        Assert.True(report.IsValid, report.ToString());
        Assert.Equal(Messages, report.Ok.Count);
        Assert.Equal(PoisonId, headers.GetValueOrDefault("message-id"));
        Assert.True(headers.GetValueOrDefault("MT-Fault-RetryCount") == Retries.ToString(),
            $"retried {Retries} times: {string.Join(", ", headers.Select(h => $"{h.Key}={h.Value}"))}");
        // The reason travels with it: PostgreSQL's refusal of the NUL character.
        Assert.Contains(headers, h => h.Key.StartsWith("MT-Fault-", StringComparison.Ordinal) && h.Value.Contains("22P05", StringComparison.Ordinal));
        // The dashboard shows it: a consume span of that message marked as an error, with the exception on it.
        var span = await Eventually.Until(() => Task.FromResult(spans.Seen.ToList()), s => s.Count > 0, TimeSpan.FromSeconds(10),
            "a failed consume span of the poison message");
        Assert.Contains(span, s => s.Events.Any(e => e.Name == "exception"));
    }

    /// <summary>
    /// Raw, as another system might publish it on the contract's exchange: a well-formed registration whose name holds a
    /// NUL character, which PostgreSQL refuses to store in a jsonb document (22P05), so the Forum's handler throws at
    /// every attempt.
    /// </summary>
    static async Task PublishPoisonAsync(string amqpUri)
    {
        await using var connection = await ConnectAsync(amqpUri);
        await using var channel = await connection.CreateChannelAsync();
        var poison = $$$"""
            {"messageId":"{{{PoisonId}}}","messageType":["urn:message:Network.Contracts.Directory:OrganisationRegistered"],
             "message":{"organisationId":"{{{Guid.NewGuid()}}}","name":"Poison\u0000","kind":"MigrantOrganisation","municipalityAgs":"05314000","shortDescription":"Bonn","version":1}}
            """;
        await channel.BasicPublishAsync("Network.Contracts.Directory:OrganisationRegistered", "", mandatory: false,
            new BasicProperties { ContentType = "application/vnd.masstransit+json", MessageId = PoisonId, Persistent = true },
            Encoding.UTF8.GetBytes(poison));
    }

    /// <summary>The headers of every message in the Forum's error queue (read, then given back: nothing is removed).</summary>
    static async Task<List<Dictionary<string, string>>> ErrorQueueAsync(string amqpUri)
    {
        await using var connection = await ConnectAsync(amqpUri);
        await using var channel = await connection.CreateChannelAsync();
        var messages = new List<Dictionary<string, string>>();
        try
        {
            while (await channel.BasicGetAsync(FaultRig.ForumQueue + "_error", autoAck: false) is { } message)
            {
                var headers = (message.BasicProperties.Headers ?? new Dictionary<string, object?>())
                    .ToDictionary(h => h.Key, h => h.Value is byte[] bytes ? Encoding.UTF8.GetString(bytes) : h.Value?.ToString() ?? "");
                headers["message-id"] = message.BasicProperties.MessageId ?? "";
                messages.Add(headers);
            }
        }
        catch (RabbitMQ.Client.Exceptions.OperationInterruptedException)
        {
            // the error queue does not exist yet
        }
        return messages; // closing the channel returns the unacknowledged messages to the queue
    }

    static async Task<IConnection> ConnectAsync(string amqpUri)
    {
        var address = RabbitMqAddress.Parse(amqpUri);
        return await new ConnectionFactory
        {
            HostName = address.Host, Port = address.Port, VirtualHost = address.VirtualHost,
            UserName = address.UserName, Password = address.Password,
        }.CreateConnectionAsync();
    }

    /// <summary>
    /// The spans MassTransit's activity source ends with an error status for one message id, as the dashboard's trace
    /// view gets them through OpenTelemetry (the services add the "MassTransit" source).
    /// </summary>
    sealed class FailedSpans : IDisposable
    {
        readonly ActivityListener listener;

        public FailedSpans(string messageId)
        {
            listener = new ActivityListener
            {
                ShouldListenTo = source => source.Name == "MassTransit",
                Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
                ActivityStopped = activity =>
                {
                    if (activity.Status == ActivityStatusCode.Error && activity.TagObjects.Any(t => t.Value?.ToString() == messageId))
                        Seen.Add(activity);
                },
            };
            ActivitySource.AddActivityListener(listener);
        }

        public ConcurrentBag<Activity> Seen { get; } = [];

        public void Dispose() => listener.Dispose();
    }
}
