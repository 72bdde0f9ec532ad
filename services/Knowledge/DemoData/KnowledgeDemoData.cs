using Marten;
using Marten.Schema;
using Network.Knowledge.Items;
using Network.Platform.DemoData;
using Network.Platform.Text;

namespace Network.Knowledge.DemoData;

/// <summary>
/// A few clearly fictional good practices, a publication and an article from the pilot cities, linked to the Directory's
/// demo organisations and the Events service's demo events by their fixed ids (<see cref="DemoIds"/>), published. Loaded at start-up when
/// <c>Knowledge:LoadDemoData</c> is true (the AppHost passes it with the Directory's); each item's stream starts with the
/// same events the endpoints append, under a fixed id, so a second load or a second replica leaves it alone.
/// </summary>
public sealed class KnowledgeDemoData(TimeProvider clock, ILogger<KnowledgeDemoData> logger) : IInitialData
{
    public const string ConfigurationKey = "Knowledge:LoadDemoData";
    const string By = "demo-data", ByName = "Demo data";

    sealed record Demo(string Key, ItemType Type, string OrganisationKey, ItemContent Content);

    /// <param name="events">Keys of the Events service's demo events the practice came out of (held and documented there).</param>
    static ItemContent GoodPractice(string de, string en, string summaryDe, string summaryEn, string activitiesDe, string activitiesEn,
        string ags, string[] organisations, string[] themes, int[] sdgs, string[] countries, string[]? events = null) =>
        new(new LocalizedText(de, en), new LocalizedText(summaryDe, summaryEn),
            new Dictionary<string, LocalizedText> { ["activities"] = new(activitiesDe, activitiesEn) },
            ags, [.. organisations.Select(DemoIds.Organisation)], themes, sdgs, countries)
        { Events = [.. (events ?? []).Select(DemoIds.Event)] };

    static readonly Demo[] Items =
    [
        new("bonn-werkstaetten", ItemType.GoodPractice, "bonn-sankofa", GoodPractice(
            "Werkstätten für Vereine im Netzwerk Bonn (fictional)", "Workshops for associations in the Bonn network (fictional)",
            "Stadt und Migrantenorganisationen planen Projekte mit Ghana gemeinsam.", "The city and migrant organisations plan projects with Ghana together.",
            "Monatliche Werkstätten zu Förderanträgen, begleitet vom Amt für Integration.", "Monthly workshops on funding applications, supported by the integration office.",
            "05314000", ["bonn-sankofa", "bonn-integration"], ["education"], [4, 17], ["GH"], events: ["bonn-werkstatt-foerderantraege"])),
        new("kiel-hafenkueche", ItemType.GoodPractice, "kiel-ostafrika", GoodPractice(
            "Kochen für Klimagerechtigkeit in Kiel (fictional)", "Cooking for climate justice in Kiel (fictional)",
            "Ein Kochabend verbindet Bildungsarbeit mit den Partnerschaften nach Tansania.", "A cooking evening links education work with partnerships in Tanzania.",
            "Vereine kochen Gerichte aus Ostafrika und sprechen über Klimafolgen.", "Associations cook East African dishes and talk about climate impacts.",
            "01002000", ["kiel-ostafrika", "kiel-weltladen"], ["climate"], [13, 2], ["TZ"], events: ["kiel-kochabend-klima"])),
        new("leipzig-beratung", ItemType.GoodPractice, "leipzig-vietnam", GoodPractice(
            "Mehrsprachige Beratung im Netzwerk Leipzig (fictional)", "Multilingual advice in the Leipzig network (fictional)",
            "Migrantenorganisationen beraten neue Vereine in ihren Sprachen.", "Migrant organisations advise new associations in their languages.",
            "Sprechstunden auf Vietnamesisch und Portugiesisch mit dem Referat Migration.", "Office hours in Vietnamese and Portuguese with the migration office.",
            "14713000", ["leipzig-vietnam", "leipzig-mosambik", "leipzig-integration"], ["migration"], [10, 16], ["VN", "MZ"])),
        new("leitfaden", ItemType.Publication, "kiel-dachverband", new ItemContent(
            new LocalizedText("Leitfaden kommunale Entwicklungspolitik mit Migrantenorganisationen (fictional)", "Guide to municipal development policy with migrant organisations (fictional)"),
            new LocalizedText("Was Kommunen und Vereine voneinander brauchen.", "What municipalities and associations need from each other."),
            new Dictionary<string, LocalizedText> { ["abstract"] = new("Ein Leitfaden in zwölf Schritten, aus den Pilotstädten.", "A guide in twelve steps, from the pilot cities.") },
            null, [DemoIds.Organisation("kiel-dachverband")], ["migration", "education"], [17], [],
            Publication: new PublicationDetails(["A. Beispiel (fictional)", "B. Muster (fictional)"], 2025, "Netzwerk Migrantenorganisationen Nord (fictional)"))),
    ];

    public async Task Populate(IDocumentStore store, CancellationToken cancellation)
    {
        var at = clock.GetUtcNow();
        var created = 0;
        await using var session = store.LightweightSession();
        foreach (var demo in Items)
        {
            var id = DemoIds.Of("knowledge-item", demo.Key);
            if (await session.Events.FetchStreamStateAsync(id, cancellation) is not null) continue;
            var organisation = DemoIds.Organisation(demo.OrganisationKey);
            session.Events.StartStream<KnowledgeItem>(id,
                new ItemDrafted(id, demo.Type, organisation, demo.Content, By, ByName, at),
                new ItemSubmitted(id, demo.Type, organisation, 1, By, ByName, at),
                new ReviewStarted(id, 1, By, ByName, at),
                new ItemPublished(id, demo.Type, organisation, 1, demo.Content, By, ByName, at));
            created++;
        }
        await session.SaveChangesAsync(cancellation);
        logger.LogInformation("Demo data: published {Items} knowledge items (the rest was there already).", created);
    }
}

public static class KnowledgeDemoDataSetup
{
    public static WebApplicationBuilder AddDemoData(this WebApplicationBuilder builder)
    {
        if (builder.Configuration.GetValue<bool>(KnowledgeDemoData.ConfigurationKey))
            builder.Services.InitializeMartenWith<KnowledgeDemoData>();
        return builder;
    }
}
