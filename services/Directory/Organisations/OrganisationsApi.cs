using Network.Platform.Http;
using Network.Directory.Organisations.Archiving;
using Network.Directory.Organisations.History;
using Network.Directory.Organisations.OutOfSight;
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

        organisations.MapGet("/", ListOrganisations.Handle).AllowAnonymous().ExpensiveRead();
        organisations.MapGet("/{id:guid}", GetOrganisation.Handle).AllowAnonymous().WithName("GetOrganisation");
        organisations.MapGet("/{id:guid}/history", GetOrganisationHistory.Handle).AllowAnonymous();
        organisations.MapPost("/", RegisterOrganisation.Handle).RequireAuthorization(Policies.Person);
        organisations.MapPut("/{id:guid}/profile", UpdateOrganisationProfile.Handle).RequireAuthorization(Policies.Person);
        organisations.MapPost("/{id:guid}/verification", VerifyOrganisation.Handle).RequireAuthorization(Policies.Staff);
        organisations.MapPost("/{id:guid}/rejection", RejectOrganisation.Handle).RequireAuthorization(Policies.Staff);
        organisations.MapPost("/{id:guid}/resubmission", ResubmitOrganisation.Handle).RequireAuthorization(Policies.Person);
        organisations.MapPost("/{id:guid}/archive", ArchiveOrganisation.Handle).RequireAuthorization(Policies.Person);
        organisations.MapPost("/out-of-sight", RecordOutOfSightOrganisation.Handle).RequireAuthorization(Policies.Staff);
        organisations.MapPost("/{id:guid}/invitations", InviteToClaim.Handle).RequireAuthorization(Policies.Staff);
        organisations.MapPost("/claims", ClaimOrganisation.Handle).RequireAuthorization(Policies.Person);
        return app;
    }
}
