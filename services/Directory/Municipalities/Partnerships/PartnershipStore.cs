using Marten;
using Network.Platform.Aggregates;

namespace Network.Directory.Municipalities.Partnerships;

/// <summary>How the partnerships are stored: the inline snapshot, found by the German municipality's AGS.</summary>
public static class PartnershipStore
{
    public static void Configure(StoreOptions store) =>
        store.AddAggregate<Partnership, IPartnershipEvent>().Index(p => p.MunicipalityAgs);
}
