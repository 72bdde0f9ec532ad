using Marten;
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
    /// Each caller sees what <see cref="OrganisationVisibility"/> allows; archived organisations are left out.
    /// Staff may filter by verification, list the archived ones (<c>archived=true</c>) or the out-of-sight ones (<c>shadow=true</c>).
    /// </summary>
    public static async Task<Ok<Page<OrganisationResponse>>> Handle(
        HttpContext http,
        IQuerySession session,
        [FromQuery] string? municipality,
        [FromQuery] OrganisationKind? kind,
        [FromQuery] VerificationState? verification,
        [FromQuery] bool? archived,
        [FromQuery] bool? shadow,
        [FromQuery] int? page,
        [FromQuery] int? pageSize,
        CancellationToken ct)
    {
        var validation = new Validation();
        validation.MunicipalityKey("municipality", municipality);
        var paging = Paging.Validate(page, pageSize, validation);
        validation.ThrowIfInvalid();

        var query = session.Query<Organisation>().VisibleTo(http.User);
        var staff = http.User.IsStaff();
        var onlyArchived = staff && archived == true;
        query = onlyArchived ? query.Where(o => o.IsArchived) : query.Where(o => !o.IsArchived);
        if (staff && verification is { } state) query = query.Where(o => o.Verification == state);
        if (staff && shadow is { } isShadow) query = query.Where(o => o.IsShadow == isShadow);
        if (municipality is not null) query = query.Where(o => o.MunicipalityAgs == municipality);
        if (kind is { } k) query = query.Where(o => o.Kind == k);

        var organisations = await query.OrderBy(o => o.Name).ThenBy(o => o.Id).ToPageAsync(paging, ct);
        return TypedResults.Ok(organisations.Map(o => OrganisationResponse.For(o, http.User)));
    }
}
