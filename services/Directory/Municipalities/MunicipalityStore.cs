using JasperFx.Events.Projections;
using Marten;

namespace Network.Directory.Municipalities;

/// <summary>How the municipalities are stored: documents keyed by AGS, projected inline from their streams.</summary>
public static class MunicipalityStore
{
    public static void Configure(StoreOptions store) =>
        store.Projections.Add<MunicipalityProjection>(ProjectionLifecycle.Inline);
}
