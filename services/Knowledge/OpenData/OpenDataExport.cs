using System.Runtime.CompilerServices;
using Marten;
using Network.Knowledge.Items;
using Network.Platform.Exports;
using Network.Platform.Http;

namespace Network.Knowledge.OpenData;

/// <summary>
/// Everything published, as open data (GET /open-data/items.{csv|xlsx|json}, anybody): one row per published item with
/// its stable id, type, texts in both languages, classification, publication time and revision, the address of its full
/// record, and the licence it is published under. Written by the platform's <see cref="Export"/> block as the items are
/// read (Marten's <c>ToAsyncEnumerable</c>, one open reader), so an export of every item never holds them all in memory.
/// </summary>
public static class OpenDataExport
{
    /// <summary>The licence of the catalogue's texts (docs/knowledge.md, Open data).</summary>
    public const string Licence = "CC-BY-4.0";

    static readonly ExportTable<KnowledgeItem> Table = new("Wissen", "Knowledge",
    [
        new("id", "ID", "ID", i => i.Id.ToString()),
        new("type", "Art", "Type", i => i.Type.ToString()),
        new("titleDe", "Titel (de)", "Title (de)", i => i.Content.Title.De),
        new("titleEn", "Titel (en)", "Title (en)", i => i.Content.Title.En),
        new("summaryDe", "Zusammenfassung (de)", "Summary (de)", i => i.Content.Summary.De),
        new("summaryEn", "Zusammenfassung (en)", "Summary (en)", i => i.Content.Summary.En),
        new("municipalityAgs", "AGS", "AGS", i => i.Content.MunicipalityAgs),
        new("themes", "Themen", "Themes", i => string.Join("; ", i.Content.Themes)),
        new("sdgs", "SDGs", "SDGs", i => string.Join("; ", i.Content.Sdgs)),
        new("countries", "Länder", "Countries", i => string.Join("; ", i.Content.Countries)),
        new("organisations", "Organisationen (IDs)", "Organisations (ids)", i => string.Join("; ", i.Content.Organisations)),
        new("publishedAt", "Veröffentlicht (Ortszeit Berlin)", "Published (Berlin time)", i => i.PublishedAt),
        new("revision", "Fassung", "Revision", i => i.PublishedRevision),
        new("url", "Adresse", "Address", i => $"/api/knowledge/items/{i.Id}"),
        new("licence", "Lizenz", "Licence", _ => Licence),
    ]);

    /// <summary>GET /open-data/items.{csv|xlsx|json}: every published item, oldest publication first.</summary>
    public static IResult Handle(string format, HttpContext http, IDocumentStore store) =>
        Export.File(Table, ExportFormats.Parse(format), Published(store), "network-knowledge-open-data", http);

    static async IAsyncEnumerable<KnowledgeItem> Published(IDocumentStore store, [EnumeratorCancellation] CancellationToken ct = default)
    {
        await using var session = store.QuerySession();
        var query = session.Query<KnowledgeItem>().Where(i => i.Status == ItemStatus.Published).OrderBy(i => i.PublishedAt).ThenBy(i => i.Id);
        await foreach (var item in Marten.QueryableExtensions.ToAsyncEnumerable(query, ct)) yield return item;
    }

    public static IEndpointRouteBuilder MapOpenDataApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/open-data/items.{format}", Handle).WithTags("Open data").AllowAnonymous().ExpensiveRead().ProducesExports();
        return app;
    }
}
