namespace Network.Directory.Vocabularies;

/// <summary>The 17 Sustainable Development Goals of the 2030 Agenda.</summary>
public static class Sdgs
{
    public const int First = 1;
    public const int Last = 17;

    public static readonly IReadOnlyList<VocabularyEntry> Entries =
    [
        new("1", "No poverty", "Keine Armut"),
        new("2", "Zero hunger", "Kein Hunger"),
        new("3", "Good health and well-being", "Gesundheit und Wohlergehen"),
        new("4", "Quality education", "Hochwertige Bildung"),
        new("5", "Gender equality", "Geschlechtergleichheit"),
        new("6", "Clean water and sanitation", "Sauberes Wasser und Sanitäreinrichtungen"),
        new("7", "Affordable and clean energy", "Bezahlbare und saubere Energie"),
        new("8", "Decent work and economic growth", "Menschenwürdige Arbeit und Wirtschaftswachstum"),
        new("9", "Industry, innovation and infrastructure", "Industrie, Innovation und Infrastruktur"),
        new("10", "Reduced inequalities", "Weniger Ungleichheiten"),
        new("11", "Sustainable cities and communities", "Nachhaltige Städte und Gemeinden"),
        new("12", "Responsible consumption and production", "Nachhaltige/r Konsum und Produktion"),
        new("13", "Climate action", "Maßnahmen zum Klimaschutz"),
        new("14", "Life below water", "Leben unter Wasser"),
        new("15", "Life on land", "Leben an Land"),
        new("16", "Peace, justice and strong institutions", "Frieden, Gerechtigkeit und starke Institutionen"),
        new("17", "Partnerships for the goals", "Partnerschaften zur Erreichung der Ziele"),
    ];

    public static bool IsValid(int goal) => goal is >= First and <= Last;
}
