using Marten;
using Marten.Schema.Indexing.FullText;
using Network.Directory.Organisations;

namespace Network.Directory.Search;

/// <summary>
/// The indexes search runs on. Text search uses two weighted full-text indexes over the same document, one per
/// language, because a stemmer only understands its own language ("Vereine" finds "Verein" only in German,
/// "organisations" finds "organisation" only in English): name (weight A) and short description (C) in both,
/// the German description (B) in the German one and the English description (B) in the English one. A query
/// matches when either language matches; see docs/directory.md (Search) for the ranking.
/// </summary>
public static class SearchIndexes
{
    public const string German = "german";
    public const string English = "english";

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
    }
}
