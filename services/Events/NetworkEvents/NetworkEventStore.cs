using Marten;
using Network.Platform.Aggregates;

namespace Network.Events.NetworkEvents;

/// <summary>How events are stored: the seat ledger as an inline snapshot (folded by <see cref="NetworkEvent.When"/>), its indexes.</summary>
public static class NetworkEventStore
{
    public static void Configure(StoreOptions store)
    {
        store.AddAggregate<NetworkEvent, INetworkEventEvent>().Index(e => e.Start).Index(e => e.MunicipalityAgs)
            .Metadata(m => m.LastModified.MapTo(e => e.LastModified));
    }
}
