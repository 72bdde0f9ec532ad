using Marten;
using Marten.Linq;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Network.Directory.Municipalities;
using Network.Platform.Auth;
using Network.Platform.Http;

namespace Network.Directory.Organisations.Viewing;

public static class ListOrganisations
{
    /// <summary>
    /// GET /organisations?municipality=05314000&amp;kind=MigrantOrganisation&amp;page=1&amp;pageSize=20, sorted by name.
    /// Anonymous callers and members see verified organisations; staff see all, and may filter by verification.
    /// </summary>
    public static async Task<Ok<Page<OrganisationResponse>>> Handle(
        HttpContext http,
        IQuerySession session,
        [FromQuery] string? municipality,
        [FromQuery] OrganisationKind? kind,
        [FromQuery] VerificationState? verification,
        [FromQuery] int? page,
        [FromQuery] int? pageSize,
        CancellationToken ct)
    {
        var validation = new Validation();
        if (municipality is not null && !Ags.IsValid(municipality))
            validation.Add("municipality", Ags.Explanation.Replace("'municipalityAgs'", "'municipality'"));
        var (pageNumber, size) = Paging.Validate(page, pageSize, validation);
        validation.ThrowIfInvalid();

        IQueryable<Organisation> query = session.Query<Organisation>();
        if (!http.User.IsStaff()) query = query.Where(o => o.Verification == VerificationState.Verified);
        else if (verification is { } state) query = query.Where(o => o.Verification == state);
        if (municipality is not null) query = query.Where(o => o.MunicipalityAgs == municipality);
        if (kind is { } k) query = query.Where(o => o.Kind == k);

        var items = await query
            .OrderBy(o => o.Name).ThenBy(o => o.Id)
            .Stats(out QueryStatistics stats)
            .Skip((pageNumber - 1) * size).Take(size)
            .ToListAsync(ct);
        return TypedResults.Ok(new Page<OrganisationResponse>(
            items.Select(OrganisationResponse.From).ToList(), pageNumber, size, stats.TotalResults));
    }
}
