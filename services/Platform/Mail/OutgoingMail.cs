namespace Network.Platform.Mail;

/// <summary>
/// One mail to one person: a plain-text body every mail program shows, and optionally an HTML alternative.
/// <paramref name="To"/> is a bare address (<c>jane@example.org</c>); <paramref name="ToName"/> is shown beside it.
/// </summary>
public sealed record OutgoingMail(string To, string Subject, string TextBody, string? HtmlBody = null, string? ToName = null);

/// <summary>Sends the platform's mails (invitations, password resets) through the SMTP server of <c>ConnectionStrings:mail</c>.</summary>
public interface IMailSender
{
    /// <summary>
    /// Hands the mail to the SMTP server. Throws <see cref="MailUnavailable"/> when the server cannot be reached, does not
    /// answer in time or refuses the mail; <see cref="ArgumentException"/> when <see cref="OutgoingMail.To"/> is no address.
    /// </summary>
    Task SendAsync(OutgoingMail mail, CancellationToken ct);
}

/// <summary>
/// The mail could not be handed to the SMTP server (unreachable, too slow, or it refused): the caller may retry later,
/// so the problem handler answers 503 with Retry-After.
/// </summary>
public sealed class MailUnavailable(string message, Exception? inner = null) : Exception(message, inner);
