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
        new Validation().RequiredMunicipalityKey(field, ags).ThrowIfInvalid();
        return await session.LoadAsync<Municipality>(ags!, ct) ?? throw new ResourceNotFound("Municipality", ags!);
    }
}
