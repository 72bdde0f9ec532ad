using Marten;
using Microsoft.AspNetCore.Http.HttpResults;
using Network.Directory.Organisations.Registering;
using Network.Directory.Organisations.Viewing;
using Network.Directory.Vocabularies;
using Network.Platform.Auth;
using Network.Platform.EventStore;
using Network.Platform.Http;

namespace Network.Directory.Organisations.OutOfSight;

/// <summary>
/// Staff record an actor they learned about but that is not on the platform (a shadow profile): same fields as a
/// registration. It stays pending and staff-only until somebody acting for it claims it with an invitation.
/// </summary>
public static class RecordOutOfSightOrganisation
{
    public static OutOfSightOrganisationRecorded Decide(
        Guid id, RegisterOrganisationRequest request, Actor by, DateTimeOffset at, ThemeCatalogue? themes = null)
    {
        var registered = RegisterOrganisation.Decide(id, request, by, at, themes);
        return new OutOfSightOrganisationRecorded(
            id, registered.Name, registered.Kind, registered.MunicipalityAgs, registered.ShortDescription,
            registered.Details ?? OrganisationDetails.Empty, by.Id, at);
    }

    /// <summary>POST /organisations/out-of-sight: staff only.</summary>
    public static async Task<Created<OrganisationResponse>> Handle(
        RegisterOrganisationRequest request, HttpContext http, IDocumentSession session, IDocumentStore store, TimeProvider clock, CancellationToken ct)
    {
        var id = Guid.CreateVersion7();
        var actor = http.User.Actor();
        var organisation = await RegisterOrganisation.StartUnderFreeNameAsync(session, store, id, request,
            themes => Decide(id, request, actor, clock.GetUtcNow(), themes), ct);
        http.Response.SetETag(organisation.Version);
        return TypedResults.Created($"/organisations/{id}", OrganisationResponse.From(organisation));
    }
}
