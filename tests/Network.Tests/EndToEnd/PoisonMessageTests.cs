using System.Net;
using System.Text;
using Network.Directory.Organisations.Viewing;
using Network.Platform.Messaging;
using Network.Tests.Hosting;
using RabbitMQ.Client;
using Xunit;

namespace Network.Tests.EndToEnd;

/// <summary>A message no consumer can handle is retried, parked in the error queue, and blocks nothing.</summary>
public class PoisonMessageTests(NetworkFixture fixture) : IClassFixture<NetworkFixture>
{
    const string ForumQueue = "forum-directory-organisations";

    [Fact]
    public async Task A_poison_message_goes_to_the_error_queue_and_the_next_messages_still_arrive()
    {
        var network = fixture.Network;
        // The forum's queue and its bindings exist once the forum has consumed something.
        var first = await RegisterVerified(network, "Before the poison");
        await WaitForForum(network, first.Id);

        await using (var connection = await Connect(network.RabbitMq))
        await using (var channel = await connection.CreateChannelAsync())
        {
            var poison = """{"messageId":"0f8fad5b-d9cb-469f-a165-70867728950e","messageType":["urn:message:Network.Contracts.Directory:OrganisationRegistered"],"message":{"organisationId":"not-a-guid","version":"many"}}""";
            await channel.BasicPublishAsync("Network.Contracts.Directory:OrganisationRegistered", "", mandatory: false,
                new BasicProperties { ContentType = "application/vnd.masstransit+json", MessageId = "0f8fad5b-d9cb-469f-a165-70867728950e" },
                Encoding.UTF8.GetBytes(poison));
        }

        var second = await RegisterVerified(network, "After the poison");
        await WaitForForum(network, second.Id);

        await Eventually.Until(() => MessagesIn(network.RabbitMq, ForumQueue + "_error"), n => n == 1,
            TimeSpan.FromSeconds(30), "the poison message in the forum's error queue");
    }

    static async Task<OrganisationResponse> RegisterVerified(NetworkUnderTest network, string name)
    {
        var staff = network.DirectoryAsStaff();
        var organisation = await (await staff.PostJson("/organisations",
            new { name = $"{name} {Guid.NewGuid():N}", kind = "UmbrellaOrganisation", municipalityAgs = "01002000", shortDescription = "Kiel" }))
            .ReadAs<OrganisationResponse>(HttpStatusCode.Created);
        (await staff.PostAsync($"/organisations/{organisation.Id}/verification", null)).EnsureSuccessStatusCode();
        return organisation;
    }

    static Task WaitForForum(NetworkUnderTest network, Guid id) => Eventually.Until(
        () => network.Forum.NewClient().GetAsync($"/organisations/{id}"),
        r => r.StatusCode == HttpStatusCode.OK, TimeSpan.FromSeconds(30), $"organisation {id} in the forum");

    static async Task<IConnection> Connect(string amqpUri)
    {
        var address = RabbitMqAddress.Parse(amqpUri);
        return await new ConnectionFactory
        {
            HostName = address.Host, Port = address.Port, VirtualHost = address.VirtualHost,
            UserName = address.UserName, Password = address.Password,
        }.CreateConnectionAsync();
    }

    static async Task<uint> MessagesIn(string amqpUri, string queue)
    {
        await using var connection = await Connect(amqpUri);
        await using var channel = await connection.CreateChannelAsync();
        try
        {
            return (await channel.QueueDeclarePassiveAsync(queue)).MessageCount;
        }
        catch (RabbitMQ.Client.Exceptions.OperationInterruptedException)
        {
            return 0; // the error queue does not exist yet
        }
    }
}
