using Marten;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Network.Directory.Municipalities.Viewing;
using Network.Directory.Organisations;
using Network.Directory.Organisations.Viewing;
using Network.Platform.Http;

namespace Network.Directory.LocalNetworks.Viewing;

public static class ListLocalNetworks
{
    /// <summary>
    /// GET /local-networks?municipality=05314000&amp;stage=Active&amp;organisation={id}&amp;page=1&amp;pageSize=20 (public),
    /// sorted by municipality and name. <c>organisation</c> lists the networks an organisation is a member of, if the
    /// caller may see that organisation.
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
        validation.MunicipalityKey("municipality", municipality);
        var paging = Paging.Validate(page, pageSize, validation);
        validation.ThrowIfInvalid();

        IQueryable<LocalNetwork> query = session.Query<LocalNetwork>();
        if (municipality is not null) query = query.Where(n => n.MunicipalityAgs == municipality);
        if (stage is { } s) query = query.Where(n => n.Stage == s);
        if (organisation is { } member)
        {
            // An organisation the caller may not see is answered like an unknown one, with an empty page, so the answer
            // does not tell that it exists or where it is a member.
            if (await session.LoadAsync<Organisation>(member, ct) is not { } named || !http.User.MaySee(named))
                return TypedResults.Ok(new Page<LocalNetworkResponse>([], paging.Page, paging.Size, 0));
            query = query.Where(n => n.MemberOrganisationIds.Contains(member));
        }

        var networks = await query
            .OrderBy(n => n.MunicipalityAgs).ThenBy(n => n.Name).ThenBy(n => n.Id)
            .ToPageAsync(paging, ct);
        return TypedResults.Ok(networks.WithItems(await LocalNetworkResponse.ForAsync(networks.Items, http.User, session, ct)));
    }
}
