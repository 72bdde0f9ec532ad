using JasperFx.Events.Projections;
using Marten;
using Network.Platform.Aggregates;

namespace Network.Directory.LocalNetworks;

/// <summary>How the local networks are stored: the inline snapshot, found by their municipality's AGS.</summary>
public static class LocalNetworkStore
{
    public static void Configure(StoreOptions store)
    {
        store.Projections.Add(new AggregateProjection<LocalNetwork, ILocalNetworkEvent>(), ProjectionLifecycle.Inline);
        store.Schema.For<LocalNetwork>().Index(n => n.MunicipalityAgs);
    }
}
