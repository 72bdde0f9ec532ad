namespace Network.Contracts.Knowledge;

// What the Knowledge service tells others. Thin: ids, type, titles and the classification a subscriber filters on;
// the content itself is read from GET /api/knowledge/items/{id}. Version is the item's stream version (order per item).

/// <summary>An organisation submitted an item for review (staff are told).</summary>
public sealed record KnowledgeItemSubmitted(Guid ItemId, string Type, Guid? OrganisationId, int Revision, long Version, DateTimeOffset At);

/// <summary>An item became public, at this revision.</summary>
public sealed record KnowledgeItemPublished(
    Guid ItemId, string Type, string? TitleDe, string? TitleEn, Guid? OrganisationId, IReadOnlyList<Guid> Organisations,
    IReadOnlyList<string> Themes, IReadOnlyList<int> Sdgs, string? MunicipalityAgs, int Revision, long Version, DateTimeOffset At);

/// <summary>A published item was taken out of public view (no longer current).</summary>
public sealed record KnowledgeItemArchived(Guid ItemId, string Reason, long Version, DateTimeOffset At);

/// <summary>
/// The Knowledge service's answer to the Directory's PersonErased: the person's name is gone from the authors of its
/// items' events, revisions and history, in the transaction that recorded PersonErased as handled.
/// </summary>
public sealed record PersonalDataErasureConfirmed(Guid PersonId, DateTimeOffset ConfirmedAt);
