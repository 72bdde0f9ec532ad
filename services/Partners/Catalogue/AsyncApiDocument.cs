using System.Net.Mime;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Schema;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using Network.Partners.Amqp;
using Network.Partners.Feed;

namespace Network.Partners.Catalogue;

/// <summary>
/// The AsyncAPI 3.0 document of the public events, generated from <see cref="PublicEvents.All"/>: what a partner's
/// receiver gets. One channel per public event type (its address is the URL of each subscription whose filter takes the
/// type, so it is <c>null</c> here: every partner chooses its own), one <c>receive</c> operation per channel (the document
/// describes the partner's side), one message per type: the CloudEvents 1.0 structured-mode envelope the sender writes
/// (<see cref="PublicCloudEvents.From"/>) with the Standard Webhooks headers, its <c>data</c> the payload
/// record's JSON Schema as System.Text.Json's <see cref="JsonSchemaExporter"/> derives it from the options the consumer
/// serialises payloads with. The gateway is a server, where the partner API (subscriptions, replay) lives; the partner
/// exchange on RabbitMQ is the other: there each type is a channel of its own (its address the routing key, on its service's
/// topic exchange) with the same envelope as a message without the webhook headers.
/// </summary>
public static class AsyncApiDocument
{
    public const string Path = "/asyncapi/v1.json";
    public const string Version = "1.0.0";
    public const string CloudEventsContentType = "application/cloudevents+json";

    /// <summary>The payload options for the schemas: reading numbers from strings (a Web default) only loosens what the
    /// consumer accepts; the payloads it writes have numbers as numbers, so the schema says so.</summary>
    static readonly JsonSerializerOptions SchemaJson = new(PublicEventsConsumer.PayloadJson)
    {
        NumberHandling = JsonNumberHandling.Strict,
        TypeInfoResolver = PublicEventsConsumer.PayloadJson.TypeInfoResolver ?? new DefaultJsonTypeInfoResolver(),
    };

    // Records' constructor parameters come out as required and nullable annotations as "null" in the type: the
    // serialiser writes every property, null or not.
    static readonly JsonSchemaExporterOptions Exporter = new() { TreatNullObliviousAsNonNullable = true };

    /// <summary>GET /asyncapi/v1.json: anybody, like /openapi/v1.json.</summary>
    public static ContentHttpResult Handle(IOptions<PartnersOptions> options, HttpContext http) =>
        TypedResults.Text(Build(new Uri(options.Value.PublicApiAddress), http.RequestServices.GetService<PartnerExchangeAddress>())
            .ToJsonString(new JsonSerializerOptions { WriteIndented = true }), MediaTypeNames.Application.Json);

    /// <param name="gateway">The gateway's public address (<see cref="PartnersOptions.PublicApiAddress"/>).</param>
    /// <param name="partnerExchange">Where partners reach the partner exchange; null when it is off (no AMQP server then).</param>
    public static JsonObject Build(Uri gateway, PartnerExchangeAddress? partnerExchange = null)
    {
        var partnersApi = new Uri(gateway, "api/partners/");
        var channels = new JsonObject();
        var operations = new JsonObject();
        var messages = new JsonObject();
        var schemas = new JsonObject();
        foreach (var type in PublicEvents.All)
        {
            schemas[type.Payload.Name] ??= SchemaJson.GetJsonSchemaAsNode(type.Payload, Exporter);
            messages[type.Type] = Message(type);
            channels[type.Type] = new JsonObject
            {
                ["address"] = null,
                ["title"] = type.Type,
                ["description"] = $"POSTed to the URL of every webhook subscription whose `eventTypes` filter takes `{type.Type}` "
                    + $"(e.g. `{type.Type}`, `network.{type.Service}.*` or `*`) and whose partner has the `{type.Service}` scope.",
                ["messages"] = new JsonObject { [type.Type] = Ref($"#/components/messages/{type.Type}") },
            };
            operations[$"receive.{type.Type}"] = new JsonObject
            {
                ["action"] = "receive",
                ["channel"] = Ref($"#/channels/{type.Type}"),
                ["summary"] = type.Description,
                ["tags"] = new JsonArray(new JsonObject { ["name"] = type.Service }),
                ["messages"] = new JsonArray(Ref($"#/channels/{type.Type}/messages/{type.Type}")),
            };
            if (partnerExchange is null) continue;

            // The same event on the partner exchange: a channel, a message and an operation of its own, as the address,
            // the bindings and the headers differ.
            var amqp = AmqpId(type);
            var exchange = PartnerExchanges.For(type.Service);
            channels[type.Type]!["servers"] = new JsonArray(Ref("#/servers/gateway"));
            messages[amqp] = Message(type, webhook: false);
            channels[amqp] = new JsonObject
            {
                ["address"] = type.Type,
                ["title"] = $"{type.Type} on {exchange}",
                ["description"] = $"Published to the topic exchange `{exchange}` with the routing key `{type.Type}`: bind a queue of your own "
                    + $"to it with this key, or e.g. `network.{type.Service}.#`. Your broker user needs the `{type.Service}` scope.",
                ["servers"] = new JsonArray(Ref("#/servers/partnerExchange")),
                ["messages"] = new JsonObject { [amqp] = Ref($"#/components/messages/{amqp}") },
                ["bindings"] = new JsonObject
                {
                    ["amqp"] = new JsonObject
                    {
                        ["is"] = "routingKey",
                        ["exchange"] = new JsonObject
                        {
                            ["name"] = exchange, ["type"] = "topic", ["durable"] = true, ["autoDelete"] = false, ["vhost"] = partnerExchange.VirtualHost,
                        },
                        ["bindingVersion"] = AmqpBindingVersion,
                    },
                },
            };
            operations[$"receive.{amqp}"] = new JsonObject
            {
                ["action"] = "receive",
                ["channel"] = Ref($"#/channels/{amqp}"),
                ["summary"] = type.Description,
                ["tags"] = new JsonArray(new JsonObject { ["name"] = type.Service }),
                ["messages"] = new JsonArray(Ref($"#/channels/{amqp}/messages/{amqp}")),
                ["bindings"] = new JsonObject { ["amqp"] = new JsonObject { ["ack"] = true, ["bindingVersion"] = AmqpBindingVersion } },
            };
        }
        schemas["StandardWebhooksHeaders"] = WebhookHeaders();

        var document = new JsonObject
        {
            ["asyncapi"] = "3.0.0",
            ["id"] = "urn:network:partners:public-events",
            ["info"] = new JsonObject
            {
                ["title"] = "Network public events for integration partners",
                ["version"] = Version,
                ["description"] = Description,
                ["tags"] = new JsonArray([.. PublicEvents.Services.Select(service => (JsonNode)new JsonObject
                {
                    ["name"] = service,
                    ["description"] = $"Events of the {service} service: a partner needs the `{service}` scope to receive them.",
                })]),
                ["externalDocs"] = new JsonObject
                {
                    ["description"] = "The Partners API (subscriptions, delivery log, redelivery, replay) as OpenAPI.",
                    ["url"] = new Uri(partnersApi, "openapi/v1.json").ToString(),
                },
            },
            ["defaultContentType"] = CloudEventsContentType,
            ["servers"] = new JsonObject
            {
                ["gateway"] = new JsonObject
                {
                    ["host"] = partnersApi.Authority,
                    ["protocol"] = partnersApi.Scheme,
                    ["pathname"] = partnersApi.AbsolutePath.TrimEnd('/'),
                    ["title"] = "The network's gateway: the Partners API",
                    ["description"] = "Where a partner subscribes (`POST /subscriptions`), reads the catalogue (`GET /event-types`), "
                        + "gets its broker user for the partner exchange (`POST /amqp-credentials`) and replays what it missed "
                        + "(`GET /events?after=<sequence>`). Webhooks do not come from this server: the Partners service POSTs each "
                        + "event to the subscription's URL.",
                    ["security"] = new JsonArray(Ref("#/components/securitySchemes/partnerToken")),
                },
            },
            ["channels"] = channels,
            ["operations"] = operations,
            ["components"] = new JsonObject
            {
                ["schemas"] = schemas,
                ["messages"] = messages,
                ["securitySchemes"] = new JsonObject
                {
                    ["partnerToken"] = new JsonObject
                    {
                        ["type"] = "oauth2",
                        ["description"] = "A partner client's token (client credentials) with the `partners` scope; its other scopes "
                            + "decide which services' events it receives and replays.",
                        ["flows"] = new JsonObject
                        {
                            ["clientCredentials"] = new JsonObject
                            {
                                ["tokenUrl"] = new Uri(gateway, "connect/token").ToString(),
                                ["availableScopes"] = new JsonObject([
                                    new("partners", "Manage webhook subscriptions and replay."),
                                    .. PublicEvents.Services.Select(s => new KeyValuePair<string, JsonNode?>(s, $"See the {s} service's events.")),
                                ]),
                            },
                        },
                        ["scopes"] = new JsonArray("partners"),
                    },
                },
            },
        };
        if (partnerExchange is not null)
        {
            document["servers"]!["partnerExchange"] = new JsonObject
            {
                ["host"] = $"{partnerExchange.Host}:{partnerExchange.Port}",
                ["protocol"] = "amqp",
                ["protocolVersion"] = "0.9.1",
                ["pathname"] = "/" + partnerExchange.VirtualHost,
                ["title"] = "The partner exchange on RabbitMQ",
                ["description"] = $"The virtual host `{partnerExchange.VirtualHost}` (the path): one durable topic exchange per service "
                    + $"({string.Join(", ", PartnerExchanges.All.Select(e => $"`{e}`"))}), routing key the event type. Declare durable "
                    + "queues named with your broker user's prefix (`<user>.<anything>`), bind them from the exchanges of your scopes, "
                    + "consume and acknowledge; nothing else is allowed. Messages are persistent, `message-id` is the CloudEvent id.",
                ["security"] = new JsonArray(Ref("#/components/securitySchemes/partnerBrokerUser")),
            };
            document["components"]!["securitySchemes"]!["partnerBrokerUser"] = new JsonObject
            {
                ["type"] = "userPassword",
                ["description"] = "A partner's broker user and password from `POST /amqp-credentials` at the gateway server (the password "
                    + "is shown once; asking again replaces it, `DELETE /amqp-credentials` removes the user).",
            };
        }
        return document;
    }

    const string AmqpBindingVersion = "0.3.0";

    /// <summary>The id of a type's channel, message and (with <c>receive.</c>) operation on the partner exchange.</summary>
    public static string AmqpId(PublicEventType type) => "amqp." + type.Type;

    const string Description = """
        The public events of the network as a partner's receiver gets them.

        **Webhooks.** A partner subscribes with its token (`POST /subscriptions` at the gateway server: a URL and event-type
        filters) and gets a signing secret once. Each event is POSTed to the URL as a **CloudEvents 1.0** event in structured
        JSON mode (`application/cloudevents+json`), signed per **Standard Webhooks**: `webhook-id` (the event id, the same on
        every attempt: drop duplicates by it), `webhook-timestamp` (Unix seconds) and `webhook-signature`
        (`v1,<base64 HMAC-SHA256 of id.timestamp.body>`, one per valid secret, space-separated, during a secret rotation).
        Delivery is at least once, in order per entity (the `subject`), retried with backoff for 3 days; answer 2xx to accept.

        **AMQP.** A partner that prefers a queue gets a broker user (`POST /amqp-credentials`: the password once) on the
        partner exchange server, declares durable queues named with its prefix, binds them from its services' topic exchanges
        (routing key = type, e.g. `network.directory.#`) and consumes: the same CloudEvent as the webhook body (structured
        JSON, `application/cloudevents+json`), persistent, `message-id` = the CloudEvent id. At least once, in order per entity
        in the feed's order; only what is published after the binding reaches a queue (replay the rest).

        **Replay.** A partner that was down or is new lists what it may see with `GET /events?after=<sequence>` (or
        `since=<time>`, filtered by `type`, paged) at the gateway server: the same attributes and `data`, oldest first.
        Order an entity's events by `sourceversion`.

        A breaking change of a payload is a new type (`.v2`); fields are only added within a version.
        """;

    /// <param name="webhook">With the Standard Webhooks headers; over AMQP, with the AMQP message binding instead.</param>
    static JsonObject Message(PublicEventType type, bool webhook = true)
    {
        var message = new JsonObject
        {
            ["name"] = type.Type,
            ["title"] = type.Type,
            ["summary"] = type.Description,
            ["contentType"] = CloudEventsContentType,
            ["tags"] = new JsonArray(new JsonObject { ["name"] = type.Service }),
        };
        if (webhook) message["headers"] = Ref("#/components/schemas/StandardWebhooksHeaders");
        else message["bindings"] = new JsonObject { ["amqp"] = new JsonObject { ["messageType"] = type.Type, ["bindingVersion"] = AmqpBindingVersion } };
        message["payload"] = Envelope(type);
        return message;
    }

    /// <summary>The structured-mode CloudEvent as <see cref="PublicCloudEvents.From"/> builds it.</summary>
    static JsonObject Envelope(PublicEventType type) => new()
    {
        ["type"] = "object",
        ["description"] = "A CloudEvents 1.0 event in structured JSON mode.",
        ["required"] = new JsonArray("specversion", "id", "source", "type", "subject", "time", "datacontenttype", "data", "sequence", "sourceversion"),
        ["properties"] = new JsonObject
        {
            ["specversion"] = new JsonObject { ["type"] = "string", ["const"] = "1.0" },
            ["id"] = new JsonObject { ["type"] = "string", ["format"] = "uuid", ["description"] = "The event's id, also `webhook-id`: the same on every attempt and redelivery." },
            ["source"] = new JsonObject { ["type"] = "string", ["const"] = $"/network/{type.Service}" },
            ["type"] = new JsonObject { ["type"] = "string", ["const"] = type.Type },
            ["subject"] = new JsonObject { ["type"] = "string", ["format"] = "uuid", ["description"] = $"The id of the {type.Entity} the event is about." },
            ["time"] = new JsonObject { ["type"] = "string", ["format"] = "date-time", ["description"] = "When it happened in its service." },
            ["datacontenttype"] = new JsonObject { ["type"] = "string", ["const"] = MediaTypeNames.Application.Json },
            ["data"] = Ref($"#/components/schemas/{type.Payload.Name}"),
            ["sequence"] = new JsonObject { ["type"] = "string", ["pattern"] = "^[0-9]+$", ["description"] = "The feed position: replay from it with `GET /events?after=`." },
            ["sourceversion"] = new JsonObject { ["type"] = "string", ["pattern"] = "^[0-9]+$", ["description"] = "The entity's version in its service: order an entity's events by it." },
            ["link"] = new JsonObject { ["type"] = "string", ["format"] = "uri", ["description"] = "The entity's public API address; absent when the entity is gone." },
        },
    };

    static JsonObject WebhookHeaders() => new()
    {
        ["type"] = "object",
        ["description"] = "The Standard Webhooks headers; verify the signature before trusting the body.",
        ["required"] = new JsonArray("webhook-id", "webhook-timestamp", "webhook-signature"),
        ["properties"] = new JsonObject
        {
            ["webhook-id"] = new JsonObject { ["type"] = "string", ["description"] = "The CloudEvent's id: the same on every attempt." },
            ["webhook-timestamp"] = new JsonObject { ["type"] = "string", ["pattern"] = "^[0-9]+$", ["description"] = "The attempt's time, Unix seconds." },
            ["webhook-signature"] = new JsonObject
            {
                ["type"] = "string",
                ["pattern"] = "^v1,[A-Za-z0-9+/]+={0,2}( v1,[A-Za-z0-9+/]+={0,2})*$",
                ["description"] = "`v1,` + base64 HMAC-SHA256 of `id.timestamp.body` with the secret (the base64 after `whsec_`), one per valid secret, space-separated.",
            },
        },
    };

    static JsonObject Ref(string pointer) => new() { ["$ref"] = pointer };
}
