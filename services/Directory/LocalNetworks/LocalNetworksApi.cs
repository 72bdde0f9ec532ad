using Network.Directory.LocalNetworks.ChangingStage;
using Network.Directory.LocalNetworks.Creating;
using Network.Directory.LocalNetworks.Joining;
using Network.Directory.LocalNetworks.Leaving;
using Network.Directory.LocalNetworks.RecordingMilestones;
using Network.Directory.LocalNetworks.Viewing;
using Network.Platform.Auth;

namespace Network.Directory.LocalNetworks;

public static class LocalNetworksApi
{
    public static IEndpointRouteBuilder MapLocalNetworksApi(this IEndpointRouteBuilder app)
    {
        var networks = app.MapGroup("/local-networks").WithTags("Local networks");

        networks.MapGet("/", ListLocalNetworks.Handle).AllowAnonymous();
        networks.MapGet("/{id:guid}", GetLocalNetwork.Handle).AllowAnonymous();
        networks.MapPost("/", CreateLocalNetwork.Handle).RequireAuthorization(Policies.Person);
        networks.MapPost("/{id:guid}/members", AddLocalNetworkMember.Handle).RequireAuthorization(Policies.Person);
        networks.MapDelete("/{id:guid}/members/{organisationId:guid}", RemoveLocalNetworkMember.Handle).RequireAuthorization(Policies.Person);
        networks.MapPost("/{id:guid}/stage", ChangeLocalNetworkStage.Handle).RequireAuthorization(Policies.Person);
        networks.MapPost("/{id:guid}/milestones", RecordLocalNetworkMilestone.Handle).RequireAuthorization(Policies.Person);
        return app;
    }
}
