using Marten;
using Network.Directory.People.Erasing;
using Network.Platform.Aggregates;

namespace Network.Directory.People;

/// <summary>
/// How the people are stored: the inline snapshot (one person per sign-in subject), the membership rosters of the
/// organisations, and the masking rules an erasure applies to the person's events.
/// </summary>
public static class PersonStore
{
    public static void Configure(StoreOptions store)
    {
        store.AddAggregate<Person, IPersonEvent>().UniqueIndex(p => p.Subject!);
        store.Schema.For<MembershipRoster>();
        store.AddPersonalDataMasking();
    }
}
