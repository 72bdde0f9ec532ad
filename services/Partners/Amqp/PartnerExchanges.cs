using System.Text;
using System.Text.RegularExpressions;
using Network.Partners.Catalogue;

namespace Network.Partners.Amqp;

/// <summary>
/// The names on the partners' virtual host: one durable topic exchange per service (<c>network.partners.&lt;service&gt;</c>),
/// whose routing keys are the CloudEvents types, so a partner's broker user can be allowed exactly the services its scopes
/// allow; and each partner's own queues, named <c>&lt;broker user&gt;.&lt;anything&gt;</c>.
/// </summary>
public static partial class PartnerExchanges
{
    public const string Prefix = "network.partners.";

    public static string For(string service) => Prefix + service;

    public static IReadOnlyList<string> All { get; } = [.. PublicEvents.Services.Select(For)];

    /// <summary>
    /// A partner client's broker user. Identity names partner clients <c>partner-&lt;12 letters and digits&gt;</c>, which is
    /// already the <c>partner-</c> name the broker user needs, so the client id is the user name as it is; any other id gets
    /// the prefix. Only letters, digits, <c>-</c> and <c>_</c>: the name goes into the permissions' regular expressions.
    /// </summary>
    public static string BrokerUserName(string clientId)
    {
        if (!ClientId().IsMatch(clientId))
            throw new ArgumentException($"A partner client id of letters, digits, '-' and '_' is needed for a broker user, not '{clientId}'.", nameof(clientId));
        return clientId.StartsWith("partner-", StringComparison.Ordinal) ? clientId : "partner-" + clientId;
    }

    /// <summary>The names a partner's queues start with: its broker user and a dot.</summary>
    public static string QueuePrefix(string brokerUser) => brokerUser + ".";

    /// <summary>
    /// RabbitMQ's three regular expressions for a partner's user on the partners' virtual host. RabbitMQ checks
    /// <c>configure</c> for declaring and deleting a queue (or exchange), <c>write</c> for publishing to an exchange and for
    /// binding to a queue, <c>read</c> for consuming from a queue and for binding from an exchange. So the partner declares,
    /// binds and consumes only queues of its own prefix, binds them only from the exchanges of <paramref name="services"/>,
    /// and publishes to none of the partner exchanges (nor the default exchange, <c>amq.default</c>).
    /// </summary>
    public static (string Configure, string Write, string Read) Permissions(string brokerUser, IEnumerable<string> services)
    {
        var own = Escape(QueuePrefix(brokerUser)) + ".*";
        var exchanges = services.Select(For).Select(Escape).ToList();
        var read = exchanges.Count == 0 ? $"^{own}$" : $"^({string.Join('|', exchanges)}|{own})$";
        return ($"^{own}$", $"^{own}$", read);
    }

    /// <summary>Every character but a letter or digit escaped, as PCRE (RabbitMQ's regular expressions) reads it.</summary>
    static string Escape(string name)
    {
        var escaped = new StringBuilder();
        foreach (var c in name)
            escaped.Append(char.IsAsciiLetterOrDigit(c) ? c.ToString() : "\\" + c);
        return escaped.ToString();
    }

    [GeneratedRegex("^[A-Za-z0-9_-]{1,100}$")]
    private static partial Regex ClientId();
}
