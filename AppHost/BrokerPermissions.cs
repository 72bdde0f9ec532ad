using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Aspire.Hosting.ApplicationModel;

namespace Network.AppHost;

/// <summary>
/// A service's rights on the broker, as RabbitMQ's three regular expressions over exchange and queue names, built on how the
/// platform names things (services/Platform/Messaging/MessagingSetup.cs): every queue and exchange of the service's own
/// receive endpoints (with their <c>_error</c> and <c>_skipped</c>, and its bus endpoint) starts with <c>&lt;service&gt;-</c>; a
/// published message type's exchange is its full name, <c>Network.Contracts.&lt;Owner&gt;:&lt;Type&gt;</c>, and a service publishes
/// only the contracts of its own namespace. RabbitMQ checks <c>configure</c> for declaring (and deleting) an exchange or
/// queue, <c>write</c> for publishing to an exchange and for binding to a queue or destination exchange, <c>read</c> for
/// consuming from a queue and for binding from a source exchange. So a service may declare and bind from every contract
/// exchange (to consume what it needs) but publish only to its own; docs/security.md lists what remains.
/// </summary>
internal sealed partial record BrokerPermissions(string Configure, string Write, string Read)
{
    public static BrokerPermissions For(string service)
    {
        if (!ServiceName().IsMatch(service))
            throw new ArgumentException($"A broker user is named after its service in lower-case letters, not '{service}'.", nameof(service));
        var own = $"{service}-.*";
        var publishes = $@"Network\.Contracts\.{char.ToUpperInvariant(service[0])}{service[1..]}:.+";
        const string anyContract = @"Network\.Contracts\.[A-Za-z0-9_.]+:.+";
        return new BrokerPermissions(
            Configure: $"^({own}|{anyContract})$",
            Write: $"^({own}|{publishes})$",
            Read: $"^({own}|{anyContract})$");
    }

    /// <summary>
    /// The Partners service on the partners' vhost: it declares the partner exchanges (<c>network.partners.&lt;service&gt;</c>) and
    /// publishes to them, and reads nothing there (services/Partners/Amqp/PartnerExchanges.cs; each partner's own user is made
    /// by the service through the management API, docs/partners.md).
    /// </summary>
    public static BrokerPermissions PartnerExchangePublisher { get; } = new(@"^network\.partners\..+$", @"^network\.partners\..+$", "^$");

    /// <summary>Everything on a vhost: the AppHost's administrator on <c>/</c>.</summary>
    public static BrokerPermissions All { get; } = new(".*", ".*", ".*");

    [GeneratedRegex("^[a-z]+$")]
    private static partial Regex ServiceName();
}

/// <summary>
/// A broker user: the administrator (the AppHost's health check), a service's, or the Partners broker administrator (the
/// management API's user that makes the partners' users), with its permissions per vhost (none: it may not open AMQP there).
/// </summary>
internal sealed record BrokerUser(string Name, ParameterResource Password, bool Administrator)
{
    public Dictionary<string, BrokerPermissions> Permissions { get; } = new(StringComparer.Ordinal);
}

/// <summary>RabbitMQ's definitions file (users, the vhost, permissions), which the broker imports on every boot.</summary>
internal static class BrokerDefinitions
{
    /// <param name="virtualHosts">The vhosts besides <c>/</c> (the partners').</param>
    public static async Task WriteAsync(string path, BrokerUser administrator, IEnumerable<BrokerUser> services, IEnumerable<string> virtualHosts,
        CancellationToken cancellationToken)
    {
        var users = new List<object>();
        var permissions = new List<object>();
        foreach (var user in services.Prepend(administrator))
        {
            var password = await user.Password.GetValueAsync(cancellationToken)
                ?? throw new InvalidOperationException($"The password parameter of broker user '{user.Name}' has no value.");
            users.Add(new Dictionary<string, object>
            {
                ["name"] = user.Name,
                ["password_hash"] = PasswordHash(password),
                ["hashing_algorithm"] = "rabbit_password_hashing_sha256",
                ["tags"] = user.Administrator ? new[] { "administrator" } : Array.Empty<string>(),
                ["limits"] = new Dictionary<string, object>(),
            });
            foreach (var (vhost, rights) in user.Permissions)
                permissions.Add(new Dictionary<string, string>
                {
                    ["user"] = user.Name, ["vhost"] = vhost, ["configure"] = rights.Configure, ["write"] = rights.Write, ["read"] = rights.Read,
                });
        }

        var json = JsonSerializer.Serialize(new Dictionary<string, object>
        {
            ["users"] = users,
            ["vhosts"] = virtualHosts.Prepend("/").Distinct().Select(name => new Dictionary<string, string> { ["name"] = name }).ToArray(),
            ["permissions"] = permissions,
        }, new JsonSerializerOptions { WriteIndented = true });
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        await File.WriteAllTextAsync(path, json, cancellationToken);
        if (!OperatingSystem.IsWindows())
            File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
    }

    /// <summary>rabbit_password_hashing_sha256: base64(salt ++ sha256(salt ++ password)), with a 4-byte random salt.</summary>
    static string PasswordHash(string password)
    {
        var salt = RandomNumberGenerator.GetBytes(4);
        var digest = SHA256.HashData([.. salt, .. Encoding.UTF8.GetBytes(password)]);
        return Convert.ToBase64String([.. salt, .. digest]);
    }
}
