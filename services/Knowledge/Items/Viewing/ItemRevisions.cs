using Marten;
using Microsoft.AspNetCore.Http.HttpResults;
using Network.Platform.Http;

namespace Network.Knowledge.Items.Viewing;

public sealed record RevisionSummary(int Revision, string By, DateTimeOffset At);
public sealed record RevisionResponse(Guid ItemId, int Revision, ItemContent Content, string By, DateTimeOffset At);

/// <summary>Every version of an item's content, for whoever may see the item (the public: of published items).</summary>
public static class ItemRevisions
{
    /// <summary>GET /items/{id}/revisions?page=&amp;pageSize=: oldest first, with who made each and when.</summary>
    public static async Task<Ok<Page<RevisionSummary>>> List(Guid id, int? page, int? pageSize, HttpContext http, IQuerySession session, CancellationToken ct)
    {
        var validation = new Validation();
        var paging = Paging.Validate(page, pageSize, validation);
        validation.ThrowIfInvalid();
        await ItemResponse.Visible(id, http.User, session, ct);
        var revisions = await session.Query<ItemRevision>().Where(r => r.ItemId == id).OrderBy(r => r.Revision).ToPageAsync(paging, ct);
        return TypedResults.Ok(revisions.Map(r => new RevisionSummary(r.Revision, r.ByName, r.At)));
    }

    /// <summary>GET /items/{id}/revisions/{revision}: the content as it was then.</summary>
    public static async Task<Ok<RevisionResponse>> Get(Guid id, int revision, HttpContext http, IQuerySession session, CancellationToken ct)
    {
        await ItemResponse.Visible(id, http.User, session, ct);
        var r = await Load(id, revision, session, ct);
        return TypedResults.Ok(new RevisionResponse(id, r.Revision, r.Content, r.ByName, r.At));
    }

    public static async Task<ItemRevision> Load(Guid id, int revision, IQuerySession session, CancellationToken ct) =>
        await session.LoadAsync<ItemRevision>(ItemRevision.IdOf(id, revision), ct) ?? throw new ResourceNotFound("Revision", $"{id}/{revision}");
}
