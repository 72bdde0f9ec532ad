using MailKit.Security;

namespace Network.Platform.Mail;

/// <summary>
/// The parts of the <c>mail</c> connection string, a URI: <c>smtp://host:port</c> (plain, as the local smtp4dev),
/// <c>smtp://user:password@host:587?starttls=true</c> (STARTTLS required) or <c>smtps://user:password@host</c>
/// (TLS from the first byte, port 465 by default). User and password are URI-escaped.
/// </summary>
public sealed record SmtpServerAddress(string Host, int Port, SecureSocketOptions Security, string? UserName, string? Password)
{
    public const string ConnectionStringName = "mail";

    private const string Expected =
        "an smtp://[user:password@]host[:port][?starttls=true] or smtps://[user:password@]host[:port] URI";

    /// <summary>Reads the connection string; throws <see cref="InvalidOperationException"/> naming what is wrong (never the password).</summary>
    public static SmtpServerAddress Parse(string? connectionString)
    {
        if (string.IsNullOrWhiteSpace(connectionString))
            throw new InvalidOperationException($"ConnectionStrings:{ConnectionStringName} is not set; it must be {Expected}.");
        if (!Uri.TryCreate(connectionString.Trim(), UriKind.Absolute, out var uri) || uri.Scheme is not ("smtp" or "smtps")
            || string.IsNullOrEmpty(uri.Host) || uri.AbsolutePath is not ("" or "/"))
            throw new InvalidOperationException($"ConnectionStrings:{ConnectionStringName} must be {Expected}.");

        var security = uri.Scheme == "smtps" ? SecureSocketOptions.SslOnConnect : SecureSocketOptions.None;
        foreach (var parameter in uri.Query.TrimStart('?').Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            security = (uri.Scheme, parameter.ToLowerInvariant()) switch
            {
                ("smtp", "starttls=true") => SecureSocketOptions.StartTls,
                ("smtp", "starttls=false") => SecureSocketOptions.None,
                _ => throw new InvalidOperationException(
                    $"ConnectionStrings:{ConnectionStringName} has an unknown option '{parameter}'; it must be {Expected}."),
            };
        }

        var credentials = uri.UserInfo.Split(':', 2);
        var userName = credentials[0].Length > 0 ? Uri.UnescapeDataString(credentials[0]) : null;
        var password = credentials.Length > 1 ? Uri.UnescapeDataString(credentials[1]) : null;
        if ((userName is null) != (password is null))
            throw new InvalidOperationException($"ConnectionStrings:{ConnectionStringName} needs both user and password, or neither.");

        var port = uri.IsDefaultPort || uri.Port <= 0 ? (security == SecureSocketOptions.SslOnConnect ? 465 : 25) : uri.Port;
        return new SmtpServerAddress(uri.Host, port, security, userName, password);
    }

    /// <summary>Never shows the password (records print every property).</summary>
    public override string ToString() => $"{(Security == SecureSocketOptions.SslOnConnect ? "smtps" : "smtp")}://{Host}:{Port}";
}
