namespace Network.Directory.LocalNetworks;

/// <summary>
/// The rules of moving a local network between stages (documented in docs/directory.md):
/// forward along Initiated -> ActorInventory -> NetworkingWorkshopHeld -> Active -> SelfSustaining, skipping allowed;
/// to Dormant from any other stage; from Dormant back to the stage it left or to Active. Anything else is refused.
/// </summary>
public static class LocalNetworkStages
{
    public static bool IsOnPath(LocalNetworkStage stage) => stage != LocalNetworkStage.Dormant;

    /// <summary>Why a move from <paramref name="network"/>'s stage to <paramref name="to"/> is not allowed, or null when it is.</summary>
    public static string? WhyNot(LocalNetwork network, LocalNetworkStage to)
    {
        var from = network.Stage;
        if (to == from) return $"The network is already at stage {from}.";
        if (to == LocalNetworkStage.Dormant) return null;
        if (from == LocalNetworkStage.Dormant)
        {
            var left = network.StageBeforeDormant ?? LocalNetworkStage.Initiated;
            return to == left || to == LocalNetworkStage.Active
                ? null
                : $"A dormant network is reactivated to the stage it left ({left}) or to {LocalNetworkStage.Active}, not to {to}.";
        }
        return to > from ? null : $"A network does not move back from {from} to {to}; only to {LocalNetworkStage.Dormant}.";
    }
}
