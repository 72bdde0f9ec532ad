using Network.Platform.Text;
using Marten;
using Microsoft.AspNetCore.Http.HttpResults;
using Network.Directory.Organisations.Viewing;
using Network.Directory.Vocabularies;
using Network.Platform.Auth;
using Network.Platform.EventStore;
using Network.Platform.Http;

namespace Network.Directory.Organisations.UpdatingProfile;

/// <summary>
/// The profile as it should be. Name and teaser are required; any other field left out keeps its value (an empty
/// list or string clears it), so a client that knows only some fields cannot wipe the others. Only staff change the kind.
/// </summary>
public sealed record UpdateOrganisationProfileRequest(
    string? Name,
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
    OrganisationKind? Kind = null,
    Visibility? ContactVisibility = null) : IOrganisationProfileInput;

public static class UpdateOrganisationProfile
{
    public static IReadOnlyList<object> Decide(
        Organisation current, UpdateOrganisationProfileRequest request, Actor by, DateTimeOffset at,
        bool byStaff = false, ThemeCatalogue? themes = null)
    {
        var validation = new Validation()
            .Required("name", request.Name, OrganisationProfileRules.MaxNameLength)
            .Required("shortDescription", request.ShortDescription, OrganisationProfileRules.MaxShortDescriptionLength);
        if (request.Kind is { } k && !Enum.IsDefined(k))
            validation.Add("kind", $"'kind' must be one of: {string.Join(", ", Enum.GetNames<OrganisationKind>())}.");
        var details = OrganisationProfileRules.Details(validation, request, current.Details, themes ?? ThemeCatalogue.BuiltIn);
        validation.ThrowIfInvalid();
        OrganisationRules.EnsureNotArchived(current);

        var kind = request.Kind ?? current.Kind;
        if (kind != current.Kind && !byStaff)
            throw new Forbidden("Only staff change an organisation's kind.");

        var name = request.Name!.Trim();
        var description = request.ShortDescription!.Trim();
        if (name == current.Name && description == current.ShortDescription && details == current.Details && kind == current.Kind)
            return [];
        return [new OrganisationProfileUpdated(current.Id, name, description, by.Id, at, details, kind)];
    }

    /// <summary>PUT /organisations/{id}/profile: staff, or a member acting for this organisation; honours If-Match.</summary>
    public static async Task<Ok<OrganisationResponse>> Handle(
        Guid id, UpdateOrganisationProfileRequest request, HttpContext http, IDocumentSession session, IDocumentStore store,
        TimeProvider clock, CancellationToken ct)
    {
        http.User.EnsureMayActFor(id);
        var themes = await ThemeCatalogue.LoadAsync(session, ct);
        var current = await session.LoadAsync<Organisation>(id, ct) ?? throw new ResourceNotFound("Organisation", id);
        var name = request.Name?.Trim() ?? "";
        if (name.Length > 0 && OrganisationNames.Key(name, current.MunicipalityAgs) != current.NameKey)
            await DuplicateNames.EnsureFreeAsync(session, name, current.MunicipalityAgs, id, ct);
        var version = await DuplicateNames.WriteAsync(store, name, current.MunicipalityAgs, id, () => session.DecideAsync<Organisation>(
            id, http.Request.ExpectedVersion(),
            state => Decide(state, request, http.User.Actor(), clock.GetUtcNow(), http.User.IsStaff(), themes), ct), ct);
        return await GetOrganisation.Respond(id, version, http, session, ct);
    }
}
