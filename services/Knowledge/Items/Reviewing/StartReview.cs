using Marten;
using Microsoft.AspNetCore.Http.HttpResults;
using Network.Knowledge.Items.Viewing;
using Network.Platform.Auth;
using Network.Platform.EventStore;
using Network.Platform.Http;

namespace Network.Knowledge.Items.Reviewing;

public static class StartReview
{
    public static IReadOnlyList<object> Decide(KnowledgeItem item, Actor by, DateTimeOffset at)
    {
        ItemRules.EnsureStatus(item, "taken into review", ItemStatus.Submitted);
        return [new ReviewStarted(item.Id, item.Revision, by.Id, by.Name, at)];
    }

    /// <summary>POST /items/{id}/review: staff take a submitted item into review; honours If-Match.</summary>
    public static async Task<Ok<ItemResponse>> Handle(Guid id, HttpContext http, IDocumentSession session, TimeProvider clock, CancellationToken ct)
    {
        var decision = await session.DecisionAsync<KnowledgeItem>(id, http.Request.ExpectedVersion(),
            item => Decide(item, http.User.Actor(), clock.GetUtcNow()), ct, "Item");
        return ItemResponse.Respond(decision, http);
    }
}
