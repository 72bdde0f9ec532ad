using System.Net.Sockets;
using MailKit;
using MailKit.Net.Smtp;
using MailKit.Security;
using MimeKit;
using MimeKit.Utils;

namespace Network.Platform.Mail;

/// <summary>
/// Sends each mail over its own SMTP connection (connect, authenticate when the address has a user, send, quit): the
/// platform sends few mails, and a fresh connection never meets one the server has dropped meanwhile.
/// </summary>
public sealed class MailKitMailSender(SmtpServerAddress server, MailboxAddress from) : IMailSender
{
    /// <summary>
    /// Bound of one whole send, and of each read or write in it: a request waiting for mail must not hang on a silent
    /// server. Local relays answer in milliseconds; 10 s leaves room for a slow TLS handshake.
    /// </summary>
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(10);

    public async Task SendAsync(OutgoingMail mail, CancellationToken ct)
    {
        var message = Compose(mail);
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(ct);
        deadline.CancelAfter(Timeout);
        using var client = new SmtpClient { Timeout = (int)Timeout.TotalMilliseconds };
        try
        {
            await client.ConnectAsync(server.Host, server.Port, server.Security, deadline.Token);
            if (server is { UserName: { } user, Password: { } password })
                await client.AuthenticateAsync(user, password, deadline.Token);
            await client.SendAsync(message, deadline.Token);
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            throw; // the caller gave up (request aborted): not the server's fault
        }
        catch (OperationCanceledException e)
        {
            throw new MailUnavailable($"The SMTP server {server} did not take the mail within {Timeout.TotalSeconds:0} s.", e);
        }
        catch (Exception e) when (IsServerFailure(e))
        {
            throw new MailUnavailable($"The SMTP server {server} did not take the mail: {e.Message}", e);
        }

        try
        {
            await client.DisconnectAsync(quit: true, deadline.Token);
        }
        catch (Exception e) when (IsServerFailure(e) || e is OperationCanceledException)
        {
            // The server has accepted the mail: failing now would make the caller send it twice.
        }
    }

    /// <summary>
    /// The server is unreachable, silent, broke the connection or refused (CommandException: e.g. a 5xx for the recipient;
    /// NotSupportedException: it lacks what the address needs, STARTTLS or SMTPUTF8). Anything else is a bug of ours.
    /// </summary>
    private static bool IsServerFailure(Exception e) =>
        e is SocketException or IOException or TimeoutException or SslHandshakeException or AuthenticationException
            or CommandException or ProtocolException or ServiceNotConnectedException or NotSupportedException;

    private MimeMessage Compose(OutgoingMail mail)
    {
        MailboxAddress to;
        try
        {
            to = new MailboxAddress(mail.ToName ?? "", mail.To);
        }
        catch (ParseException e)
        {
            throw new ArgumentException($"'{mail.To}' is not a mail address.", nameof(mail), e);
        }
        var message = new MimeMessage
        {
            Subject = mail.Subject,
            Body = new BodyBuilder { TextBody = mail.TextBody, HtmlBody = mail.HtmlBody }.ToMessageBody(),
            // By default MimeKit names this machine's host; the sender's domain is what receiving servers expect.
            MessageId = MimeUtils.GenerateMessageId(from.Domain),
        };
        message.From.Add(from);
        message.To.Add(to);
        return message;
    }
}
