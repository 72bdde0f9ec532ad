using System.Security.Claims;
using Marten;
using Microsoft.AspNetCore.Http.HttpResults;
using Network.Platform.Aggregates;
using Network.Platform.EventStore;
using Network.Platform.Http;

namespace Network.Knowledge.Items.Viewing;

/// <summary>
/// An item as a reader sees it: its content, the languages it has, the translations it lacks ("title.en"), and where it
/// is in its workflow (the last review note only for its organisation and staff).
/// </summary>
public sealed record ItemResponse(
    Guid Id, ItemType Type, ItemStatus Status, Guid? OrganisationId, int Revision, ItemContent Content,
    IReadOnlyList<string> Languages, IReadOnlyList<string> MissingTranslations, int? PublishedRevision, DateTimeOffset? PublishedAt,
    DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt, string? LastReviewNote, IReadOnlyList<SourceLink> Sources, PublicationFile? File, long Version)
{
    public static ItemResponse From(KnowledgeItem i, ClaimsPrincipal user) => new(
        i.Id, i.Type, i.Status, i.OrganisationId, i.Revision, i.Content, i.Content.Languages(i.Type), i.Content.MissingTranslations(i.Type),
        i.PublishedRevision, i.PublishedAt, i.CreatedAt, i.UpdatedAt, user.IsOwnerOrStaff(i) ? i.LastReviewNote : null, i.Sources, i.File, i.Version);

    /// <summary>The answer of a command: the item as the decision left it (folded, not read again), with its new ETag.</summary>
    public static Ok<ItemResponse> Respond(Decision<KnowledgeItem> decision, HttpContext http)
    {
        var after = Aggregate.Fold(decision.Before, decision.Events)!;
        after.Version = decision.Version;
        http.Response.SetETag(decision.Version);
        return TypedResults.Ok(From(after, http.User));
    }

    /// <summary>The item if the caller may see it, else a 404 (an unpublished item does not exist for the public).</summary>
    public static async Task<KnowledgeItem> Visible(Guid id, ClaimsPrincipal user, IQuerySession session, CancellationToken ct)
    {
        var item = await session.LoadAsync<KnowledgeItem>(id, ct);
        if (item is null || !user.MaySee(item)) throw new ResourceNotFound("Item", id);
        return item;
    }
}
