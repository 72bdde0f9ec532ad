using Marten;
using Marten.Linq;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Network.Directory.Municipalities.Viewing;
using Network.Platform.Http;

namespace Network.Directory.LocalNetworks.Viewing;

public static class ListLocalNetworks
{
    /// <summary>
    /// GET /local-networks?municipality=05314000&amp;stage=Active&amp;organisation={id}&amp;page=1&amp;pageSize=20 (public),
    /// sorted by municipality and name. <c>organisation</c> lists the networks an organisation is a member of.
    /// </summary>
    public static async Task<Ok<Page<LocalNetworkResponse>>> Handle(
        HttpContext http,
        IQuerySession session,
        [FromQuery] string? municipality,
        [FromQuery] LocalNetworkStage? stage,
        [FromQuery] Guid? organisation,
        [FromQuery] int? page,
        [FromQuery] int? pageSize,
        CancellationToken ct)
    {
        var validation = new Validation();
        if (municipality is not null) GetMunicipality.ValidateAgs(validation, "municipality", municipality);
        var (pageNumber, size) = Paging.Validate(page, pageSize, validation);
        validation.ThrowIfInvalid();

        IQueryable<LocalNetwork> query = session.Query<LocalNetwork>();
        if (municipality is not null) query = query.Where(n => n.MunicipalityAgs == municipality);
        if (stage is { } s) query = query.Where(n => n.Stage == s);
        if (organisation is { } member) query = query.Where(n => n.MemberOrganisationIds.Contains(member));

        var networks = await query
            .OrderBy(n => n.MunicipalityAgs).ThenBy(n => n.Name).ThenBy(n => n.Id)
            .Stats(out QueryStatistics stats)
            .Skip((pageNumber - 1) * size).Take(size)
            .ToListAsync(ct);
        var items = await LocalNetworkResponse.ForAsync(networks, http.User, session, ct);
        return TypedResults.Ok(new Page<LocalNetworkResponse>(items, pageNumber, size, stats.TotalResults));
    }
}
