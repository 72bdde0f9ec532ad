using Marten;
using Network.Directory.Organisations;

namespace Network.Directory.Search;

/// <summary>
/// What search runs on: the stored text vectors (<see cref="SearchVectors"/>) for text, the document indexes for the
/// filters; see docs/directory.md (Search) for the ranking.
/// </summary>
public static class SearchIndexes
{
    public static void Configure(StoreOptions store)
    {
        store.Storage.Add(new SearchVectors(store));
        store.Schema.For<Organisation>().Index(o => o.FederalState);
    }
}
