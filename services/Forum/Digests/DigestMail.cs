using System.Text;
using Network.Forum.Following;
using Network.Forum.Notifications;
using Network.Platform.Time;

namespace Network.Forum.Digests;

/// <summary>The digest as a mail, in German and English (the platform's two languages), times in Berlin's local time.</summary>
public static class DigestMail
{
    public static string Subject(DigestComposed digest) => digest.Frequency == DigestFrequency.Weekly
        ? $"Network-Forum: Ihre Wochenübersicht / Your weekly digest ({Count(digest)})"
        : $"Network-Forum: Ihre Tagesübersicht / Your daily digest ({Count(digest)})";

    public static string Text(DigestComposed digest)
    {
        var text = new StringBuilder();
        text.AppendLine($"Neu im Network-Forum seit {Local(digest.From)}:").AppendLine();
        foreach (var item in digest.Items) Line(text, item, german: true);
        if (digest.MoreIsAtLeast) text.AppendLine($"... und mindestens {digest.More} weitere; alle: GET /api/forum/notifications/mine.");
        else if (digest.More > 0) text.AppendLine($"... und {digest.More} weitere.");
        text.AppendLine().AppendLine("Die Übersicht abbestellen: PUT /api/forum/notifications/mine/digest mit {\"frequency\": \"Off\"}.")
            .AppendLine().AppendLine("---").AppendLine();
        text.AppendLine($"New in the Network forum since {Local(digest.From)}:").AppendLine();
        foreach (var item in digest.Items) Line(text, item, german: false);
        if (digest.MoreIsAtLeast) text.AppendLine($"... and at least {digest.More} more; all of them: GET /api/forum/notifications/mine.");
        else if (digest.More > 0) text.AppendLine($"... and {digest.More} more.");
        text.AppendLine().AppendLine("To stop these digests: PUT /api/forum/notifications/mine/digest with {\"frequency\": \"Off\"}.");
        return text.ToString();
    }

    static void Line(StringBuilder text, DigestItem item, bool german)
    {
        var what = (item.Kind, german) switch
        {
            (NotificationKind.NewThread, true) => "Neues Thema",
            (NotificationKind.Reply, true) => "Antwort",
            (NotificationKind.Quote, true) => "Ihr Beitrag wurde zitiert",
            (NotificationKind.Mention, true) => "Ihre Organisation wurde erwähnt",
            (NotificationKind.NewThread, false) => "New thread",
            (NotificationKind.Reply, false) => "Reply",
            (NotificationKind.Quote, false) => "Your post was quoted",
            _ => "Your organisation was mentioned",
        };
        text.AppendLine($"- {what}: \"{item.ThreadTitle}\" ({(german ? item.Board.De : item.Board.En)}, {Local(item.At)})")
            .AppendLine($"  {item.Link}");
    }

    static string Count(DigestComposed digest) => $"{digest.Items.Count + digest.More}{(digest.MoreIsAtLeast ? "+" : "")}";

    static string Local(DateTimeOffset at) => BerlinTime.WallClock(at).ToString("dd.MM.yyyy HH:mm", System.Globalization.CultureInfo.InvariantCulture);
}
