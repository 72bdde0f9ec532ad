using Network.Directory.Municipalities.Adding;
using Network.Directory.Municipalities.Partnerships.Ending;
using Network.Directory.Municipalities.Partnerships.Recording;
using Network.Directory.Municipalities.Partnerships.Viewing;
using Network.Directory.Municipalities.Viewing;
using Network.Platform.Auth;

namespace Network.Directory.Municipalities;

public static class MunicipalitiesApi
{
    public static IEndpointRouteBuilder MapMunicipalitiesApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/federal-states", ListFederalStates.Handle).AllowAnonymous().WithTags("Municipalities");

        var municipalities = app.MapGroup("/municipalities").WithTags("Municipalities");
        municipalities.MapGet("/", ListMunicipalities.Handle).AllowAnonymous();
        municipalities.MapGet("/{ags}", GetMunicipality.Handle).AllowAnonymous();
        municipalities.MapPost("/", AddMunicipality.Handle).RequireAuthorization(Policies.Staff);

        var partnerships = municipalities.MapGroup("/{ags}/partnerships").WithTags("Partnerships");
        partnerships.MapGet("/", ListPartnerships.Handle).AllowAnonymous();
        partnerships.MapGet("/{id:guid}", GetPartnership.Handle).AllowAnonymous();
        partnerships.MapPost("/", RecordPartnership.Handle).RequireAuthorization(Policies.Staff);
        partnerships.MapPost("/{id:guid}/end", EndPartnership.Handle).RequireAuthorization(Policies.Staff);
        return app;
    }
}
