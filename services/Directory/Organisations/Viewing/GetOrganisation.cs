using Marten;
using Microsoft.AspNetCore.Http.HttpResults;
using Network.Platform.Auth;
using Network.Platform.Http;

namespace Network.Directory.Organisations.Viewing;

public sealed record OrganisationResponse(
    Guid Id,
    string Name,
    OrganisationKind Kind,
    string MunicipalityAgs,
    string FederalState,
    string ShortDescription,
    VerificationState Verification,
    DateTimeOffset RegisteredAt,
    DateTimeOffset? VerifiedAt,
    long Version)
{
    public static OrganisationResponse From(Organisation o) => new(
        o.Id, o.Name, o.Kind, o.MunicipalityAgs, o.FederalState, o.ShortDescription, o.Verification, o.RegisteredAt, o.VerifiedAt, o.Version);
}

public static class GetOrganisation
{
    /// <summary>GET /organisations/{id}: verified organisations are public; pending ones only for staff and their members.</summary>
    public static async Task<Ok<OrganisationResponse>> Handle(Guid id, HttpContext http, IQuerySession session, CancellationToken ct)
    {
        var organisation = await session.LoadAsync<Organisation>(id, ct);
        if (organisation is null || !(organisation.IsPublic || http.User.MayActFor(id)))
            throw new ResourceNotFound("Organisation", id);
        http.Response.SetETag(organisation.Version);
        return TypedResults.Ok(OrganisationResponse.From(organisation));
    }

    /// <summary>The answer of a command: the organisation as now stored, with its new ETag.</summary>
    internal static async Task<Ok<OrganisationResponse>> Respond(Guid id, long version, HttpContext http, IQuerySession session, CancellationToken ct)
    {
        var organisation = await session.LoadAsync<Organisation>(id, ct) ?? throw new ResourceNotFound("Organisation", id);
        http.Response.SetETag(version);
        return TypedResults.Ok(OrganisationResponse.From(organisation));
    }
}
