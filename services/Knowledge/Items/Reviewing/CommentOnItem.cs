using Marten;
using Microsoft.AspNetCore.Http.HttpResults;
using Network.Knowledge.Items.Viewing;
using Network.Platform.Auth;
using Network.Platform.EventStore;
using Network.Platform.Http;

namespace Network.Knowledge.Items.Reviewing;

public sealed record CommentRequest(string? Comment);

public static class CommentOnItem
{
    public const int MaxComment = 4_000;

    /// <summary>Staff and the item's organisation talk about a revision while it is under review or being changed.</summary>
    public static IReadOnlyList<object> Decide(KnowledgeItem item, CommentRequest request, System.Security.Claims.ClaimsPrincipal user, DateTimeOffset at)
    {
        var comment = ItemRules.RequiredText("comment", request.Comment, MaxComment);
        ItemRules.EnsureOwnerOrStaff(user, item, "comment on");
        ItemRules.EnsureStatus(item, "commented on", ItemStatus.Submitted, ItemStatus.InReview, ItemStatus.ChangesRequested);
        var by = user.Actor();
        return [new ReviewCommented(item.Id, item.Revision, comment, by.Id, by.Name, at)];
    }

    /// <summary>POST /items/{id}/comments: a review comment, in the item's history (for staff and its organisation).</summary>
    public static async Task<Ok<ItemResponse>> Handle(Guid id, CommentRequest request, HttpContext http, IDocumentSession session, TimeProvider clock, CancellationToken ct)
    {
        var decision = await session.DecisionAsync<KnowledgeItem>(id, http.Request.ExpectedVersion(),
            item => Decide(item, request, http.User, clock.GetUtcNow()), ct, "Item");
        return ItemResponse.Respond(decision, http);
    }
}
