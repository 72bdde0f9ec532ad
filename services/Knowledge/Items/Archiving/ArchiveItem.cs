using Marten;
using Microsoft.AspNetCore.Http.HttpResults;
using Network.Knowledge.Items.Viewing;
using Network.Platform.Auth;
using Network.Platform.EventStore;
using Network.Platform.Http;

namespace Network.Knowledge.Items.Archiving;

public sealed record ArchiveItemRequest(string? Reason);

public static class ArchiveItem
{
    public const int MaxReason = 1_000;

    public static IReadOnlyList<object> Decide(KnowledgeItem item, ArchiveItemRequest request, Actor by, DateTimeOffset at)
    {
        var reason = ItemRules.RequiredText("reason", request.Reason, MaxReason);
        ItemRules.EnsureStatus(item, "archived", ItemStatus.Published);
        return [new ItemArchived(item.Id, reason, by.Id, by.Name, at)];
    }

    /// <summary>POST /items/{id}/archival: staff take a published item out of the public's view, saying why; honours If-Match.</summary>
    public static async Task<Ok<ItemResponse>> Handle(Guid id, ArchiveItemRequest request, HttpContext http, IDocumentSession session, TimeProvider clock, CancellationToken ct)
    {
        var decision = await session.DecisionAsync<KnowledgeItem>(id, http.Request.ExpectedVersion(),
            item => Decide(item, request, http.User.Actor(), clock.GetUtcNow()), ct, "Item");
        return ItemResponse.Respond(decision, http);
    }
}
