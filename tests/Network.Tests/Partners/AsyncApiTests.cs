using System.Net;
using System.Runtime.CompilerServices;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Network.Partners.Amqp;
using Network.Partners.Catalogue;
using Network.Partners.Feed;
using Network.Tests.Hosting;
using Xunit;

namespace Network.Tests.Partners;

/// <summary>
/// The AsyncAPI document of the public events, as a partner fetches it through the gateway, is valid for the AsyncAPI
/// parser and describes every public event type with the payload the service writes and the envelope it sends.
/// </summary>
public class AsyncApiTests(NetworkFixture fixture) : IClassFixture<NetworkFixture>
{
    async Task<string> Served()
    {
        var response = await fixture.Network.Gateway.NewClient().GetAsync($"{PartnerClient.Api}/asyncapi/v1.json");
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, text);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        return text;
    }

    [Fact]
    public async Task The_document_served_through_the_gateway_is_valid_AsyncAPI_3()
    {
        var parsed = await AsyncApiParser.Parse(await Served());

        Assert.True(parsed.Errors == 0, string.Join("\n", parsed.ErrorDiagnostics));
        Assert.Equal(0, parsed.ExitCode);
        Assert.Equal("3.0.0", parsed.Version);
        // Nothing short of an error is ignored either, except the note that a newer AsyncAPI version exists.
        Assert.Empty(parsed.Diagnostics.Where(d => d.Code != "asyncapi-latest-version").Select(d => d.ToString()));
    }

    [Fact]
    public async Task Every_public_event_type_is_a_message_received_by_partners_whose_data_has_the_payloads_fields()
    {
        var parsed = await AsyncApiParser.Parse(await Served());
        Assert.Equal(0, parsed.Errors);

        // Each type twice: the webhook and the message on the partner exchange, both named after the type.
        Assert.Equal(PublicEvents.All.SelectMany(t => new[] { t.Type, t.Type }).Order(), parsed.Messages.Select(m => m.Name!).Order());
        Assert.All(PublicEvents.All, type =>
        {
            var message = Assert.Single(parsed.Messages, m => m.Id == type.Type);
            var operation = Assert.Single(parsed.Operations, o => o.Channels.Contains(type.Type));
            Assert.Equal(("receive." + type.Type, "receive"), (operation.Id, operation.Action));
            Assert.Equal([type.Type], operation.Messages);
            Assert.Equal([type.Type], operation.Channels);

            var envelope = Assert.IsType<JsonElement>(message.Payload);
            var attributes = envelope.GetProperty("properties");
            Assert.Equal(type.Type, attributes.GetProperty("type").GetProperty("const").GetString());
            Assert.Equal($"/network/{type.Service}", attributes.GetProperty("source").GetProperty("const").GetString());

            // The names the service writes: a payload serialised as the consumer does, not the schema generator's view.
            var data = attributes.GetProperty("data");
            var written = WrittenFieldNames(type.Payload);
            Assert.Equal(written, Names(data.GetProperty("properties")));
            Assert.Equal(written, data.GetProperty("required").EnumerateArray().Select(n => n.GetString()!).Order(StringComparer.Ordinal));

            var headers = Assert.IsType<JsonElement>(message.Headers);
            Assert.Equal(["webhook-id", "webhook-signature", "webhook-timestamp"], Names(headers.GetProperty("properties")));

            // Over AMQP: the same envelope, no webhook headers, received from its own channel.
            var amqp = Assert.Single(parsed.Messages, m => m.Id == "amqp." + type.Type);
            Assert.Equal(type.Type, amqp.Name);
            Assert.Null(amqp.Headers);
            var amqpAttributes = amqp.Payload!.Value.GetProperty("properties");
            Assert.Equal(Names(attributes), Names(amqpAttributes));
            Assert.Equal(type.Type, amqpAttributes.GetProperty("type").GetProperty("const").GetString());
            Assert.Equal(written, Names(amqpAttributes.GetProperty("data").GetProperty("properties")));
            var receive = Assert.Single(parsed.Operations, o => o.Channels.Contains("amqp." + type.Type));
            Assert.Equal(("receive.amqp." + type.Type, "receive"), (receive.Id, receive.Action));
        });
    }

    /// <summary>
    /// The partner exchange is the second server: AMQP 0.9.1 at the broker partners reach, the partners' virtual host, a
    /// broker user's password; each type's channel is its routing key on its service's durable topic exchange.
    /// </summary>
    [Fact]
    public async Task The_partner_exchange_is_an_AMQP_server_whose_channels_are_each_types_routing_key_on_its_services_exchange()
    {
        var document = JsonNode.Parse(await Served())!;
        var server = document["servers"]!["partnerExchange"]!;
        var broker = new Uri(fixture.Network.RabbitMq);
        var virtualHost = fixture.Network.Partners.Services.GetRequiredService<IOptions<AmqpOptions>>().Value.VirtualHost;

        Assert.Equal(("amqp", "0.9.1"), (server["protocol"]!.GetValue<string>(), server["protocolVersion"]!.GetValue<string>()));
        Assert.Equal($"{broker.Host}:{broker.Port}", server["host"]!.GetValue<string>());
        Assert.Equal("/" + virtualHost, server["pathname"]!.GetValue<string>());
        Assert.Equal("userPassword", document["components"]!["securitySchemes"]!["partnerBrokerUser"]!["type"]!.GetValue<string>());

        var verified = document["channels"]!["amqp.network.directory.organisation.verified.v1"]!;
        Assert.Equal("network.directory.organisation.verified.v1", verified["address"]!.GetValue<string>());
        Assert.Equal("#/servers/partnerExchange", verified["servers"]![0]!["$ref"]!.GetValue<string>());
        var exchange = verified["bindings"]!["amqp"]!["exchange"]!;
        Assert.Equal(("network.partners.directory", "topic", true, virtualHost),
            (exchange["name"]!.GetValue<string>(), exchange["type"]!.GetValue<string>(), exchange["durable"]!.GetValue<bool>(), exchange["vhost"]!.GetValue<string>()));
        Assert.Equal("network.partners.knowledge",
            document["channels"]!["amqp.network.knowledge.item.published.v1"]!["bindings"]!["amqp"]!["exchange"]!["name"]!.GetValue<string>());
        // The webhook channels stay on the gateway's side only.
        Assert.Equal("#/servers/gateway", document["channels"]!["network.directory.organisation.verified.v1"]!["servers"]![0]!["$ref"]!.GetValue<string>());
    }

    [Fact]
    public async Task The_payload_schemas_say_what_each_field_holds()
    {
        var parsed = await AsyncApiParser.Parse(await Served());
        var registered = Assert.Single(parsed.Messages, m => m.Id == "network.directory.organisation.registered.v1");
        var data = registered.Payload!.Value.GetProperty("properties").GetProperty("data").GetProperty("properties");

        Assert.Equal("uuid", data.GetProperty("organisationId").GetProperty("format").GetString());
        Assert.Equal(["null", "string"], data.GetProperty("name").GetProperty("type").EnumerateArray().Select(t => t.GetString()).Order());
        Assert.Equal("boolean", data.GetProperty("isOutOfSight").GetProperty("type").GetString());
        Assert.Equal("array", data.GetProperty("themes").GetProperty("type").GetString());

        var published = Assert.Single(parsed.Messages, m => m.Id == "network.knowledge.item.published.v1");
        var revision = published.Payload!.Value.GetProperty("properties").GetProperty("data").GetProperty("properties").GetProperty("revision");
        Assert.Equal("integer", revision.GetProperty("type").GetString());
    }

    [Fact]
    public async Task The_envelope_describes_the_CloudEvent_the_sender_writes()
    {
        var parsed = await AsyncApiParser.Parse(await Served());
        var envelope = Assert.Single(parsed.Messages, m => m.Id == "network.directory.organisation.verified.v1").Payload!.Value;

        var withLink = Attributes(new PartnerEvent(Guid.NewGuid(), "network.directory.organisation.verified.v1", "directory", Guid.NewGuid(), 3,
            DateTimeOffset.UtcNow, JsonSerializer.SerializeToElement(new { organisationId = Guid.NewGuid() }), "http://gateway/api/directory/organisations/1"));
        var gone = Attributes(new PartnerEvent(Guid.NewGuid(), "network.directory.organisation.archived.v1", "directory", Guid.NewGuid(), 4,
            DateTimeOffset.UtcNow, JsonSerializer.SerializeToElement(new { organisationId = Guid.NewGuid() }), null));

        Assert.Equal(withLink, Names(envelope.GetProperty("properties")));
        Assert.Equal(gone, envelope.GetProperty("required").EnumerateArray().Select(n => n.GetString()!).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task The_server_is_the_gateways_partner_API()
    {
        var document = JsonNode.Parse(await Served())!;
        var gateway = document["servers"]!["gateway"]!;
        var address = fixture.Network.Gateway.Address;

        Assert.Equal(address.Authority, gateway["host"]!.GetValue<string>());
        Assert.Equal(address.Scheme, gateway["protocol"]!.GetValue<string>());
        Assert.Equal("/api/partners", gateway["pathname"]!.GetValue<string>());
        // The replay it names is there, behind the partner token the document names.
        var replay = await fixture.Network.Gateway.NewClient().GetAsync($"{address.Scheme}://{address.Authority}/api/partners/events");
        Assert.Equal(HttpStatusCode.Unauthorized, replay.StatusCode);
    }

    public static TheoryData<string, string> Breakages => new()
    {
        { "info.version removed", "version" },
        { "an operation's channel points nowhere", "channels/nowhere" },
        { "a payload's type is misspelt", "payload/type" },
    };

    [Theory]
    [MemberData(nameof(Breakages))]
    public async Task The_check_fails_a_broken_document(string breakage, string named)
    {
        var document = JsonNode.Parse(await Served())!.AsObject();
        var first = PublicEvents.All[0].Type;
        switch (breakage)
        {
            case "info.version removed": document["info"]!.AsObject().Remove("version"); break;
            case "an operation's channel points nowhere": document["operations"]![$"receive.{first}"]!["channel"]!["$ref"] = "#/channels/nowhere"; break;
            default: document["components"]!["messages"]![first]!["payload"]!["type"] = "objekt"; break;
        }

        var parsed = await AsyncApiParser.Parse(document.ToJsonString());

        Assert.Equal(1, parsed.ExitCode);
        Assert.True(parsed.Errors > 0);
        Assert.Contains(parsed.ErrorDiagnostics, d => (d.Message + d.Path).Contains(named, StringComparison.Ordinal));
    }

    static IReadOnlyList<string> WrittenFieldNames(Type payload) =>
        Names(JsonSerializer.SerializeToElement(RuntimeHelpers.GetUninitializedObject(payload), payload, PublicEventsConsumer.PayloadJson));

    static IReadOnlyList<string> Attributes(PartnerEvent e) =>
        Names(JsonDocument.Parse(PublicCloudEvents.Encode(PublicCloudEvents.From(e, 42)).Body).RootElement);

    static IReadOnlyList<string> Names(JsonElement obj) => [.. obj.EnumerateObject().Select(p => p.Name).Order(StringComparer.Ordinal)];
}
