using System.Net;
using System.Text;
using System.Text.Json;
using ExcelDataReader;
using nietras.SeparatedValues;
using Xunit;

namespace Network.Tests.Hosting;

/// <summary>
/// An export as a spreadsheet program or a script reads it, with libraries that are not ours: CSV with Sep, xlsx with
/// ExcelDataReader (cells as the file types them: text, double, DateTime, bool), JSON with System.Text.Json.
/// </summary>
public sealed record ExportSheet(IReadOnlyList<string> Header, IReadOnlyList<IReadOnlyList<object?>> Rows)
{
    public object? Cell(int row, string header)
    {
        var column = Header.ToList().IndexOf(header);
        Assert.True(column >= 0, $"no column '{header}' in [{string.Join(", ", Header)}]");
        return Rows[row][column];
    }
}

public static class ExportFiles
{
    static readonly byte[] Utf8Bom = [0xEF, 0xBB, 0xBF];

    // ExcelDataReader asks for code page 1252 even for xlsx; .NET has it only through this provider.
    static ExportFiles() => Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);

    static async Task<byte[]> Body(HttpResponseMessage response, string mediaType)
    {
        var bytes = await response.Content.ReadAsByteArrayAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{response.StatusCode}: {Encoding.UTF8.GetString(bytes)}");
        Assert.Equal(mediaType, response.Content.Headers.ContentType?.MediaType);
        return bytes;
    }

    /// <summary>A CSV export: UTF-8 with a byte-order mark, the expected separator, every row as long as the header.</summary>
    public static async Task<ExportSheet> ReadCsv(HttpResponseMessage response, char separator)
    {
        var bytes = await Body(response, "text/csv");
        Assert.Equal(Utf8Bom, bytes.Take(3));
        var text = new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(bytes, 3, bytes.Length - 3);
        Assert.EndsWith("\r\n", text);
        using var reader = Sep.Reader(o => o with { Sep = new Sep(separator), Unescape = true, DisableColCountCheck = false }).FromText(text);
        var header = reader.Header.ColNames.ToList();
        var rows = new List<IReadOnlyList<object?>>();
        foreach (var row in reader)
        {
            var cells = new List<object?>(row.ColCount);
            for (var i = 0; i < row.ColCount; i++) cells.Add(row[i].ToString());
            rows.Add(cells);
        }
        Assert.All(rows, r => Assert.Equal(header.Count, r.Count));
        return new ExportSheet(header, rows);
    }

    /// <summary>An xlsx export's first worksheet: the header row and the cells with the types the file gives them.</summary>
    public static async Task<(ExportSheet Sheet, string Name)> ReadXlsx(HttpResponseMessage response)
    {
        var bytes = await Body(response, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
        using var reader = ExcelReaderFactory.CreateOpenXmlReader(new MemoryStream(bytes));
        var name = reader.Name;
        var rows = new List<IReadOnlyList<object?>>();
        while (reader.Read())
            rows.Add([.. Enumerable.Range(0, reader.FieldCount).Select(reader.GetValue)]);
        Assert.NotEmpty(rows);
        var header = rows[0].Select(c => c?.ToString() ?? "").ToList();
        Assert.All(rows, r => Assert.Equal(header.Count, r.Count));
        return (new ExportSheet(header, rows.Skip(1).ToList()), name);
    }

    /// <summary>A JSON export: an array of objects.</summary>
    public static async Task<List<JsonElement>> ReadJson(HttpResponseMessage response)
    {
        var bytes = await Body(response, "application/json");
        return [.. JsonDocument.Parse(bytes).RootElement.EnumerateArray().Select(e => e.Clone())];
    }

    public static string? FileName(HttpResponseMessage response) =>
        response.Content.Headers.ContentDisposition?.FileNameStar ?? response.Content.Headers.ContentDisposition?.FileName?.Trim('"');
}
