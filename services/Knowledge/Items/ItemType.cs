namespace Network.Knowledge.Items;

/// <summary>What a knowledge item is; each type has its own sections (<see cref="ItemSections"/>).</summary>
public enum ItemType
{
    GoodPractice,
    Publication,
    ExpertArticle,
    LessonLearned,
    CooperationProject,
    ActorProfile,
}

/// <summary>
/// Where an item is in its workflow: a member drafts for their organisation and submits; staff start the review,
/// comment, ask for changes (the author revises and submits again) or publish; staff archive what is no longer current.
/// </summary>
public enum ItemStatus
{
    Draft,
    Submitted,
    InReview,
    ChangesRequested,
    Published,
    Archived,
}
