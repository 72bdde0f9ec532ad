namespace Network.Platform.Messaging;

/// <summary>The parts of the <c>rabbitmq</c> connection string (an <c>amqp://user:pass@host:port/vhost</c> URI).</summary>
public sealed record RabbitMqAddress(string Host, int Port, string VirtualHost, string UserName, string Password)
{
    public const string ConnectionStringName = "rabbitmq";

    public static RabbitMqAddress Parse(string connectionString)
    {
        if (!Uri.TryCreate(connectionString, UriKind.Absolute, out var uri) || uri.Scheme is not ("amqp" or "rabbitmq"))
            throw new InvalidOperationException("ConnectionStrings:rabbitmq must be an amqp://user:password@host:port/vhost URI.");

        var credentials = uri.UserInfo.Split(':', 2);
        var vhost = Uri.UnescapeDataString(uri.AbsolutePath.TrimStart('/'));
        return new RabbitMqAddress(
            uri.Host,
            uri.IsDefaultPort || uri.Port <= 0 ? 5672 : uri.Port,
            string.IsNullOrEmpty(vhost) ? "/" : vhost,
            credentials.Length > 0 && credentials[0].Length > 0 ? Uri.UnescapeDataString(credentials[0]) : "guest",
            credentials.Length > 1 ? Uri.UnescapeDataString(credentials[1]) : "guest");
    }
}
