using Marten;
using Microsoft.AspNetCore.Http.HttpResults;
using Network.Knowledge.Items.Viewing;
using Network.Platform.Auth;
using Network.Platform.EventStore;
using Network.Platform.Http;

namespace Network.Knowledge.Items.Submitting;

public static class SubmitItem
{
    public static IReadOnlyList<object> Decide(KnowledgeItem item, System.Security.Claims.ClaimsPrincipal user, DateTimeOffset at)
    {
        ItemRules.EnsureOwnerOrStaff(user, item, "submit");
        ItemRules.EnsureStatus(item, "submitted", ItemStatus.Draft, ItemStatus.ChangesRequested);
        var by = user.Actor();
        return [new ItemSubmitted(item.Id, item.Type, item.OrganisationId, item.Revision, by.Id, by.Name, at)];
    }

    /// <summary>POST /items/{id}/submission: the author asks staff to review the current revision; honours If-Match.</summary>
    public static async Task<Ok<ItemResponse>> Handle(Guid id, HttpContext http, IDocumentSession session, TimeProvider clock, CancellationToken ct)
    {
        var decision = await session.DecisionAsync<KnowledgeItem>(id, http.Request.ExpectedVersion(),
            item => Decide(item, http.User, clock.GetUtcNow()), ct, "Item");
        return ItemResponse.Respond(decision, http);
    }
}
