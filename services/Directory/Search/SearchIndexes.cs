using Marten;
using Marten.Schema.Indexing.FullText;
using Network.Directory.Organisations;

namespace Network.Directory.Search;

/// <summary>
/// What search runs on. Matching uses two weighted full-text expression indexes, one per language (the same vectors as
/// <see cref="SearchVectors"/>: name A, description in the index's language B, short description C); ranking reads the
/// stored vectors, because an expression index cannot give a match's vector back. See docs/directory.md (Search).
/// </summary>
public static class SearchIndexes
{
    public const string German = SearchVectors.German;
    public const string English = SearchVectors.English;

    public static void Configure(StoreOptions store)
    {
        var organisations = store.Schema.For<Organisation>();
        organisations.WeightedFullTextIndex(index => index
            .Weighted(o => o.Name, TextSearchWeight.A)
            .Weighted(o => o.Details.Description.De!, TextSearchWeight.B)
            .Weighted(o => o.ShortDescription, TextSearchWeight.C), German, "mt_doc_organisation_search_de");
        organisations.WeightedFullTextIndex(index => index
            .Weighted(o => o.Name, TextSearchWeight.A)
            .Weighted(o => o.Details.Description.En!, TextSearchWeight.B)
            .Weighted(o => o.ShortDescription, TextSearchWeight.C), English, "mt_doc_organisation_search_en");
        organisations.Index(o => o.FederalState);
        store.Storage.Add(new SearchVectors(store));
    }
}
