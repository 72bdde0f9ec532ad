using Network.Platform.Text;
using Marten;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
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
    long Version,
    LocalizedText? Description = null,
    PostalAddress? Address = null,
    string? Website = null,
    IReadOnlyList<string>? Countries = null,
    IReadOnlyList<string>? Themes = null,
    IReadOnlyList<string>? Languages = null,
    IReadOnlyList<int>? Sdgs = null,
    string? ContactEmail = null,
    Visibility Visibility = Visibility.Public,
    string? RejectionReason = null,
    bool IsArchived = false,
    DateTimeOffset? ArchivedAt = null,
    bool IsShadow = false,
    Visibility ContactVisibility = Visibility.Members)
{
    /// <summary>
    /// What <paramref name="reader"/> sees of the organisation (which they may see): everything, but the contact e-mail
    /// only as the organisation chose (<see cref="OrganisationDetails.ContactVisibility"/>); staff and the organisation's
    /// own members always see it.
    /// </summary>
    public static OrganisationResponse For(Organisation o, System.Security.Claims.ClaimsPrincipal reader) =>
        reader.MaySeeContactOf(o) ? From(o) : From(o) with { ContactEmail = null };

    public static OrganisationResponse From(Organisation o) => new(
        o.Id, o.Name, o.Kind, o.MunicipalityAgs, o.FederalState, o.ShortDescription, o.Verification, o.RegisteredAt, o.VerifiedAt, o.Version,
        o.Details.Description, o.Details.Address, o.Details.Website, o.Details.Countries, o.Details.Themes, o.Details.Languages,
        o.Details.Sdgs, o.Details.ContactEmail, o.Details.Visibility,
        o.RejectionReason, o.IsArchived, o.ArchivedAt, o.IsShadow, o.Details.ContactVisibility);
}

public static class GetOrganisation
{
    /// <summary>
    /// GET /organisations/{id}: as <see cref="OrganisationVisibility"/> allows (404 for what the caller may not see).
    /// GET /organisations/{id}?asOf=2026-11-01T00:00:00Z: the profile as it was at that instant, rebuilt from its
    /// events; for staff and the organisation's members only (like its history). No ETag: a past state cannot be changed.
    /// </summary>
    public static async Task<Ok<OrganisationResponse>> Handle(
        Guid id, HttpContext http, IQuerySession session, [FromQuery] DateTimeOffset? asOf, CancellationToken ct)
    {
        if (asOf is { } instant)
        {
            OrganisationHistoryAccess.Ensure(http.User, id);
            var past = await session.Events.AggregateStreamAsync<Organisation>(id, timestamp: instant.ToUniversalTime(), token: ct)
                ?? throw new ResourceNotFound("Organisation", id);
            return TypedResults.Ok(OrganisationResponse.For(past, http.User));
        }

        var organisation = await session.LoadAsync<Organisation>(id, ct);
        if (organisation is null || !http.User.MaySee(organisation))
            throw new ResourceNotFound("Organisation", id);
        http.Response.SetETag(organisation.Version);
        return TypedResults.Ok(OrganisationResponse.For(organisation, http.User));
    }

    /// <summary>The answer of a command: the organisation as now stored, with its new ETag.</summary>
    internal static async Task<Ok<OrganisationResponse>> Respond(Guid id, long version, HttpContext http, IQuerySession session, CancellationToken ct)
    {
        var organisation = await session.LoadAsync<Organisation>(id, ct) ?? throw new ResourceNotFound("Organisation", id);
        http.Response.SetETag(version);
        return TypedResults.Ok(OrganisationResponse.From(organisation));
    }
}

/// <summary>History and past states: staff and the organisation's own members (401 anonymous, 403 others).</summary>
public static class OrganisationHistoryAccess
{
    public static void Ensure(System.Security.Claims.ClaimsPrincipal user, Guid organisationId)
    {
        if (!user.IsSignedIn())
            throw new DomainRuleViolation("Sign in to see an organisation's history.", StatusCodes.Status401Unauthorized, "Sign-in required");
        if (!user.MayActFor(organisationId))
            throw new Forbidden("Only staff and the organisation's members may see its history.");
    }
}
