using Marten;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Network.Directory.Municipalities.Viewing;
using Network.Platform.Http;

namespace Network.Directory.Municipalities.Partnerships.Viewing;

public static class ListPartnerships
{
    /// <summary>
    /// GET /municipalities/{ags}/partnerships?includeEnded=true (public): the municipality's partnerships abroad,
    /// active ones by default, oldest first.
    /// </summary>
    public static async Task<Ok<IReadOnlyList<PartnershipResponse>>> Handle(
        string ags, IQuerySession session, [FromQuery] bool? includeEnded, CancellationToken ct)
    {
        await GetMunicipality.LoadAsync(session, ags, "ags", ct);
        IQueryable<Partnership> query = session.Query<Partnership>().Where(p => p.MunicipalityAgs == ags);
        if (includeEnded != true) query = query.Where(p => p.EndedOn == null);
        var partnerships = await query.OrderBy(p => p.Since).ThenBy(p => p.PartnerName).ToListAsync(ct);
        return TypedResults.Ok<IReadOnlyList<PartnershipResponse>>(partnerships.Select(PartnershipResponse.From).ToList());
    }
}

public static class GetPartnership
{
    /// <summary>GET /municipalities/{ags}/partnerships/{id} (public), with its ETag.</summary>
    public static async Task<Ok<PartnershipResponse>> Handle(string ags, Guid id, HttpContext http, IQuerySession session, CancellationToken ct)
    {
        var partnership = await LoadAsync(session, ags, id, ct);
        http.Response.SetETag(partnership.Version);
        return TypedResults.Ok(PartnershipResponse.From(partnership));
    }

    /// <summary>The partnership, provided it belongs to the municipality named in the path (404 otherwise).</summary>
    public static async Task<Partnership> LoadAsync(IQuerySession session, string ags, Guid id, CancellationToken ct)
    {
        new Validation().RequiredMunicipalityKey("ags", ags).ThrowIfInvalid();
        var partnership = await session.LoadAsync<Partnership>(id, ct);
        return partnership is not null && partnership.MunicipalityAgs == ags ? partnership : throw new ResourceNotFound("Partnership", id);
    }
}
