using Marten;
using Network.Platform.Aggregates;

namespace Network.Events.AdvisoryRequests;

/// <summary>How advisory requests are stored: the request snapshot (folded by <see cref="AdvisoryRequest.When"/>), kept inline so a write is visible to the next read, and its indexes.</summary>
public static class AdvisoryRequestStore
{
    public static void Configure(StoreOptions store)
    {
        store.AddAggregate<AdvisoryRequest, IAdvisoryRequestEvent>().Index(r => r.RequestedBy).Index(r => r.Status);
    }
}
