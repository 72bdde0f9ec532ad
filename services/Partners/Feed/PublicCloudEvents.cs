using System.Globalization;
using System.Net.Mime;
using CloudNative.CloudEvents;
using CloudNative.CloudEvents.SystemTextJson;

namespace Network.Partners.Feed;

/// <summary>
/// A feed event as partners get it, by webhook and over AMQP alike: a CloudEvents 1.0 event in structured JSON mode, built and
/// encoded with CloudNative.CloudEvents and its System.Text.Json formatter.
/// </summary>
public static class PublicCloudEvents
{
    public const string ContentType = "application/cloudevents+json";
    static readonly JsonEventFormatter Formatter = new();

    public static CloudEvent From(PartnerEvent e, long position) => new(CloudEventsSpecVersion.V1_0)
    {
        Id = e.Id.ToString(),
        Type = e.Type,
        Source = new Uri($"/network/{e.Service}", UriKind.Relative),
        Subject = e.Subject.ToString(),
        Time = e.OccurredAt,
        DataContentType = MediaTypeNames.Application.Json,
        Data = e.Data,
        // Extension attributes (lower-case alphanumerics): the feed position to replay from, and the entity's version.
        ["sequence"] = position.ToString(CultureInfo.InvariantCulture),
        ["sourceversion"] = e.SourceVersion.ToString(CultureInfo.InvariantCulture),
        ["link"] = e.Link,
    };

    /// <summary>The structured-mode body and its content type (<c>application/cloudevents+json</c>).</summary>
    public static (byte[] Body, string ContentType) Encode(CloudEvent cloudEvent)
    {
        var body = Formatter.EncodeStructuredModeMessage(cloudEvent, out var contentType);
        return (body.ToArray(), contentType.ToString());
    }
}
