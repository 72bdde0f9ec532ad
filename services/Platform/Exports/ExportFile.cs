using System.Globalization;
using System.Text;
using System.Text.Json;
using CsvHelper;
using CsvHelper.Configuration;
using Microsoft.AspNetCore.Http;
using Microsoft.Net.Http.Headers;
using Network.Platform.Http;
using Network.Platform.Time;
using SpreadCheetah;
using SpreadCheetah.Styling;
using SpreadCheetah.Worksheets;

namespace Network.Platform.Exports;

/// <summary>
/// An export sent as it is read: each row is written to the response when the query yields it and the row is then
/// gone, so the memory an export needs does not grow with its rows. CSV is written by CsvHelper (UTF-8 with a
/// byte-order mark, so spreadsheet programs read umlauts right; CRLF; fields quoted when needed), xlsx by SpreadCheetah
/// (typed cells: numbers as numbers, moments and days as dates, yes/no as booleans; the header row frozen), JSON with
/// System.Text.Json (an array of objects keyed by the columns' keys, moments in ISO 8601 with Berlin's offset).
/// </summary>
/// <remarks>
/// A CSV text cell that starts with =, +, -, @, tab or CR gets a leading apostrophe (OWASP's advice against CSV
/// injection): a spreadsheet then shows what somebody typed instead of running it as a formula. In xlsx every text is
/// a string cell, which a spreadsheet never evaluates, so it is kept as typed; JSON keeps it as typed.
/// </remarks>
public sealed class ExportFile<TRow>(ExportTable<TRow> table, ExportFormat format, ExportSettings settings, string fileName, IAsyncEnumerable<TRow> rows)
    : IResult
{
    /// <summary>Rows are flushed to the client in chunks of about this many bytes.</summary>
    const int FlushBytes = 32 * 1024;

    public async Task ExecuteAsync(HttpContext http)
    {
        var response = http.Response;
        var ct = http.RequestAborted;
        response.ContentType = format.ContentType();
        response.Headers.Append(HeaderNames.Vary, ExportSettings.Vary);
        DownloadNames.Announce(response, $"{fileName}.{format.Extension()}");
        switch (format)
        {
            case ExportFormat.Csv: await WriteCsvAsync(response.Body, ct); break;
            case ExportFormat.Xlsx: await WriteXlsxAsync(response.Body, ct); break;
            default: await WriteJsonAsync(response.Body, ct); break;
        }
    }

    async Task WriteCsvAsync(Stream body, CancellationToken ct)
    {
        await using var text = new StreamWriter(body, new UTF8Encoding(encoderShouldEmitUTF8Identifier: true), FlushBytes, leaveOpen: true);
        var configuration = new CsvConfiguration(CultureInfo.InvariantCulture)
        {
            Delimiter = settings.Separator.ToString(),
            NewLine = "\r\n",
            InjectionOptions = InjectionOptions.None, // done per text cell below: numbers such as -3 stay numbers
        };
        await using var csv = new CsvWriter(text, configuration, leaveOpen: true);
        foreach (var column in table.Columns) csv.WriteField(column.Header(settings.Language));
        await csv.NextRecordAsync();
        await foreach (var row in rows.WithCancellation(ct))
        {
            foreach (var column in table.Columns) csv.WriteField(CsvText(column.Cell(row)));
            await csv.NextRecordAsync();
        }
        await csv.FlushAsync();
        await text.FlushAsync(ct);
    }

    static string CsvText(object? cell) => cell switch
    {
        null => "",
        string text => NeutraliseFormula(text),
        DateTimeOffset moment => BerlinTime.WallClock(moment).ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture),
        DateOnly day => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        bool yes => yes ? "true" : "false",
        IFormattable number => number.ToString(null, CultureInfo.InvariantCulture),
        _ => NeutraliseFormula(cell.ToString() ?? ""),
    };

    static string NeutraliseFormula(string text) =>
        text.Length > 0 && text[0] is '=' or '+' or '-' or '@' or '\t' or '\r' ? "'" + text : text;

    async Task WriteXlsxAsync(Stream body, CancellationToken ct)
    {
        var output = new SyncWriteBuffer(body);
        await using (var spreadsheet = await Spreadsheet.CreateNewAsync(output, new SpreadCheetahOptions { BufferSize = FlushBytes }, ct))
            await WriteSheetAsync(spreadsheet, ct);
        await output.FlushAsync(ct); // the zip's central directory, written when the spreadsheet was disposed
    }

    async Task WriteSheetAsync(Spreadsheet spreadsheet, CancellationToken ct)
    {
        await spreadsheet.StartWorksheetAsync(SheetName(table.Name(settings.Language)), new WorksheetOptions { FrozenRows = 1 }, ct);
        var header = spreadsheet.AddStyle(new Style { Font = { Bold = true } });
        var day = spreadsheet.AddStyle(new Style { Format = NumberFormat.Custom("yyyy-mm-dd") });
        await spreadsheet.AddHeaderRowAsync([.. table.Columns.Select(c => c.Header(settings.Language))], header, ct);
        var cells = new Cell[table.Columns.Count];
        await foreach (var row in rows.WithCancellation(ct))
        {
            for (var i = 0; i < cells.Length; i++) cells[i] = XlsxCell(table.Columns[i].Cell(row), day);
            await spreadsheet.AddRowAsync(cells, ct);
        }
        await spreadsheet.FinishAsync(ct);
    }

    static Cell XlsxCell(object? cell, StyleId day) => cell switch
    {
        null => new Cell((string?)null),
        string text => new Cell(text),
        DateTimeOffset moment => new Cell(BerlinTime.WallClock(moment)),
        DateOnly date => new Cell(date.ToDateTime(TimeOnly.MinValue), day),
        bool yes => new Cell(yes),
        int number => new Cell(number),
        long number => new Cell(number),
        double number => new Cell(number),
        decimal number => new Cell(number),
        _ => new Cell(cell.ToString()),
    };

    /// <summary>Excel's rules for a worksheet's name: at most 31 characters, none of : \ / ? * [ ].</summary>
    static string SheetName(string name)
    {
        var clean = new string([.. name.Select(c => c is ':' or '\\' or '/' or '?' or '*' or '[' or ']' ? '-' : c)]);
        return clean.Length > 31 ? clean[..31] : clean;
    }

    async Task WriteJsonAsync(Stream body, CancellationToken ct)
    {
        await using var json = new Utf8JsonWriter(body);
        json.WriteStartArray();
        await foreach (var row in rows.WithCancellation(ct))
        {
            json.WriteStartObject();
            foreach (var column in table.Columns)
            {
                json.WritePropertyName(column.Key);
                WriteJsonValue(json, column.Cell(row));
            }
            json.WriteEndObject();
            if (json.BytesPending >= FlushBytes) await json.FlushAsync(ct);
        }
        json.WriteEndArray();
        await json.FlushAsync(ct);
    }

    static void WriteJsonValue(Utf8JsonWriter json, object? cell)
    {
        switch (cell)
        {
            case null: json.WriteNullValue(); break;
            case string text: json.WriteStringValue(text); break;
            case DateTimeOffset moment: json.WriteStringValue(BerlinTime.WithBerlinOffset(moment)); break;
            case DateOnly day: json.WriteStringValue(day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)); break;
            case bool yes: json.WriteBooleanValue(yes); break;
            case int number: json.WriteNumberValue(number); break;
            case long number: json.WriteNumberValue(number); break;
            case double number: json.WriteNumberValue(number); break;
            case decimal number: json.WriteNumberValue(number); break;
            default: json.WriteStringValue(cell.ToString()); break;
        }
    }
}

/// <summary>Builds an <see cref="ExportFile{TRow}"/> for a request: <c>return Export.File(table, format, rows, "registrations-…", http);</c></summary>
public static class Export
{
    /// <summary>
    /// The export in the format the address asks for, with the header row in the caller's language (a bad <c>lang</c>
    /// or <c>separator</c> is a 400 before anything is read). <paramref name="fileName"/> is without its extension.
    /// </summary>
    public static ExportFile<TRow> File<TRow>(ExportTable<TRow> table, ExportFormat format, IAsyncEnumerable<TRow> rows, string fileName, HttpContext http) =>
        new ExportFile<TRow>(table, format, ExportSettings.From(http.Request), fileName, rows);
}
