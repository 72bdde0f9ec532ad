using System.Text;
using Network.Platform.Aggregates;

namespace Network.Knowledge.Items;

/// <summary>
/// A knowledge item (good practice, publication, article, ...) and where it is in its workflow. The snapshot holds the
/// current content only; every earlier revision is a document of its own (<see cref="ItemRevision"/>) and the history
/// a list of entries (<see cref="ItemHistoryEntry"/>), so the snapshot does not grow with the item's history.
/// The stream version is the ETag.
/// </summary>
public sealed record KnowledgeItem : IAggregate<KnowledgeItem>
{
    public Guid Id { get; init; }
    public ItemType Type { get; init; }
    public ItemStatus Status { get; init; }

    /// <summary>The organisation the item was drafted for (whose members may edit and submit it); none when staff drafted it alone.</summary>
    public Guid? OrganisationId { get; init; }
    public string CreatedBy { get; init; } = "";
    public DateTimeOffset CreatedAt { get; init; }
    public DateTimeOffset UpdatedAt { get; init; }
    public int Revision { get; init; }
    public ItemContent Content { get; init; } = null!;
    public int? PublishedRevision { get; init; }
    public DateTimeOffset? PublishedAt { get; init; }
    public string? LastReviewNote { get; init; }

    /// <summary>A publication's PDF, once attached.</summary>
    public PublicationFile? File { get; init; }

    /// <summary>Where the item came from (a promoted forum thread): its provenance.</summary>
    public IReadOnlyList<SourceLink> Sources { get; init; } = [];

    /// <summary>The German and English texts of the content in one string each, for search (Searching/SearchRows stems them; set by the fold).</summary>
    public string SearchGerman { get; init; } = "";
    public string SearchEnglish { get; init; } = "";

    /// <summary>The languages the content has text in (a search facet; set by the fold).</summary>
    public IReadOnlyList<string> Languages { get; init; } = [];
    public long Version { get; set; }

    public bool IsPublic => Status == ItemStatus.Published;

    public static KnowledgeItem? When(KnowledgeItem? state, object @event) => (state, @event) switch
    {
        (_, ItemDrafted e) => WithContent(new KnowledgeItem
        {
            Id = e.ItemId, Type = e.Type, Status = ItemStatus.Draft, OrganisationId = e.OrganisationId, CreatedBy = e.By,
            CreatedAt = e.At, UpdatedAt = e.At, Revision = 1, Sources = e.Sources ?? [],
        }, e.Content),
        (null, _) => null,
        (_, ItemRevised e) => WithContent(state with { Revision = e.Revision, UpdatedAt = e.At }, e.Content),
        (_, ItemSubmitted e) => state with { Status = ItemStatus.Submitted, UpdatedAt = e.At },
        (_, ReviewStarted e) => state with { Status = ItemStatus.InReview, UpdatedAt = e.At },
        (_, ReviewCommented e) => state with { UpdatedAt = e.At },
        (_, ChangesRequested e) => state with { Status = ItemStatus.ChangesRequested, LastReviewNote = e.Reason, UpdatedAt = e.At },
        (_, ItemPublished e) => state with { Status = ItemStatus.Published, PublishedRevision = e.Revision, PublishedAt = e.At, UpdatedAt = e.At },
        (_, ItemArchived e) => state with { Status = ItemStatus.Archived, UpdatedAt = e.At },
        (_, PublicationFileAttached e) => state with { File = e.File, UpdatedAt = e.At },
        _ => state,
    };

    static KnowledgeItem WithContent(KnowledgeItem item, ItemContent content)
    {
        var texts = content.Texts(item.Type).ToList();
        string Join(Func<(string Field, string? De, string? En), string?> language) =>
            texts.Select(language).Where(t => !string.IsNullOrWhiteSpace(t)).Aggregate(new StringBuilder(), (s, t) => s.Append(t).Append('\n')).ToString();
        return item with { Content = content, SearchGerman = Join(t => t.De), SearchEnglish = Join(t => t.En), Languages = content.Languages(item.Type) };
    }
}
