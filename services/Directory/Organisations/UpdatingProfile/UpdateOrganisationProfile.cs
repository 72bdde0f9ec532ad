using Marten;
using Microsoft.AspNetCore.Http.HttpResults;
using Network.Directory.Organisations.Registering;
using Network.Directory.Organisations.Viewing;
using Network.Platform.Auth;
using Network.Platform.EventStore;
using Network.Platform.Http;

namespace Network.Directory.Organisations.UpdatingProfile;

public sealed record UpdateOrganisationProfileRequest(string? Name, string? ShortDescription);

public static class UpdateOrganisationProfile
{
    public static IReadOnlyList<object> Decide(Organisation current, UpdateOrganisationProfileRequest request, Actor by, DateTimeOffset at)
    {
        new Validation()
            .Required("name", request.Name, RegisterOrganisation.MaxNameLength)
            .Required("shortDescription", request.ShortDescription, RegisterOrganisation.MaxShortDescriptionLength)
            .ThrowIfInvalid();

        var name = request.Name!.Trim();
        var description = request.ShortDescription!.Trim();
        if (name == current.Name && description == current.ShortDescription) return [];
        return [new OrganisationProfileUpdated(current.Id, name, description, by.Id, at)];
    }

    /// <summary>PUT /organisations/{id}/profile: staff, or a member acting for this organisation; honours If-Match.</summary>
    public static async Task<Ok<OrganisationResponse>> Handle(
        Guid id, UpdateOrganisationProfileRequest request, HttpContext http, IDocumentSession session, TimeProvider clock, CancellationToken ct)
    {
        http.User.EnsureMayActFor(id);
        var version = await session.DecideAsync<Organisation>(
            id, http.Request.ExpectedVersion(), current => Decide(current, request, http.User.Actor(), clock.GetUtcNow()), ct);
        return await GetOrganisation.Respond(id, version, http, session, ct);
    }
}
