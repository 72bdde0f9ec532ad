using Marten;
using Network.Platform.Aggregates;

namespace Network.Directory.LocalNetworks;

/// <summary>How the local networks are stored: the inline snapshot, found by their municipality's AGS.</summary>
public static class LocalNetworkStore
{
    public static void Configure(StoreOptions store) =>
        store.AddAggregate<LocalNetwork, ILocalNetworkEvent>().Index(n => n.MunicipalityAgs);
}
