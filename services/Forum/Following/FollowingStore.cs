using JasperFx.Events.Projections;
using Marten;
using Network.Forum.Notifications;
using Network.Platform.Aggregates;

namespace Network.Forum.Following;

/// <summary>How readers and notifications are stored: the reader as an inline snapshot, notifications by an async projection.</summary>
public static class FollowingStore
{
    public static void Configure(StoreOptions store)
    {
        store.AddAggregate<Reader, IReaderEvent>().Index(r => r.PersonId).Index(r => r.DigestDueAt).GinIndexJsonData();
        store.Projections.Add(new NotificationsProjection(), ProjectionLifecycle.Async);
        store.Schema.For<Notification>().Index([n => n.PersonId, n => n.At]);
    }
}
