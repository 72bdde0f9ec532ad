using Marten;
using Microsoft.AspNetCore.Http.HttpResults;
using Network.Knowledge.Items.Viewing;
using Network.Platform.Auth;
using Network.Platform.EventStore;
using Network.Platform.Http;

namespace Network.Knowledge.Items.Reviewing;

/// <param name="Revision">The revision the reviewer read (a decision about an item changed since is a 409).</param>
public sealed record RequestChangesRequest(int? Revision, string? Reason);

public static class RequestChanges
{
    public static IReadOnlyList<object> Decide(KnowledgeItem item, RequestChangesRequest request, Actor by, DateTimeOffset at)
    {
        var reason = ItemRules.RequiredText("reason", request.Reason, CommentOnItem.MaxComment);
        ItemRules.EnsureStatus(item, "sent back for changes", ItemStatus.InReview);
        ItemRules.EnsureRevision(item, request.Revision);
        return [new ChangesRequested(item.Id, item.Revision, reason, by.Id, by.Name, at)];
    }

    /// <summary>POST /items/{id}/change-requests: staff send the item back to its author with what to change; honours If-Match.</summary>
    public static async Task<Ok<ItemResponse>> Handle(Guid id, RequestChangesRequest request, HttpContext http, IDocumentSession session, TimeProvider clock, CancellationToken ct)
    {
        var decision = await session.DecisionAsync<KnowledgeItem>(id, http.Request.ExpectedVersion(),
            item => Decide(item, request, http.User.Actor(), clock.GetUtcNow()), ct, "Item");
        return ItemResponse.Respond(decision, http);
    }
}
