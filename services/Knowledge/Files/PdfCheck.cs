using System.IO.Compression;
using System.Text;
using Network.Platform.Http;
using UglyToad.PdfPig;

namespace Network.Knowledge.Files;

/// <summary>What a checked PDF holds: its pages and its text (cut at <see cref="PdfCheck.MaxTextLength"/>).</summary>
public sealed record CheckedPdf(int Pages, string Text);

/// <summary>
/// A publication's file is taken only if it is a PDF by its content (not its name or the client's content type), a
/// modest one, and readable: each refusal a problem saying why, before anything is stored.
/// <list type="bullet">
/// <item>Empty: 400. More than <see cref="MaxBytes"/>: 413.</item>
/// <item>Not starting with <c>%PDF-</c> (an executable renamed, a picture): 415.</item>
/// <item>A compressed stream that inflates past <see cref="MaxInflatedBytes"/> in all (a "PDF bomb"): 413, found by
/// inflating each <c>FlateDecode</c> stream with a counter before PdfPig, which would inflate it whole in memory.</item>
/// <item>More than <see cref="MaxPages"/> pages: 413. A file PdfPig cannot read (a PDF header on anything else): 415.</item>
/// </list>
/// </summary>
public static class PdfCheck
{
    public const long MaxBytes = FileUploads.MaxBytes;
    public const long MaxInflatedBytes = 200L * 1024 * 1024;
    public const int MaxPages = 2_000;
    public const int MaxTextLength = 2_000_000;

    public static CheckedPdf Check(ReadOnlyMemory<byte> file)
    {
        if (file.Length == 0) throw new DomainRuleViolation("The file is empty.", StatusCodes.Status400BadRequest, "Empty file");
        if (file.Length > MaxBytes) throw TooLarge($"The file has {file.Length:N0} bytes; a publication's PDF may have {MaxBytes:N0}.");
        if (!file.Span.StartsWith("%PDF-"u8))
            throw new DomainRuleViolation("The file is not a PDF: it does not start with %PDF-.", StatusCodes.Status415UnsupportedMediaType, "Not a PDF");
        EnsureNoBomb(file.Span);
        try
        {
            using var pdf = PdfDocument.Open(file.ToArray(), new ParsingOptions { UseLenientParsing = false });
            if (pdf.NumberOfPages > MaxPages) throw TooLarge($"The PDF has {pdf.NumberOfPages:N0} pages; a publication may have {MaxPages:N0}.");
            var text = new StringBuilder();
            foreach (var page in pdf.GetPages())
            {
                if (text.Length >= MaxTextLength) break;
                text.Append(page.Text).Append('\n');
            }
            return new CheckedPdf(pdf.NumberOfPages, text.Length > MaxTextLength ? text.ToString(0, MaxTextLength) : text.ToString());
        }
        catch (DomainRuleViolation) { throw; }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            throw new DomainRuleViolation($"The file starts like a PDF but cannot be read as one ({e.GetType().Name}).",
                StatusCodes.Status415UnsupportedMediaType, "Not a readable PDF");
        }
    }

    static DomainRuleViolation TooLarge(string detail) => new(detail, StatusCodes.Status413PayloadTooLarge, "File too large");

    /// <summary>Inflates every stream that follows a <c>/FlateDecode</c> filter, counting, and stops past the limit.</summary>
    static void EnsureNoBomb(ReadOnlySpan<byte> file)
    {
        long inflated = 0;
        var buffer = new byte[64 * 1024];
        var position = 0;
        while (true)
        {
            var filter = file[position..].IndexOf("/FlateDecode"u8);
            if (filter < 0) return;
            var start = position + filter;
            var keyword = file[start..].IndexOf("stream"u8);
            if (keyword < 0) return;
            var data = start + keyword + "stream".Length;
            while (data < file.Length && file[data] is (byte)'\r' or (byte)'\n') data++;
            var end = file[data..].IndexOf("endstream"u8);
            if (end < 0) end = file.Length - data;
            using (var zlib = new ZLibStream(new MemoryStream(file.Slice(data, end).ToArray()), CompressionMode.Decompress))
            {
                try
                {
                    int read;
                    while ((read = zlib.Read(buffer)) > 0)
                        if ((inflated += read) > MaxInflatedBytes)
                            throw TooLarge($"The PDF's compressed content inflates to more than {MaxInflatedBytes:N0} bytes.");
                }
                catch (InvalidDataException) { } // not zlib data after all: PdfPig decides whether it is a PDF
            }
            position = data + end;
        }
    }
}
