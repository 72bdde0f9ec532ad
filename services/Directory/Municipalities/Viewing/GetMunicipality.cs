using Marten;
using Microsoft.AspNetCore.Http.HttpResults;
using Network.Platform.Http;

namespace Network.Directory.Municipalities.Viewing;

public static class GetMunicipality
{
    /// <summary>GET /municipalities/{ags} (public): 400 for a malformed AGS, 404 for one not in use.</summary>
    public static async Task<Ok<MunicipalityResponse>> Handle(string ags, IQuerySession session, CancellationToken ct) =>
        TypedResults.Ok(MunicipalityResponse.From(await LoadAsync(session, ags, "ags", ct)));

    /// <summary>The municipality with this AGS: a malformed key is a 400 on <paramref name="field"/>, an unknown one a 404.</summary>
    public static async Task<Municipality> LoadAsync(IQuerySession session, string? ags, string field, CancellationToken ct)
    {
        ValidateAgs(new Validation(), field, ags).ThrowIfInvalid();
        return await session.LoadAsync<Municipality>(ags!, ct) ?? throw new ResourceNotFound("Municipality", ags!);
    }

    /// <summary>Adds the field error of a missing or malformed AGS (named <paramref name="field"/>).</summary>
    public static Validation ValidateAgs(Validation validation, string field, string? ags)
    {
        if (string.IsNullOrWhiteSpace(ags)) return validation.Add(field, $"'{field}' is required: a municipality's 8-digit official key (AGS).");
        return Ags.IsValid(ags) ? validation : validation.Add(field, Ags.Explanation.Replace("'municipalityAgs'", $"'{field}'"));
    }
}
