namespace Network.Knowledge.Items;

/// <summary>What can happen to a knowledge item: the events of its stream (the snapshot takes only these).</summary>
public interface IKnowledgeItemEvent;

// Domain events of an item's stream: small, past tense, who (the actor's subject and name) and when. A revision
// carries the whole content it made current, so every version can be shown and compared without a replay.
/// <param name="Sources">Where the item came from (a promoted forum thread), kept with it as its provenance.</param>
public sealed record ItemDrafted(Guid ItemId, ItemType Type, Guid? OrganisationId, ItemContent Content, string By, string ByName, DateTimeOffset At,
    IReadOnlyList<SourceLink>? Sources = null) : IKnowledgeItemEvent;
public sealed record ItemRevised(Guid ItemId, int Revision, ItemContent Content, string By, string ByName, DateTimeOffset At) : IKnowledgeItemEvent;
/// <summary>Carries the item's type and organisation for the integration event (staff are told).</summary>
public sealed record ItemSubmitted(Guid ItemId, ItemType Type, Guid? OrganisationId, int Revision, string By, string ByName, DateTimeOffset At) : IKnowledgeItemEvent;
public sealed record ReviewStarted(Guid ItemId, int Revision, string By, string ByName, DateTimeOffset At) : IKnowledgeItemEvent;
public sealed record ReviewCommented(Guid ItemId, int Revision, string Comment, string By, string ByName, DateTimeOffset At) : IKnowledgeItemEvent;
public sealed record ChangesRequested(Guid ItemId, int Revision, string Reason, string By, string ByName, DateTimeOffset At) : IKnowledgeItemEvent;
/// <summary>Carries what was published (for the integration event and the public read).</summary>
public sealed record ItemPublished(Guid ItemId, ItemType Type, Guid? OrganisationId, int Revision, ItemContent Content, string By, string ByName, DateTimeOffset At) : IKnowledgeItemEvent;
public sealed record ItemArchived(Guid ItemId, string Reason, string By, string ByName, DateTimeOffset At) : IKnowledgeItemEvent;
/// <summary>A publication's file (a PDF) was attached or replaced: what readers are told about it (the bytes are in <c>knowledge_file</c>).</summary>
public sealed record PublicationFileAttached(Guid ItemId, PublicationFile File, string By, string ByName, DateTimeOffset At) : IKnowledgeItemEvent;
