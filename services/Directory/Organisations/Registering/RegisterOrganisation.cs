using Marten;
using Microsoft.AspNetCore.Http.HttpResults;
using Network.Directory.Municipalities;
using Network.Directory.Organisations.Viewing;
using Network.Platform.Auth;
using Network.Platform.EventStore;
using Network.Platform.Http;

namespace Network.Directory.Organisations.Registering;

public sealed record RegisterOrganisationRequest(
    string? Name, OrganisationKind? Kind, string? MunicipalityAgs, string? ShortDescription);

public static class RegisterOrganisation
{
    public const int MaxNameLength = 200;
    public const int MaxShortDescriptionLength = 1000;

    public static OrganisationRegistered Decide(Guid id, RegisterOrganisationRequest request, Actor by, DateTimeOffset at)
    {
        new Validation()
            .Required("name", request.Name, MaxNameLength)
            .Defined("kind", request.Kind)
            .Required("municipalityAgs", request.MunicipalityAgs, 8)
            .Matches("municipalityAgs", request.MunicipalityAgs, Ags.Format(), Ags.Explanation)
            .Required("shortDescription", request.ShortDescription, MaxShortDescriptionLength)
            .ThrowIfInvalid();
        if (!Ags.IsValid(request.MunicipalityAgs))
            new Validation().Add("municipalityAgs", Ags.Explanation).ThrowIfInvalid();

        return new OrganisationRegistered(
            id, request.Name!.Trim(), request.Kind!.Value, request.MunicipalityAgs!, request.ShortDescription!.Trim(), by.Id, at);
    }

    /// <summary>POST /organisations: any signed-in person registers an organisation; it starts pending.</summary>
    public static async Task<Created<OrganisationResponse>> Handle(
        RegisterOrganisationRequest request, HttpContext http, IDocumentSession session, TimeProvider clock, CancellationToken ct)
    {
        var id = Guid.CreateVersion7();
        var registered = Decide(id, request, http.User.Actor(), clock.GetUtcNow());
        var version = await session.StartAsync<Organisation>(id, [registered], ct);

        var organisation = Organisation.Create(registered) with { };
        organisation.Version = version;
        http.Response.SetETag(version);
        return TypedResults.Created($"/organisations/{id}", OrganisationResponse.From(organisation));
    }
}
