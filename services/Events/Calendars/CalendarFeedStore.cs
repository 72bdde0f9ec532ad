using Marten;

namespace Network.Events.Calendars;

/// <summary>How calendar feeds are stored: found by the hash of their secret token, so it is unique.</summary>
public static class CalendarFeedStore
{
    public static void Configure(StoreOptions store) => store.Schema.For<CalendarFeed>().UniqueIndex(f => f.TokenHash);
}
