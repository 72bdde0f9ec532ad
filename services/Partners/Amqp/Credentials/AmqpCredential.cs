namespace Network.Partners.Amqp.Credentials;

/// <summary>
/// That a partner has a broker user on the partner exchange, for which services, since when. Never its password: RabbitMQ
/// keeps only a salted hash of it, and the service shows it once, in the answer that made it.
/// </summary>
public sealed class AmqpCredential
{
    /// <summary>The partner client's id (its tokens' subject).</summary>
    public string Id { get; set; } = "";
    public string UserName { get; set; } = "";
    /// <summary>The services whose exchanges it may bind from: the scopes its token had when it asked.</summary>
    public List<string> Services { get; set; } = [];
    public DateTimeOffset CreatedAt { get; set; }
}

/// <summary>
/// A partner's broker user as the API shows it: where to connect, the exchanges it may bind its queues to (routing keys are
/// the CloudEvents types, e.g. <c>network.directory.#</c>), the prefix its queue names need.
/// </summary>
/// <param name="Password">Only in the answer that made it: it is never shown again.</param>
/// <param name="Uri">The same as an <c>amqp://</c> URI with the password, only in that answer.</param>
public sealed record AmqpCredentialResponse(string UserName, string Host, int Port, string VirtualHost, IReadOnlyList<string> Exchanges,
    string QueuePrefix, IReadOnlyList<string> Services, DateTimeOffset CreatedAt, string? Password = null, string? Uri = null)
{
    public static AmqpCredentialResponse From(AmqpCredential credential, PartnerExchangeAddress address, string? password = null) =>
        new(credential.UserName, address.Host, address.Port, address.VirtualHost, [.. credential.Services.Select(PartnerExchanges.For)],
            PartnerExchanges.QueuePrefix(credential.UserName), credential.Services, credential.CreatedAt, password,
            password is null ? null : address.Uri(credential.UserName, password));
}
