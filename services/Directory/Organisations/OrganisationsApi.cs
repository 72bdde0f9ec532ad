using Network.Directory.Organisations.Registering;
using Network.Directory.Organisations.UpdatingProfile;
using Network.Directory.Organisations.Verifying;
using Network.Directory.Organisations.Viewing;
using Network.Platform.Auth;

namespace Network.Directory.Organisations;

public static class OrganisationsApi
{
    public static IEndpointRouteBuilder MapOrganisationsApi(this IEndpointRouteBuilder app)
    {
        var organisations = app.MapGroup("/organisations").WithTags("Organisations");

        organisations.MapGet("/", ListOrganisations.Handle).AllowAnonymous();
        organisations.MapGet("/{id:guid}", GetOrganisation.Handle).AllowAnonymous().WithName("GetOrganisation");
        organisations.MapPost("/", RegisterOrganisation.Handle).RequireAuthorization(Policies.SignedIn);
        organisations.MapPut("/{id:guid}/profile", UpdateOrganisationProfile.Handle).RequireAuthorization(Policies.SignedIn);
        organisations.MapPost("/{id:guid}/verification", VerifyOrganisation.Handle).RequireAuthorization(Policies.Staff);
        return app;
    }
}
