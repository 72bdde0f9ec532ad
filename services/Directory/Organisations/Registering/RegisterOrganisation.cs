using Marten;
using Microsoft.AspNetCore.Http.HttpResults;
using Network.Directory.Organisations.Viewing;
using Network.Directory.Vocabularies;
using Network.Platform.Auth;
using Network.Platform.EventStore;
using Network.Platform.Http;

namespace Network.Directory.Organisations.Registering;

/// <summary>
/// A new organisation: name, kind, municipality and a short teaser are required; the rest of the profile is
/// optional. Visibility defaults to Public (shown to everybody once verified).
/// </summary>
public sealed record RegisterOrganisationRequest(
    string? Name,
    OrganisationKind? Kind,
    string? MunicipalityAgs,
    string? ShortDescription,
    LocalizedText? Description = null,
    PostalAddress? Address = null,
    string? Website = null,
    IReadOnlyList<string>? Countries = null,
    IReadOnlyList<string>? Themes = null,
    IReadOnlyList<string>? Languages = null,
    IReadOnlyList<int>? Sdgs = null,
    string? ContactEmail = null,
    Visibility? Visibility = null) : IOrganisationProfileInput;

public static class RegisterOrganisation
{
    public const int MaxNameLength = OrganisationProfileRules.MaxNameLength;
    public const int MaxShortDescriptionLength = OrganisationProfileRules.MaxShortDescriptionLength;

    public static OrganisationRegistered Decide(
        Guid id, RegisterOrganisationRequest request, Actor by, DateTimeOffset at, ThemeCatalogue? themes = null)
    {
        var validation = new Validation();
        OrganisationProfileRules.Identity(validation, request.Name, request.Kind, request.MunicipalityAgs, request.ShortDescription);
        var details = OrganisationProfileRules.Details(validation, request, OrganisationDetails.Empty, themes ?? ThemeCatalogue.BuiltIn);
        validation.ThrowIfInvalid();

        return new OrganisationRegistered(
            id, request.Name!.Trim(), request.Kind!.Value, request.MunicipalityAgs!, request.ShortDescription!.Trim(), by.Id, at, details);
    }

    /// <summary>POST /organisations: any signed-in person registers an organisation; it starts pending.</summary>
    public static async Task<Created<OrganisationResponse>> Handle(
        RegisterOrganisationRequest request, HttpContext http, IDocumentSession session, IDocumentStore store, TimeProvider clock, CancellationToken ct)
    {
        var organisation = await RegisterAsync(session, store, Guid.CreateVersion7(), request, http.User.Actor(), clock.GetUtcNow(), ct);
        http.Response.SetETag(organisation.Version);
        return TypedResults.Created($"/organisations/{organisation.Id}", OrganisationResponse.From(organisation));
    }

    /// <summary>
    /// The registration after the request is read: the theme vocabulary and the organisations holding the name come in
    /// one round trip, the decision is checked against both, the new stream and its snapshot go in one more, then the
    /// commit. The answer is the organisation the event starts, not a reload.
    /// </summary>
    public static async Task<Organisation> RegisterAsync(
        IDocumentSession session, IDocumentStore store, Guid id, RegisterOrganisationRequest request, Actor by, DateTimeOffset at, CancellationToken ct)
    {
        var batch = session.CreateBatchQuery();
        var themes = ThemeCatalogue.Load(batch);
        var holders = DuplicateNames.HoldersOf(batch, request.Name ?? "", request.MunicipalityAgs ?? "");
        await batch.Execute(ct);

        var registered = Decide(id, request, by, at, await themes);
        DuplicateNames.EnsureFree(await holders, except: null);
        var version = await DuplicateNames.WriteAsync(store, registered.Name, registered.MunicipalityAgs, id,
            () => session.StartAsync<Organisation>(id, [registered], ct), ct);

        var organisation = Organisation.When(null, registered)!;
        organisation.Version = version;
        return organisation;
    }
}
