using JasperFx.Events.Projections;
using Marten;

namespace Network.Events.AdvisoryRequests;

/// <summary>How advisory requests are stored: the request snapshot, kept inline so a write is visible to the next read, and its indexes.</summary>
public static class AdvisoryRequestStore
{
    public static void Configure(StoreOptions store)
    {
        store.Projections.Snapshot<AdvisoryRequest>(SnapshotLifecycle.Inline);
        store.Schema.For<AdvisoryRequest>().Index(r => r.RequestedBy).Index(r => r.Status);
    }
}
