using Network.Platform.Text;
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
/// optional. Visibility defaults to Public (shown to everybody once verified); the contact e-mail is shown to signed-in
/// people unless ContactVisibility says Public or Staff.
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
    Visibility? Visibility = null,
    Visibility? ContactVisibility = null) : IOrganisationProfileInput;

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
    /// The registration after the request is read (the bench calls this too).
    /// </summary>
    public static Task<Organisation> RegisterAsync(
        IDocumentSession session, IDocumentStore store, Guid id, RegisterOrganisationRequest request, Actor by, DateTimeOffset at, CancellationToken ct) =>
        StartUnderFreeNameAsync(session, store, id, request, themes => Decide(id, request, by, at, themes), ct);

    /// <summary>
    /// Starts an organisation's stream with the event <paramref name="decide"/> makes of the request (a registration or an
    /// out-of-sight record): the theme vocabulary and the organisations holding the name come in one round trip, the
    /// decision is checked against both, the new stream and its snapshot go in one more, then the commit. The answer is
    /// the organisation the event starts, not a reload.
    /// </summary>
    public static async Task<Organisation> StartUnderFreeNameAsync(
        IDocumentSession session, IDocumentStore store, Guid id, RegisterOrganisationRequest request,
        Func<ThemeCatalogue, IOrganisationEvent> decide, CancellationToken ct)
    {
        var batch = session.CreateBatchQuery();
        var themes = ThemeCatalogue.Load(batch);
        var holders = DuplicateNames.HoldersOf(batch, request.Name ?? "", request.MunicipalityAgs ?? "");
        await batch.Execute(ct);

        var started = decide(await themes); // validates the request: name and municipality are set from here on
        DuplicateNames.EnsureFree(await holders, except: null);
        var version = await DuplicateNames.WriteAsync(store, request.Name!, request.MunicipalityAgs!, id,
            () => session.StartAsync<Organisation>(id, [started], ct), ct);

        var organisation = Organisation.When(null, started)!;
        organisation.Version = version;
        return organisation;
    }
}
