using Network.Platform.Text;
using Network.Directory.Organisations;
using Network.Directory.Organisations.Registering;

namespace Network.Bench.Directory;

/// <summary>
/// A reproducible set of organisations (fixed seed): names and descriptions in German and English drawn from word
/// lists, spread over 40 municipalities in all 16 federal states (the five pilot cities weighted up), with kinds,
/// themes, countries, languages and SDGs. Roughly 70 % end up verified, 10 % members-only, 2 % archived.
/// </summary>
public static class Workload
{
    public static readonly string[] Municipalities =
    [
        "05314000", "01002000", "14713000", "09162000", "05358008", // the pilot cities
        "11000000", "02000000", "06412000", "08111000", "05315000", "05111000", "05913000", "05113000", "03241001",
        "04011000", "14612000", "09564000", "08221000", "08212000", "06414000", "07315000", "10041100", "12054000",
        "13003000", "15003000", "16051000", "01003000", "03403000", "05334002", "05512000", "06611000", "07111000",
        "08311000", "09761000", "09362000", "12051000", "13004000", "15002000", "16053000", "03101000",
    ];

    static readonly string[] Prefixes = ["Afrika", "Sankofa", "Andenbrücke", "Eine Welt", "Weltladen", "Kulturbrücke", "Diaspora", "Sahel", "Mekong", "Karibik", "Nord-Süd", "Solidarität", "Zukunft", "Brücken", "Horizont"];
    static readonly string[] Forms = ["e.V.", "Verein", "Netzwerk", "Initiative", "Forum", "Stiftung", "Gruppe", "Kollektiv", "Bündnis", "Zentrum"];
    static readonly string[] GermanPhrases =
    [
        "Wir fördern Bildung und Ausbildung für Jugendliche in Ghana und Deutschland.",
        "Der Verein unterstützt Migrantinnen und Migranten bei der Integration und Teilhabe.",
        "Entwicklungszusammenarbeit auf kommunaler Ebene mit Partnerstädten in Westafrika.",
        "Fairer Handel, faire Beschaffung und Klimagerechtigkeit in unserer Stadt.",
        "Gesundheitsprojekte und Wasserversorgung in ländlichen Regionen.",
        "Globales Lernen an Schulen: Workshops, Ausstellungen und Vorträge.",
        "Kulturveranstaltungen, Musik und Begegnungen zwischen Diaspora und Stadtgesellschaft.",
        "Beratung von Vereinen zu Förderanträgen und Organisationsentwicklung.",
    ];
    static readonly string[] EnglishPhrases =
    [
        "We support education and vocational training for young people in Ghana and Germany.",
        "The association helps migrants with integration and participation.",
        "Development cooperation at municipal level with partner cities in West Africa.",
        "Fair trade, fair procurement and climate justice in our city.",
        "Health projects and water supply in rural regions.",
        "Global learning in schools: workshops, exhibitions and talks.",
        "Cultural events, music and encounters between the diaspora and the city.",
        "Advice for associations on funding applications and organisational development.",
    ];
    static readonly string[] Themes =
    [
        "migration-and-development", "diaspora-engagement", "integration", "global-learning", "municipal-partnerships",
        "agenda-2030", "fair-trade", "climate-justice", "education", "health", "economic-development", "youth", "culture",
    ];
    static readonly string[] Countries = ["GH", "NG", "SN", "CM", "KE", "ET", "PE", "BO", "CO", "VN", "AF", "SY", "TR", "MA", "TZ"];
    static readonly string[] Languages = ["de", "en", "fr", "ar", "tw", "es", "pt", "vi", "fa", "tr"];

    public sealed record Item(Guid Id, RegisterOrganisationRequest Request, bool Verify, bool Archive);

    public static IReadOnlyList<Item> Generate(int count, int seed = 20261126)
    {
        var random = new Random(seed);
        var kinds = Enum.GetValues<OrganisationKind>();
        T Pick<T>(IReadOnlyList<T> from) => from[random.Next(from.Count)];
        List<T> Some<T>(IReadOnlyList<T> from, int max) => Enumerable.Range(0, random.Next(1, max + 1)).Select(_ => Pick(from)).Distinct().ToList();

        var items = new List<Item>(count);
        for (var i = 0; i < count; i++)
        {
            // Half of the organisations in the five pilot cities, the rest spread over the others.
            var ags = random.NextDouble() < 0.5 ? Municipalities[random.Next(5)] : Pick(Municipalities);
            var phrase = random.Next(GermanPhrases.Length);
            var request = new RegisterOrganisationRequest(
                Name: $"{Pick(Prefixes)} {Pick(Forms)} {i:D5}",
                Kind: Pick(kinds),
                MunicipalityAgs: ags,
                ShortDescription: GermanPhrases[phrase].Split(':')[0],
                Description: new LocalizedText(GermanPhrases[phrase] + " " + Pick(GermanPhrases), EnglishPhrases[phrase] + " " + Pick(EnglishPhrases)),
                Website: $"https://example.org/bench/{i}",
                Countries: Some(Countries, 3),
                Themes: Some(Themes, 4),
                Languages: ["de", .. Some(Languages, 2).Where(l => l != "de")],
                Sdgs: Some(Enumerable.Range(1, 17).ToList(), 4).Order().ToList(),
                ContactEmail: $"kontakt{i}@example.org",
                Visibility: random.NextDouble() < 0.1 ? Visibility.Members : Visibility.Public);
            items.Add(new Item(Guid.CreateVersion7(), request, Verify: random.NextDouble() < 0.7, Archive: random.NextDouble() < 0.02));
        }
        return items;
    }
}
