using Marten;
using Microsoft.AspNetCore.Http.HttpResults;
using Network.Knowledge.Items.Viewing;
using Network.Platform.Auth;
using Network.Platform.EventStore;
using Network.Platform.Http;

namespace Network.Knowledge.Items.Drafting;

/// <param name="OrganisationId">The organisation the item is drafted for: required for members (one they act for), optional for staff.</param>
public sealed record DraftItemRequest(ItemType? Type, Guid? OrganisationId, ItemContentRequest? Content);

public static class DraftItem
{
    public static IReadOnlyList<object> Decide(Guid id, DraftItemRequest request, System.Security.Claims.ClaimsPrincipal user, DateTimeOffset at)
    {
        new Validation().Defined("type", request.Type).ThrowIfInvalid();
        var content = ItemContentRules.Validate(request.Type!.Value, request.Content);
        if (request.OrganisationId is { } org)
        {
            if (!user.MayActFor(org)) throw new Forbidden("Members draft items for an organisation they act for.");
        }
        else if (!user.IsStaff())
            throw new RequestValidationException(new Dictionary<string, string[]> { ["organisationId"] = ["'organisationId' (the organisation you draft for) is required."] });
        var by = user.Actor();
        return [new ItemDrafted(id, request.Type.Value, request.OrganisationId, content, by.Id, by.Name, at)];
    }

    /// <summary>POST /items: a signed-in person drafts an item (staff, or a member for their organisation); it starts as a draft only they see.</summary>
    public static async Task<Created<ItemResponse>> Handle(DraftItemRequest request, HttpContext http, IDocumentSession session, TimeProvider clock, CancellationToken ct)
    {
        var id = Guid.CreateVersion7();
        var drafted = Decide(id, request, http.User, clock.GetUtcNow());
        await Links.ItemLinks.EnsureKnownAsync(session, request.Content, ct);
        var version = await session.StartAsync<KnowledgeItem>(id, drafted, ct);
        var response = ItemResponse.Respond(new Decision<KnowledgeItem>(null!, drafted, version), http);
        return TypedResults.Created($"/items/{id}", response.Value);
    }
}
