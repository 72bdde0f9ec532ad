using Marten;
using Microsoft.AspNetCore.Http.HttpResults;
using Network.Knowledge.Items.Viewing;
using Network.Platform.Auth;
using Network.Platform.EventStore;
using Network.Platform.Http;

namespace Network.Knowledge.Items.Publishing;

/// <param name="Revision">The revision the reviewer read and publishes (a revision made since is a 409).</param>
public sealed record PublishItemRequest(int? Revision);

public static class PublishItem
{
    public static IReadOnlyList<object> Decide(KnowledgeItem item, PublishItemRequest request, Actor by, DateTimeOffset at)
    {
        ItemRules.EnsureStatus(item, "published", ItemStatus.InReview);
        ItemRules.EnsureRevision(item, request.Revision);
        return [new ItemPublished(item.Id, item.Type, item.OrganisationId, item.Revision, item.Content, by.Id, by.Name, at)];
    }

    /// <summary>POST /items/{id}/publication: staff publish the revision they reviewed; then everybody sees it. Honours If-Match.</summary>
    public static async Task<Ok<ItemResponse>> Handle(Guid id, PublishItemRequest request, HttpContext http, IDocumentSession session, TimeProvider clock, CancellationToken ct)
    {
        var decision = await session.DecisionAsync<KnowledgeItem>(id, http.Request.ExpectedVersion(),
            item => Decide(item, request, http.User.Actor(), clock.GetUtcNow()), ct, "Item");
        return ItemResponse.Respond(decision, http);
    }
}
