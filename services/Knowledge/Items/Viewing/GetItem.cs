using Marten;
using Microsoft.AspNetCore.Http.HttpResults;
using Network.Platform.Http;

namespace Network.Knowledge.Items.Viewing;

public static class GetItem
{
    /// <summary>GET /items/{id}: with its ETag. An item that is not published is a 404 for everybody but its organisation and staff.</summary>
    public static async Task<Ok<ItemResponse>> Handle(Guid id, HttpContext http, IQuerySession session, CancellationToken ct)
    {
        var item = await ItemResponse.Visible(id, http.User, session, ct);
        http.Response.SetETag(item.Version);
        return TypedResults.Ok(ItemResponse.From(item, http.User));
    }
}
