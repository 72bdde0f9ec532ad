using System.Security.Cryptography;
using System.Text;
using Marten;
using Marten.Schema;
using Network.Forum.Boards;
using Network.Forum.Boards.Creating;
using Network.Forum.Posting;
using Network.Forum.Posts;
using Network.Forum.Posts.Replying;
using Network.Forum.Threads;
using Network.Forum.Threads.Starting;
using Network.Platform.Aggregates;

namespace Network.Forum.DemoData;

/// <summary>
/// Loads a few thematic boards with discussions at start-up when <c>Forum:LoadDemoData</c> is true (the AppHost passes it
/// with the Directory's demo network), clearly fictional, written by a fictional staff account. Everything goes through the
/// use cases' own decisions and is appended as their events. Idempotent and safe for replicas starting together: each item
/// has a fixed id derived from its key, and a board that exists is left alone. The local networks' boards open by
/// themselves from the Directory's demo networks.
/// </summary>
public sealed class ForumDemoData(TimeProvider clock, ILogger<ForumDemoData> logger) : IInitialData
{
    public const string ConfigurationKey = "Forum:LoadDemoData";

    /// <summary>Who wrote the demo discussions: a fictional member of staff.</summary>
    public static readonly Participant Author = new("demo-data", true, "Ada Demo (fictional staff)");

    sealed record DemoThread(string Key, string Title, string Language, string[] Posts);

    sealed record DemoBoard(string Key, string De, string En, string[] Themes, DemoThread[] Threads);

    static readonly DemoBoard[] Boards =
    [
        new("migration-and-development", "Migration und Entwicklung vor Ort (Demo)", "Migration and development at the local level (demo)",
            ["migration-and-development", "diaspora-engagement"],
            [
                new("first-steps", "Wie findet eine Stadt ihre Migrantenorganisationen?", "de",
                [
                    "In unserer (fiktiven) Stadt kannte das Integrationsamt nur drei Vereine. Wie seid ihr vorgegangen, um **alle** zu finden?",
                    "Wir haben mit einer Bestandsaufnahme angefangen: Vereinsregister, Moscheegemeinden, Kirchengemeinden, Sportvereine.",
                    "Bei uns half ein Workshop im Rathaus. Wichtig: Übersetzung und ein Termin am Abend.",
                ]),
                new("diaspora-projects", "Diaspora projects with partner municipalities", "en",
                [
                    "Which projects did your diaspora associations run with your partner municipality abroad? (A fictional example thread.)",
                    "A school partnership with Cape Coast: the association found the partner school, the city paid the travel.",
                ]),
            ]),
        new("global-learning", "Bildung und Globales Lernen (Demo)", "Education and global learning (demo)", ["global-learning", "education"],
            [
                new("school-visits", "Schulbesuche von Migrantenorganisationen", "de",
                [
                    "Migrantenorganisationen als Referentinnen in Schulen: Wer hat Erfahrungen mit Honoraren und Versicherung?",
                    "Wir zahlen über den Eine-Welt-Promotor*innen-Topf. Siehe https://example.org/foerderung (fiktiv).",
                ]),
            ]),
        new("funding", "Fördermittel und Finanzierung (Demo)", "Funding (demo)", ["capacity-building"],
            [
                new("small-grants", "Small grants for first projects", "en",
                [
                    "Which small-grant programmes work for associations without a full-time office? (Fictional demo thread.)",
                    "Start with the municipality's own fund; the paperwork is short and the office helps with the application.",
                ]),
            ]),
    ];

    public async Task Populate(IDocumentStore store, CancellationToken cancellation)
    {
        var (boards, threads) = await LoadAsync(store, clock.GetUtcNow(), cancellation);
        logger.LogInformation("Demo data: created {Boards} boards with {Threads} threads (the rest was there already).", boards, threads);
    }

    /// <summary>The fixed id of a demo item (a name-based Guid: SHA-256 of the key).</summary>
    public static Guid IdOf(string kind, string key) => new(SHA256.HashData(Encoding.UTF8.GetBytes($"network-forum-demo/{kind}/{key}"))[..16]);

    public static IReadOnlyList<Guid> BoardIds => [.. Boards.Select(b => IdOf("board", b.Key))];

    public async Task<(int Boards, int Threads)> LoadAsync(IDocumentStore store, DateTimeOffset at, CancellationToken ct)
    {
        var (boards, threads) = (0, 0);
        foreach (var demo in Boards)
        {
            var boardId = IdOf("board", demo.Key);
            await using var session = store.LightweightSession();
            if (await session.Events.FetchStreamStateAsync(boardId, ct) is not null) continue;
            session.Events.StartStream<Board>(boardId,
                [.. CreateBoard.Decide(boardId, new BoardName(demo.De, demo.En), demo.Themes, BoardVisibility.Public, new(Author.Id, Author.StaffName!), at)]);
            foreach (var thread in demo.Threads)
            {
                var threadId = IdOf("thread", $"{demo.Key}/{thread.Key}");
                var started = StartThread.Decide(threadId, IdOf("post", $"{demo.Key}/{thread.Key}/1"), boardId, thread.Title, Content(thread.Posts[0], thread.Language),
                    Author, null, at);
                var state = Aggregate.Fold<ForumThread>(null, started)!;
                var events = new List<object>(started);
                for (var n = 1; n < thread.Posts.Length; n++)
                {
                    var reply = ReplyToThread.Decide(state, null, null, IdOf("post", $"{demo.Key}/{thread.Key}/{n + 1}"), Content(thread.Posts[n], thread.Language),
                        Author, null, at.AddMinutes(n));
                    state = Aggregate.Fold(state, reply)!;
                    events.AddRange(reply);
                }
                session.Events.StartStream<ForumThread>(threadId, [.. events]);
                threads++;
            }
            await session.SaveChangesAsync(ct);
            boards++;
        }
        return (boards, threads);
    }

    static PostContent Content(string source, string language) =>
        new PostDraft(source, language, []).Render(null, out _);
}

public static class ForumDemoDataSetup
{
    public static WebApplicationBuilder AddForumDemoData(this WebApplicationBuilder builder)
    {
        if (builder.Configuration.GetValue<bool>(ForumDemoData.ConfigurationKey))
            builder.Services.InitializeMartenWith<ForumDemoData>();
        return builder;
    }
}
