namespace Network.Knowledge.Items;

/// <summary>
/// The text sections of each type, by key (the API's <c>sections</c> object), in the order they are shown. A good
/// practice follows the structure of Connective Cities' and the JMDI toolbox's practice sheets; the others have a body.
/// </summary>
public static class ItemSections
{
    public static IReadOnlyList<string> Of(ItemType type) => type switch
    {
        ItemType.GoodPractice => ["startingSituation", "activities", "results", "lessonsLearned", "transferability", "resources", "contacts"],
        ItemType.Publication => ["abstract"],
        ItemType.ExpertArticle => ["body"],
        ItemType.LessonLearned => ["context", "lesson"],
        ItemType.CooperationProject => ["description"],
        ItemType.ActorProfile => ["description"],
        _ => [],
    };
}
