namespace Network.Partners.Amqp;

/// <summary>
/// The partner exchange on RabbitMQ (section <c>Partners:Amqp</c>): a virtual host of its own where the service publishes
/// every feed event, and the broker administrator it creates the partners' broker users with.
/// </summary>
public sealed class AmqpOptions
{
    public const string Section = "Partners:Amqp";

    /// <summary>Off: no exchange, no publishing, and the credential endpoints answer 404.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>The partners' virtual host: only the partner exchanges and the partners' own queues live there.</summary>
    public string VirtualHost { get; set; } = "partners";

    /// <summary>
    /// The broker and the user the service publishes as, an <c>amqp://user:password@host:port/</c> URI (its path is ignored: the
    /// virtual host is <see cref="VirtualHost"/>); by default the service's own broker connection, <c>ConnectionStrings:rabbitmq</c>.
    /// </summary>
    public string? Broker { get; set; }

    /// <summary>Where partners connect, as the credentials and the AsyncAPI document say; by default the broker's host and port.</summary>
    public string? PublicHost { get; set; }
    public int? PublicPort { get; set; }

    /// <summary>The RabbitMQ management HTTP API and the broker administrator that creates and deletes the partners' users.</summary>
    public ManagementOptions Management { get; set; } = new();

    /// <summary>How long one publish may wait for the broker's confirm before the page is tried again.</summary>
    public TimeSpan ConfirmTimeout { get; set; } = TimeSpan.FromSeconds(10);

    public sealed class ManagementOptions
    {
        /// <summary>The management API's base address, e.g. <c>http://127.0.0.1:15672/</c>.</summary>
        public Uri? Uri { get; set; }
        public string UserName { get; set; } = "";
        public string Password { get; set; } = "";
    }
}
