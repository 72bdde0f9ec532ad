using System.Security.Claims;
using Network.Platform.Auth;
using Network.Platform.Http;

namespace Network.Directory.LocalNetworks;

/// <summary>Who runs a local network: staff and the people acting for its coordinating organisation.</summary>
public static class LocalNetworkAccess
{
    public static bool MayManage(this ClaimsPrincipal user, LocalNetwork network) =>
        user.IsStaff() || (network.CoordinatorOrganisationId is { } coordinator && user.MayActFor(coordinator));

    public static void EnsureMayManage(this ClaimsPrincipal user, LocalNetwork network, string what)
    {
        if (!user.MayManage(network))
            throw new Forbidden($"Only staff or members of the coordinating organisation may {what}.");
    }
}
