using Marten;
using Microsoft.AspNetCore.Http.HttpResults;
using Network.Platform.Auth;
using Network.Platform.Http;

namespace Network.Knowledge.Items.Viewing;

public static class ListItems
{
    /// <summary>
    /// GET /items?type=&amp;status=&amp;organisation=&amp;page=&amp;pageSize=: newest change first. The public and members see
    /// published items; <c>status</c> other than Published is for staff, or for members with <c>organisation</c> set to
    /// one they act for (their organisation's drafts and submissions).
    /// </summary>
    public static async Task<Ok<Page<ItemResponse>>> Handle(
        ItemType? type, ItemStatus? status, Guid? organisation, int? page, int? pageSize, HttpContext http, IQuerySession session, CancellationToken ct)
    {
        var validation = new Validation();
        var paging = Paging.Validate(page, pageSize, validation);
        validation.ThrowIfInvalid();
        var wanted = status ?? ItemStatus.Published;
        if (wanted != ItemStatus.Published && !http.User.IsStaff() && !(organisation is { } org && http.User.MayActFor(org)))
            throw new Forbidden("Items that are not published are listed for staff, or for members of the item's organisation (with 'organisation').");

        var query = session.Query<KnowledgeItem>().Where(i => i.Status == wanted);
        if (type is { } t) query = query.Where(i => i.Type == t);
        if (organisation is { } o) query = query.Where(i => i.OrganisationId == o);
        var found = await query.OrderByDescending(i => i.UpdatedAt).ThenBy(i => i.Id).ToPageAsync(paging, ct);
        return TypedResults.Ok(found.Map(i => ItemResponse.From(i, http.User)));
    }
}
