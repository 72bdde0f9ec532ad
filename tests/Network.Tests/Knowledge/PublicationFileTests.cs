using System.IO.Compression;
using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using Network.Knowledge.Files;
using Network.Knowledge.Items.Searching;
using Network.Knowledge.Items.Viewing;
using Network.Tests.Hosting;
using UglyToad.PdfPig.Content;
using UglyToad.PdfPig.Core;
using UglyToad.PdfPig.Fonts.Standard14Fonts;
using UglyToad.PdfPig.Writer;
using Xunit;
using static Network.Tests.Knowledge.KnowledgeWorkflowTests;

namespace Network.Tests.Knowledge;

/// <summary>A publication's PDF through the Gateway: checked by its content, its text searchable, downloaded with its ETag; bad files refused.</summary>
public class PublicationFileTests(NetworkFixture fixture) : IClassFixture<NetworkFixture>
{
    NetworkUnderTest Network => fixture.Network;
    HttpClient Staff => Network.Gateway.NewClient(Network.StaffToken);

    /// <summary>A real PDF, one page per text, written by PdfPig's builder (Helvetica).</summary>
    static byte[] Pdf(params string[] pages)
    {
        var builder = new PdfDocumentBuilder();
        var font = builder.AddStandard14Font(Standard14Font.Helvetica);
        foreach (var text in pages) builder.AddPage(PageSize.A4).AddText(text, 12, new PdfPoint(50, 700), font);
        return builder.Build();
    }

    static HttpRequestMessage Upload(Guid item, byte[] bytes, string contentType = "application/pdf", string? fileName = "Leitfaden Wasser.pdf")
    {
        var content = new ByteArrayContent(bytes);
        content.Headers.ContentType = new MediaTypeHeaderValue(contentType);
        if (fileName is not null) content.Headers.ContentDisposition = new ContentDispositionHeaderValue("attachment") { FileName = fileName };
        // Expect: 100-continue: a body that is refused is not sent (a 20 MiB one would otherwise meet a closed connection).
        var request = new HttpRequestMessage(HttpMethod.Put, $"{Api}/items/{item}/file") { Content = content };
        request.Headers.ExpectContinue = true;
        return request;
    }

    async Task<(ItemResponse Item, HttpClient Member)> PublicationDraft()
    {
        var org = Guid.NewGuid();
        var member = Network.Gateway.NewClient((await Network.PersonAsync("Adwoa", org)).AccessToken);
        var item = await (await member.PostJson($"{Api}/items", new
        {
            type = "Publication", organisationId = org,
            content = new { title = new { de = "Leitfaden Wasser" }, publication = new { authors = new[] { "A. Autorin" }, year = 2025 } },
        })).ReadAs<ItemResponse>(HttpStatusCode.Created);
        return (item, member);
    }

    [Fact]
    public async Task A_publications_pdf_is_stored_downloaded_with_its_etag_and_its_text_found_once_published()
    {
        var (draft, member) = await PublicationDraft();
        var pdf = Pdf("Kapitel 1: Kommunale Wasserpartnerschaften mit Ghana", "Kapitel 2: Finanzierung durch kleine Zuschuesse");
        var attached = await (await member.SendAsync(Upload(draft.Id, pdf))).ReadAs<ItemResponse>();
        Assert.Equal(("leitfaden-wasser.pdf", (long)pdf.Length, 2), (attached.File!.FileName, attached.File.Length, attached.File.Pages));
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(pdf)), attached.File.Sha256);

        var url = $"{Api}/items/{draft.Id}/file";
        var download = await member.GetAsync(url);
        Assert.Equal(HttpStatusCode.OK, download.StatusCode);
        Assert.Equal("application/pdf", download.Content.Headers.ContentType?.MediaType);
        Assert.Equal(pdf, await download.Content.ReadAsByteArrayAsync());
        Assert.Equal("leitfaden-wasser.pdf", ExportFiles.FileName(download));
        var again = new HttpRequestMessage(HttpMethod.Get, url);
        again.Headers.IfNoneMatch.Add(download.Headers.ETag!);
        Assert.Equal(HttpStatusCode.NotModified, (await member.SendAsync(again)).StatusCode);
        await (await Network.Gateway.NewClient().GetAsync(url)).AssertProblem(HttpStatusCode.NotFound); // not published yet

        await (await member.PostAsync($"{Api}/items/{draft.Id}/submission", null)).AssertSuccess();
        await (await Staff.PostAsync($"{Api}/items/{draft.Id}/review", null)).AssertSuccess();
        await (await Staff.PostJson($"{Api}/items/{draft.Id}/publication", new { revision = 1 })).AssertSuccess();

        // A word only the PDF holds, in another form ("Wasserpartnerschaften" -> "Wasserpartnerschaft").
        var found = await (await Network.Gateway.NewClient().GetAsync($"{Api}/search/items?q=Wasserpartnerschaft")).ReadAs<SearchResult>();
        var hit = Assert.Single(found.Hits.Items);
        Assert.Equal(draft.Id, hit.Item.Id);
        Assert.Contains("<mark>Wasserpartnerschaften</mark>", hit.Snippet);
        Assert.Equal(pdf, await (await Network.Gateway.NewClient().GetAsync(url)).Content.ReadAsByteArrayAsync());
    }

    /// <summary>A PDF whose one stream inflates to 300 MB of zeros (about 300 KB on the wire).</summary>
    static byte[] PdfBomb()
    {
        using var compressed = new MemoryStream();
        using (var zlib = new ZLibStream(compressed, CompressionLevel.SmallestSize, leaveOpen: true))
        {
            var zeros = new byte[1024 * 1024];
            for (var i = 0; i < 300; i++) zlib.Write(zeros);
        }
        using var pdf = new MemoryStream();
        pdf.Write(Encoding.ASCII.GetBytes($"%PDF-1.4\n1 0 obj\n<< /Length {compressed.Length} /Filter /FlateDecode >>\nstream\n"));
        pdf.Write(compressed.ToArray());
        pdf.Write("\nendstream\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n"u8);
        return pdf.ToArray();
    }

    [Fact]
    public async Task Bad_files_are_problems_that_store_nothing_and_the_service_keeps_serving()
    {
        var (draft, member) = await PublicationDraft();
        var before = await HttpAssertions.StoredEvents(Network.KnowledgeDatabase);
        byte[] executable = [0x4D, 0x5A, 0x90, 0x00, 0x03, 0x00, 0x00, 0x00, .. Encoding.ASCII.GetBytes("This program cannot be run in DOS mode.")];
        var cases = new (string What, HttpRequestMessage Request, HttpStatusCode Status)[]
        {
            ("an empty file", Upload(draft.Id, []), HttpStatusCode.BadRequest),
            ("a renamed executable", Upload(draft.Id, executable, fileName: "report.pdf"), HttpStatusCode.UnsupportedMediaType),
            ("a PDF header on anything else", Upload(draft.Id, Encoding.ASCII.GetBytes("%PDF-1.7\nthis is not a PDF at all\n")), HttpStatusCode.UnsupportedMediaType),
            ("a PDF bomb", Upload(draft.Id, PdfBomb()), HttpStatusCode.RequestEntityTooLarge),
            ("more than 20 MiB", Upload(draft.Id, [.. "%PDF-1.4\n"u8, .. new byte[PdfCheck.MaxBytes]]), HttpStatusCode.RequestEntityTooLarge),
            ("a PDF sent as text", Upload(draft.Id, Pdf("Hallo"), contentType: "text/plain"), HttpStatusCode.UnsupportedMediaType),
        };
        foreach (var (what, request, status) in cases)
        {
            var problem = await (await member.SendAsync(request)).AssertProblem(status);
            Assert.True(problem.TryGetProperty("detail", out var detail) && !string.IsNullOrWhiteSpace(detail.GetString()), $"{what}: {problem}");
            Assert.Equal(HttpStatusCode.OK, (await member.GetAsync($"{Api}/items/{draft.Id}")).StatusCode); // still serving
        }
        // A file for an item that is not a publication, and for somebody else's item.
        var practice = await (await member.PostJson($"{Api}/items", new { type = "GoodPractice", organisationId = draft.OrganisationId, content = GoodPractice("Kein Buch") }))
            .ReadAs<ItemResponse>(HttpStatusCode.Created);
        var afterPractice = await HttpAssertions.StoredEvents(Network.KnowledgeDatabase);
        await (await member.SendAsync(Upload(practice.Id, Pdf("Hallo")))).AssertProblem(HttpStatusCode.Conflict);
        var stranger = Network.Gateway.NewClient((await Network.PersonAsync("Fremd", Guid.NewGuid())).AccessToken);
        await (await stranger.SendAsync(Upload(draft.Id, Pdf("Hallo")))).AssertProblem(HttpStatusCode.NotFound);

        Assert.Equal(before + 1, afterPractice); // only the good practice's draft
        Assert.Equal(afterPractice, await HttpAssertions.StoredEvents(Network.KnowledgeDatabase));
        Assert.Equal(0, await HttpAssertions.CountRows(Network.KnowledgeDatabase, "knowledge_file"));
        await (await member.GetAsync($"{Api}/items/{draft.Id}/file")).AssertProblem(HttpStatusCode.NotFound);
    }
}
