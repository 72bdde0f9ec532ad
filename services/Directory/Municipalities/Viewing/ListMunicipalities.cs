using Marten;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Network.Platform.Http;

namespace Network.Directory.Municipalities.Viewing;

public static class ListMunicipalities
{
    public const int MaxNameFilterLength = 100;

    /// <summary>
    /// GET /municipalities?state=05&amp;name=bon&amp;pilot=true&amp;page=1&amp;pageSize=20: the municipalities in use, sorted by
    /// name (public). <c>state</c> is a federal state's code (01..16); <c>name</c> matches part of the name, any case.
    /// </summary>
    public static async Task<Ok<Page<MunicipalityResponse>>> Handle(
        IQuerySession session,
        [FromQuery] string? state,
        [FromQuery] string? name,
        [FromQuery] bool? pilot,
        [FromQuery] int? page,
        [FromQuery] int? pageSize,
        CancellationToken ct)
    {
        var validation = new Validation();
        if (state is not null && !FederalStates.IsValidCode(state))
            validation.Add("state", "'state' is a federal state's two-digit code 01..16, e.g. 05 for Nordrhein-Westfalen (see /federal-states).");
        validation.MaxLength("name", name, MaxNameFilterLength);
        var paging = Paging.Validate(page, pageSize, validation);
        validation.ThrowIfInvalid();

        IQueryable<Municipality> query = session.Query<Municipality>();
        if (state is not null) query = query.Where(m => m.Id.StartsWith(state));
        if (!string.IsNullOrWhiteSpace(name))
        {
            var part = name.Trim();
            query = query.Where(m => m.Name.Contains(part, StringComparison.OrdinalIgnoreCase));
        }
        if (pilot is { } isPilot) query = query.Where(m => m.IsPilot == isPilot);

        var municipalities = await query.OrderBy(m => m.Name).ThenBy(m => m.Id).ToPageAsync(paging, ct);
        return TypedResults.Ok(municipalities.Map(MunicipalityResponse.From));
    }
}
