using Network.Identity.Partners.Contacting;
using Network.Identity.Partners.Creating;
using Network.Identity.Partners.Revoking;
using Network.Identity.Partners.Viewing;
using Network.Platform.Auth;

namespace Network.Identity.Partners;

public static class PartnersApi
{
    public static IEndpointRouteBuilder MapPartnersApi(this IEndpointRouteBuilder app)
    {
        var partners = app.MapGroup("/partners").WithTags("Partner systems").RequireAuthorization(Policies.Staff);
        partners.MapPost("/", CreatePartnerClient.Handle);
        partners.MapGet("/", ListPartnerClients.Handle);
        partners.MapGet("/{id:guid}", ListPartnerClients.HandleOne);
        partners.MapPut("/{id:guid}/contact", SetPartnerContact.Handle);
        partners.MapDelete("/{id:guid}", RevokePartnerClient.Handle);
        return app;
    }

    public static void ConfigurePartnerStore(this Marten.StoreOptions store) =>
        store.Schema.For<PartnerClient>().UniqueIndex(p => p.ClientId);
}
