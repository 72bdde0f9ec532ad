using Marten;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Network.Platform.Http;

namespace Network.Forum.Organisations;

public sealed record MemberOrganisationResponse(Guid Id, string Name, string Kind, string MunicipalityAgs, string ShortDescription, DateTimeOffset? VerifiedAt)
{
    public static MemberOrganisationResponse From(MemberOrganisation o) =>
        new(o.Id, o.Name!, o.Kind!, o.MunicipalityAgs!, o.ShortDescription ?? "", o.VerifiedAt);
}

/// <summary>The verified, public, not archived organisations that may take part in the forum (public).</summary>
public static class MemberOrganisationsApi
{
    public static IEndpointRouteBuilder MapMemberOrganisationsApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/organisations").WithTags("Member organisations").AllowAnonymous();
        group.MapGet("/", List);
        group.MapGet("/{id:guid}", Get);
        return app;
    }

    // Verified alone is not enough: a verification that overtook its registration has no name yet. Archived,
    // rejected (no longer verified) and not public organisations leave the forum.
    static IQueryable<MemberOrganisation> Visible(IQuerySession session) =>
        session.Query<MemberOrganisation>().Where(o =>
            o.Verified && !o.Archived && o.RegistrationsApplied > 0 && (o.Visibility == null || o.Visibility == "Public"));

    static async Task<Ok<Page<MemberOrganisationResponse>>> List(
        IQuerySession session, [FromQuery] string? municipality, [FromQuery] int? page, [FromQuery] int? pageSize, CancellationToken ct)
    {
        var validation = new Validation();
        var paging = Paging.Validate(page, pageSize, validation);
        validation.ThrowIfInvalid();

        var query = Visible(session);
        if (municipality is not null) query = query.Where(o => o.MunicipalityAgs == municipality);
        var organisations = await query.OrderBy(o => o.Name).ThenBy(o => o.Id).ToPageAsync(paging, ct);
        return TypedResults.Ok(organisations.Map(MemberOrganisationResponse.From));
    }

    static async Task<Ok<MemberOrganisationResponse>> Get(Guid id, IQuerySession session, CancellationToken ct)
    {
        var organisation = await Visible(session).FirstOrDefaultAsync(o => o.Id == id, ct)
            ?? throw new ResourceNotFound("Member organisation", id);
        return TypedResults.Ok(MemberOrganisationResponse.From(organisation));
    }
}
