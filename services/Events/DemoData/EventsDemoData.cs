using Marten;
using Marten.Schema;
using Network.Events.NetworkEvents;
using Network.Platform.DemoData;
using Network.Platform.Text;
using Network.Platform.Time;

namespace Network.Events.DemoData;

/// <summary>
/// A few clearly fictional events of the Directory's demo organisations (named by their fixed ids, <see cref="DemoIds"/>):
/// two that were held and documented some weeks before the first load, which the Knowledge service's demo good practices
/// name as where they came from, and two ahead, open for registration. Loaded at start-up when <c>Events:LoadDemoData</c>
/// is true (the AppHost passes it with the Directory's); each event's stream starts with the events the endpoints append,
/// under a fixed id, so a second load or a second replica leaves it alone. Dates are relative to the first load.
/// </summary>
public sealed class EventsDemoData(TimeProvider clock, ILogger<EventsDemoData> logger) : IInitialData
{
    public const string ConfigurationKey = "Events:LoadDemoData";
    const string By = "demo-data";

    /// <param name="DaysFromNow">Negative: held and documented that many days before the first load.</param>
    sealed record Demo(string Key, EventKind Kind, string OrganiserKey, string Ags, LocalizedText Title, LocalizedText Description, string Venue,
        string[] Themes, int DaysFromNow, int Capacity, LocalizedText? Documentation = null);

    static readonly Demo[] Events =
    [
        new("bonn-werkstatt-foerderantraege", EventKind.Training, "bonn-sankofa", "05314000",
            new("Werkstatt Förderanträge für Vereine (fictional)", "Workshop on funding applications for associations (fictional)"),
            new("Wie Vereine im Netzwerk Bonn Projekte mit Ghana beantragen.", "How associations in the Bonn network apply for projects with Ghana."),
            "Migrapolis, Bonn (fictional)", ["education"], DaysFromNow: -45, Capacity: 25,
            Documentation: new("Zwölf Vereine, drei Anträge; daraus entstanden die monatlichen Werkstätten.",
                "Twelve associations, three applications; the monthly workshops grew out of it.")),
        new("kiel-kochabend-klima", EventKind.RegionalEvent, "kiel-ostafrika", "01002000",
            new("Kochabend Klimagerechtigkeit (fictional)", "Cooking evening on climate justice (fictional)"),
            new("Gerichte aus Ostafrika und ein Gespräch über Klimafolgen in Tansania.", "East African dishes and a talk on climate impacts in Tanzania."),
            "Weltladen Kiel (fictional)", ["climate"], DaysFromNow: -30, Capacity: 40,
            Documentation: new("40 Gäste; der Weltladen und das Forum kochen nun jedes Quartal.", "40 guests; the world shop and the forum now cook every quarter.")),
        new("leipzig-sprechstunde", EventKind.NetworkingMeeting, "leipzig-vietnam", "14713000",
            new("Mehrsprachige Sprechstunde für neue Vereine (fictional)", "Multilingual office hours for new associations (fictional)"),
            new("Beratung auf Vietnamesisch und Portugiesisch mit dem Referat Migration.", "Advice in Vietnamese and Portuguese with the migration office."),
            "Referat Migration, Leipzig (fictional)", ["migration"], DaysFromNow: 21, Capacity: 15),
        new("bonn-netzwerktreffen", EventKind.NetworkingMeeting, "bonn-integration", "05314000",
            new("Netzwerktreffen Eine Welt Bonn (fictional)", "One World network meeting Bonn (fictional)"),
            new("Das Netzwerk Bonn plant das nächste Halbjahr.", "The Bonn network plans the next half-year."),
            "Altes Rathaus, Bonn (fictional)", ["education", "migration"], DaysFromNow: 35, Capacity: 60),
    ];

    public async Task Populate(IDocumentStore store, CancellationToken cancellation)
    {
        var now = clock.GetUtcNow();
        var created = 0;
        await using var session = store.LightweightSession();
        foreach (var demo in Events)
        {
            var id = DemoIds.Event(demo.Key);
            if (await session.Events.FetchStreamStateAsync(id, cancellation) is not null) continue;
            // 18:00 to 21:00 in Berlin on the day, registration open from four weeks before until the day before.
            var day = BerlinTime.WallClock(now).Date.AddDays(demo.DaysFromNow);
            var start = BerlinTime.At(day.AddHours(18));
            var end = start.AddHours(3);
            var details = new EventDetails(demo.Kind, demo.Title, demo.Description, start, end, demo.Ags, demo.Venue, null,
                DemoIds.Organisation(demo.OrganiserKey), ["de", "en"], demo.Capacity, start.AddDays(-28), start.AddDays(-1), null, null)
            { Themes = demo.Themes };
            var announced = demo.DaysFromNow < 0 ? start.AddDays(-30) : now;
            List<object> events = [new EventCreated(id, details, By, announced), new EventPublished(id, details, By, announced)];
            if (demo.Documentation is { } documentation)
                events.AddRange([new EventHeld(id, By, end.AddHours(1)),
                    new EventDocumented(id, $"{documentation.De} / {documentation.En}", [], By, end.AddDays(2))]);
            session.Events.StartStream<NetworkEvent>(id, events);
            created++;
        }
        await session.SaveChangesAsync(cancellation);
        logger.LogInformation("Demo data: published {Events} events (the rest was there already).", created);
    }
}

public static class EventsDemoDataSetup
{
    public static WebApplicationBuilder AddDemoData(this WebApplicationBuilder builder)
    {
        if (builder.Configuration.GetValue<bool>(EventsDemoData.ConfigurationKey))
            builder.Services.InitializeMartenWith<EventsDemoData>();
        return builder;
    }
}
