using Marten;
using Microsoft.AspNetCore.Http.HttpResults;
using Network.Knowledge.Items.Viewing;
using Network.Platform.Auth;
using Network.Platform.EventStore;
using Network.Platform.Http;

namespace Network.Knowledge.Items.Revising;

public static class ReviseItem
{
    /// <summary>
    /// A new revision of the whole content. The author (or staff) revises a draft or an item whose changes were asked
    /// for; staff may also correct an item in review. An unchanged content makes no revision.
    /// </summary>
    public static IReadOnlyList<object> Decide(KnowledgeItem item, ItemContentRequest? request, System.Security.Claims.ClaimsPrincipal user, DateTimeOffset at)
    {
        ItemRules.EnsureOwnerOrStaff(user, item, "revise");
        if (user.IsStaff()) ItemRules.EnsureStatus(item, "revised", ItemStatus.Draft, ItemStatus.ChangesRequested, ItemStatus.Submitted, ItemStatus.InReview);
        else ItemRules.EnsureStatus(item, "revised", ItemStatus.Draft, ItemStatus.ChangesRequested);
        var content = ItemContentRules.Validate(item.Type, request);
        if (content.SameAs(item.Content)) return [];
        var by = user.Actor();
        return [new ItemRevised(item.Id, item.Revision + 1, content, by.Id, by.Name, at)];
    }

    /// <summary>
    /// PUT /items/{id}/content: honours If-Match (a stale one is a 412; a concurrent save without it a 409). Unknown linked
    /// organisations or events are a 400 only for a caller who may revise the item (others get its 403 or 404 first).
    /// </summary>
    public static async Task<Ok<ItemResponse>> Handle(Guid id, ItemContentRequest request, HttpContext http, IDocumentSession session, TimeProvider clock, CancellationToken ct)
    {
        var unknownLinks = await Links.ItemLinks.UnknownAsync(session, request, ct);
        var decision = await session.DecisionAsync<KnowledgeItem>(id, http.Request.ExpectedVersion(), item =>
        {
            var revised = Decide(item, request, http.User, clock.GetUtcNow());
            if (revised.Count > 0) unknownLinks.ThrowIfInvalid();
            return revised;
        }, ct, "Item");
        return ItemResponse.Respond(decision, http);
    }
}
