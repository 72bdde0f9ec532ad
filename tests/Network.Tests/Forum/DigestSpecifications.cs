using Network.Forum.Boards;
using Network.Forum.Digests;
using Network.Forum.Following;
using Network.Forum.Notifications;
using Xunit;
using static Network.Forum.Following.DigestFrequency;

namespace Network.Tests.Forum;

/// <summary>A reader's digest choice and the windows of their digests: given these events, when this choice, then these events.</summary>
public class DigestSpecifications
{
    const string Person = "0190a000-0000-7000-8000-0000000000c1";
    static readonly Guid ReaderId = Reader.IdFor(Person);
    static readonly DateTimeOffset Now = new(2026, 12, 3, 18, 0, 0, TimeSpan.Zero);
    static readonly DigestSettings Settings = new();

    static Reader? Given(params object[] events) => events.Length == 0 ? null : Specification.Given<Reader>(events);

    static IReadOnlyList<object> Choose(Reader? reader, DigestFrequency frequency, DateTimeOffset? at = null) =>
        ChooseDigest.Decide(reader, ReaderId, Person, frequency, Settings, at ?? Now);

    static DigestComposed Composed(DateTimeOffset from, DateTimeOffset to, DigestFrequency frequency = Daily, int items = 1) =>
        new(ReaderId, Person, Guid.NewGuid(), frequency, from, to,
            [.. Enumerable.Range(0, items).Select(i => new DigestItem(NotificationKind.Reply, Guid.NewGuid(), "Titel", new BoardName("Brett", "Board"),
                Guid.NewGuid(), from.AddMinutes(i + 1), "http://localhost:5080/api/forum/threads/x"))],
            0, to + Settings.PeriodOf(frequency), to);

    [Fact]
    public void A_first_daily_digest_covers_from_the_choice_and_is_due_a_day_later()
    {
        var chosen = Assert.IsType<DigestChosen>(Assert.Single(Choose(Given(), Daily)));
        Assert.Equal((Daily, Now, Now.AddDays(1)), (chosen.Frequency, chosen.CoversFrom, chosen.DueAt));
        var reader = Given(chosen)!;
        Assert.Equal((Daily, Now.AddDays(1)), (reader.Digest, reader.DigestDueAt));
    }

    [Fact]
    public void Choosing_what_one_has_changes_nothing_and_off_without_a_digest_is_nothing()
    {
        Assert.Empty(Choose(Given(), Off));
        var daily = Given(Choose(Given(), Daily).ToArray());
        Assert.Empty(Choose(daily, Daily, Now.AddHours(3)));
    }

    [Fact]
    public void A_composed_digest_moves_the_window_and_a_change_of_frequency_keeps_where_the_next_starts()
    {
        var chosen = Choose(Given(), Daily).Single();
        var sent = Composed(Now, Now.AddDays(1));
        var reader = Given(chosen, sent)!;
        Assert.Equal((Now.AddDays(1), Now.AddDays(2)), (reader.DigestCoversFrom, reader.DigestDueAt));

        var weekly = Assert.IsType<DigestChosen>(Assert.Single(Choose(reader, Weekly, Now.AddDays(1).AddHours(5))));
        Assert.Equal((Now.AddDays(1), Now.AddDays(8)), (weekly.CoversFrom, weekly.DueAt));
    }

    [Fact]
    public void Turned_off_there_is_no_next_digest_and_turned_on_again_it_starts_anew()
    {
        object[] history = [Choose(Given(), Daily).Single(), Composed(Now, Now.AddDays(1))];
        var off = Given([.. history, .. Choose(Given(history), Off, Now.AddDays(1).AddHours(1))])!;
        Assert.Equal((Off, (DateTimeOffset?)null), (off.Digest, off.DigestDueAt));

        var again = Assert.IsType<DigestChosen>(Assert.Single(Choose(off, Daily, Now.AddDays(5))));
        Assert.Equal((Now.AddDays(5), Now.AddDays(6)), (again.CoversFrom, again.DueAt));
    }

    [Fact]
    public void The_mail_names_each_item_in_both_languages_counts_what_did_not_fit_and_has_no_mail_for_an_empty_digest()
    {
        var digest = Composed(Now, Now.AddDays(1), items: 2) with { More = 3 };
        Assert.Equal("Network-Forum: Ihre Tagesübersicht / Your daily digest (5)", DigestMail.Subject(digest));
        var text = DigestMail.Text(digest);
        Assert.Equal(2, text.Split("Antwort: \"Titel\" (Brett,").Length - 1);
        Assert.Equal(2, text.Split("Reply: \"Titel\" (Board,").Length - 1);
        Assert.Contains("... und 3 weitere.", text);
        Assert.Contains("... and 3 more.", text);
        Assert.Contains("03.12.2026 19:00", text); // Berlin's local time

        var map = new Network.Forum.IntegrationEvents();
        Assert.Null(map.ToIntegrationEvent(new JasperFx.Events.Event<DigestComposed>(Composed(Now, Now.AddDays(1), items: 0))));
        var published = Assert.IsType<Network.Contracts.Forum.ForumDigestComposed>(
            map.ToIntegrationEvent(new JasperFx.Events.Event<DigestComposed>(digest)));
        Assert.Equal((Guid.Parse(Person), digest.DigestId, text), (published.PersonId, published.DigestId, published.TextBody));
    }

    [Fact]
    public void A_digest_that_read_as_many_notifications_as_it_may_says_there_are_at_least_that_many_more_and_where_to_see_them()
    {
        var digest = Composed(Now, Now.AddDays(1), items: 2) with { More = 470, MoreIsAtLeast = true };
        Assert.Equal("Network-Forum: Ihre Tagesübersicht / Your daily digest (472+)", DigestMail.Subject(digest));
        var text = DigestMail.Text(digest);
        Assert.Contains("... und mindestens 470 weitere; alle: GET /api/forum/notifications/mine.", text);
        Assert.Contains("... and at least 470 more; all of them: GET /api/forum/notifications/mine.", text);
        Assert.DoesNotContain("... and 470 more.", text);
    }
}
