using Network.Platform.Mail;

namespace Network.Identity.Accounts;

/// <summary>The texts of the provider's mails, in German and English (the platform's two languages).</summary>
public static class AccountMails
{
    public static OutgoingMail Invitation(Account account, string link, TimeSpan lifetime) => new(
        account.Email!,
        "Ihre Einladung zum Network / Your invitation to Network",
        $"""
        Hallo {account.DisplayName},

        Sie wurden eingeladen, sich beim Network anzumelden. Legen Sie hier Ihr Passwort fest
        (der Link gilt {Days(lifetime)} Tage und nur einmal):

        {link}

        ---

        Hello {account.DisplayName},

        you have been invited to sign in to Network. Set your password here
        (the link works once, for {Days(lifetime)} days):

        {link}
        """,
        ToName: account.DisplayName);

    public static OutgoingMail PasswordReset(Account account, string link, TimeSpan lifetime) => new(
        account.Email!,
        "Passwort zurücksetzen / Reset your Network password",
        $"""
        Hallo {account.DisplayName},

        jemand (hoffentlich Sie) möchte Ihr Passwort beim Network zurücksetzen. Der Link gilt
        {Minutes(lifetime)} Minuten und nur einmal:

        {link}

        Wenn Sie das nicht waren, ignorieren Sie diese Nachricht; Ihr Passwort bleibt, wie es ist.

        ---

        Hello {account.DisplayName},

        someone (hopefully you) asked to reset your Network password. The link works once, for
        {Minutes(lifetime)} minutes:

        {link}

        If that was not you, ignore this message; your password stays as it is.
        """,
        ToName: account.DisplayName);

    static int Days(TimeSpan t) => (int)Math.Round(t.TotalDays);
    static int Minutes(TimeSpan t) => (int)Math.Round(t.TotalMinutes);
}
