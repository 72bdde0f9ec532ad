using Microsoft.Extensions.Options;
using Network.Platform.Messaging;

namespace Network.Partners.Amqp;

/// <summary>Where partners connect to the partner exchange: <see cref="AmqpOptions.PublicHost"/> and port, or the broker's own.</summary>
public sealed record PartnerExchangeAddress(string Host, int Port, string VirtualHost)
{
    public static PartnerExchangeAddress From(AmqpOptions options, IConfiguration configuration)
    {
        var broker = options.Broker ?? configuration.GetConnectionString(RabbitMqAddress.ConnectionStringName);
        var parsed = broker is null ? null : RabbitMqAddress.Parse(broker);
        return new PartnerExchangeAddress(options.PublicHost ?? parsed?.Host ?? "localhost", options.PublicPort ?? parsed?.Port ?? 5672, options.VirtualHost);
    }

    public string Uri(string user, string password) =>
        $"amqp://{System.Uri.EscapeDataString(user)}:{System.Uri.EscapeDataString(password)}@{Host}:{Port}/{System.Uri.EscapeDataString(VirtualHost)}";
}
